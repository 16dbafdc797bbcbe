package dev.foryou.ranking.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The evaluation harness. For each model: fit every grid point on the training part, choose by
 * NDCG@K on the validation part (ranking all items except the user's training items), refit the
 * chosen configuration on train + validation, and evaluate it once on the test part (ranking all
 * items except the user's train + validation items). The {@code foryou} blend reuses the tuned
 * component models. Not thread-safe: one instance runs one evaluation (it uses {@code threads}
 * threads itself).
 */
public final class Evaluation {

  /** Every model name the harness knows, in reporting order. */
  public static final List<String> MODELS =
      List.of("pop", "itemknn", "bpr", "ials", "ease", "foryou");

  private final Split split;
  private final UserItems trainVal;
  private final int k;
  private final int threads;
  private final long seed;
  private final Consumer<String> log;
  private final boolean quick;
  private final Map<String, Tuned> tuned = new HashMap<>();
  private final Map<String, Fitted> finals = new HashMap<>();

  record Tuned(String config, Object configObject, Recommender model, double ndcg) {}

  record Fitted(Recommender model, double seconds) {}

  private Evaluation(
      Split split, int k, int threads, long seed, Consumer<String> log, boolean quick) {
    this.quick = quick;
    this.split = split;
    this.trainVal = split.train().union(split.validation());
    this.k = k;
    this.threads = threads;
    this.seed = seed;
    this.log = log;
  }

  /**
   * Evaluates the named models on a split.
   *
   * @param split the split
   * @param models model names from {@link #MODELS}
   * @param k the cut-off, >= 1
   * @param threads worker threads, >= 1
   * @param seed seed for the stochastic models
   * @param progress receives one line per finished model (and tuning notes)
   * @return one result per model, in the order given
   * @throws IllegalArgumentException naming an unknown model or a bad k / threads
   */
  public static List<ModelResult> run(
      Split split, List<String> models, int k, int threads, long seed, Consumer<String> progress) {
    return run(split, models, k, threads, seed, progress, false);
  }

  /** As {@link #run}; {@code quick} tunes only the middle grid point of each model (for tests). */
  static List<ModelResult> run(
      Split split,
      List<String> models,
      int k,
      int threads,
      long seed,
      Consumer<String> progress,
      boolean quick) {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(progress, "progress");
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    for (String m : models) {
      if (!MODELS.contains(m)) {
        throw new IllegalArgumentException("unknown model '" + m + "' (known: " + MODELS + ")");
      }
    }
    Evaluation e = new Evaluation(split, k, threads, seed, progress, quick);
    List<ModelResult> out = new ArrayList<>();
    for (String m : models) {
      out.add(e.evaluate(m));
    }
    return out;
  }

  private ModelResult evaluate(String name) {
    long t0 = System.nanoTime();
    ModelResult r;
    if (name.equals("foryou")) {
      r = evaluateForyou();
    } else {
      Tuned t = tune(name);
      Fitted f = fitFinal(name);
      MetricSet test = testMetrics(f.model());
      r = new ModelResult(name, t.config(), t.ndcg(), test, f.seconds());
    }
    log.accept(
        String.format(
            java.util.Locale.ROOT,
            "%-8s ndcg@%d=%.4f (validation %.4f, %s) train %.2fs, total %.1fs",
            name,
            k,
            r.test().ndcg(),
            r.validationNdcg(),
            r.config(),
            r.trainSeconds(),
            (System.nanoTime() - t0) / 1e9));
    return r;
  }

  private Algorithm<?> algorithm(String name) {
    return switch (name) {
      case "pop" -> new Popularity();
      case "itemknn" -> new ItemKnn(threads);
      case "bpr" -> new Factorization.Bpr(threads, seed);
      case "ials" -> new Factorization.Ials(threads, seed);
      case "ease" -> new Ease(threads);
      case "rp3beta" -> new Rp3Beta(threads);
      default -> throw new IllegalArgumentException("unknown model: " + name);
    };
  }

  Tuned tune(String name) {
    Tuned t = tuned.get(name);
    if (t == null) {
      t = tuneGrid(algorithm(name));
      tuned.put(name, t);
    }
    return t;
  }

  private <C> Tuned tuneGrid(Algorithm<C> algo) {
    Tuned best = null;
    List<C> grid = algo.grid();
    if (quick) {
      grid = List.of(grid.get(grid.size() / 2));
    }
    for (C c : grid) {
      Recommender r = algo.fit(split.train(), c);
      double ndcg = validationNdcg(r);
      if (best == null || ndcg > best.ndcg()) {
        best = new Tuned(c.toString(), c, r, ndcg);
      }
    }
    return best;
  }

  @SuppressWarnings("unchecked")
  private <C> Fitted fitFinal(String name) {
    Fitted f = finals.get(name);
    if (f == null) {
      Tuned t = tune(name);
      Algorithm<C> algo = (Algorithm<C>) algorithm(name);
      long t0 = System.nanoTime();
      Recommender r = algo.fit(trainVal, (C) t.configObject());
      f = new Fitted(r, (System.nanoTime() - t0) / 1e9);
      finals.put(name, f);
    }
    return f;
  }

  double validationNdcg(Recommender r) {
    return Evaluator.evaluate(r, split.train(), split.validation(), split.train(), k, threads)
        .ndcg();
  }

  private MetricSet testMetrics(Recommender r) {
    return Evaluator.evaluate(r, trainVal, split.test(), trainVal, k, threads);
  }

  private ModelResult evaluateForyou() {
    Map<String, Recommender> valModels = new LinkedHashMap<>();
    for (String c : Foryou.COMPONENTS) {
      valModels.put(c, tune(c).model());
    }
    Foryou.Weights w = Foryou.tuneWeights(valModels, split.train(), split.validation(), k, threads);
    Map<String, Recommender> finalModels = new LinkedHashMap<>();
    double seconds = 0;
    for (String c : Foryou.COMPONENTS) {
      Fitted f = fitFinal(c);
      finalModels.put(c, f.model());
      seconds += f.seconds();
    }
    Recommender blend = Foryou.blend(finalModels, w, trainVal);
    MetricSet test = testMetrics(blend);
    return new ModelResult("foryou", w.toString(), w.validationNdcg(), test, seconds);
  }
}
