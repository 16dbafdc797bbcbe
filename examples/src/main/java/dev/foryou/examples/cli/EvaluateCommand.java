package dev.foryou.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.foryou.ranking.eval.Evaluation;
import dev.foryou.ranking.eval.Interactions;
import dev.foryou.ranking.eval.MetricSet;
import dev.foryou.ranking.eval.ModelResult;
import dev.foryou.ranking.eval.Protocols;
import dev.foryou.ranking.eval.RatingData;
import dev.foryou.ranking.eval.RatingLoader;
import dev.foryou.ranking.eval.Split;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code foryou evaluate}: offline evaluation of the baselines and the engine's own recommender on
 * a rating file, with a progress line per model, a results table and optional JSON. Not
 * thread-safe; one instance runs one command.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates recommenders on a rating file: validation-tuned hyperparameters, the test part"
          + " touched once per reported number, full ranking over all items.",
      "Default --min-rating: 3 on a 5-point scale, scaled to the data's top rating (0-10 data such"
          + " as MovieTweetings keeps ratings >= 6); an explicit value is used in the data's units."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      description = "rating file or a folder with ratings.tsv/.dat/.csv")
  Path data;

  @Option(
      names = "--format",
      defaultValue = "auto",
      description = "auto, tsv, csv or dat (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--protocol",
      defaultValue = "random",
      description =
          "random (80/10/10 per user) or temporal (leave last out) (default: ${DEFAULT-VALUE})")
  String protocol;

  @Option(
      names = "--min-rating",
      description = "drop ratings below this (default: 3 on a 5-point scale, scaled to the data)")
  Double minRating;

  @Option(
      names = "--core",
      defaultValue = "10",
      description = "k-core: min interactions per user and item (default: ${DEFAULT-VALUE})")
  int core;

  @Option(
      names = "--models",
      split = ",",
      defaultValue = "pop,itemknn,bpr,ials,ease,foryou",
      description = "comma-separated models (default: ${DEFAULT-VALUE})")
  List<String> models;

  @Option(names = "--k", defaultValue = "10", description = "cut-off K (default: ${DEFAULT-VALUE})")
  int k;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "split seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--threads", description = "worker threads (default: available processors)")
  Integer threads;

  @Option(names = "--json", description = "also write the results as JSON to this file")
  Path json;

  /** Creates the command; picocli fills its fields. */
  public EvaluateCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (k < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--k must be >= 1: " + k);
    }
    if (core < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--core must be >= 0: " + core);
    }
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (nThreads < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threads must be >= 1: " + nThreads);
    }
    List<String> names = new ArrayList<>();
    for (String m : models) {
      String n = m.trim().toLowerCase(Locale.ROOT);
      if (!Evaluation.MODELS.contains(n)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "unknown model '" + m + "' (known: " + Evaluation.MODELS + ")");
      }
      names.add(n);
    }
    String proto = protocol.trim().toLowerCase(Locale.ROOT);
    if (!proto.equals("random") && !proto.equals("temporal")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--protocol must be random or temporal: " + protocol);
    }
    RatingLoader.Format fmt;
    try {
      fmt = RatingLoader.Format.parse(format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    RatingData ratings = RatingLoader.load(data, fmt);
    double threshold = Protocols.ratingThreshold(minRating, ratings);
    Interactions kept = Protocols.filter(ratings, threshold, core);
    Split split = proto.equals("random") ? Protocols.random(kept, seed) : Protocols.temporal(kept);
    out.printf(
        Locale.ROOT,
        "%s: %d ratings -> %d interactions (rating >= %s, %d-core), %d users, %d items;"
            + " protocol %s; train/validation/test %d/%d/%d; %d threads%n",
        ratings.name(),
        ratings.size(),
        kept.size(),
        fmtNum(threshold),
        core,
        kept.users(),
        kept.items(),
        split.protocol(),
        split.train().size(),
        split.validation().size(),
        split.test().size(),
        nThreads);
    out.flush();
    List<ModelResult> results =
        Evaluation.run(
            split,
            names,
            k,
            nThreads,
            seed,
            line -> {
              out.println(line);
              out.flush();
            });
    out.println();
    printTable(out, results);
    out.flush();
    if (json != null) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("dataset", ratings.name());
      root.put("protocol", proto);
      root.put("users", kept.users());
      root.put("items", kept.items());
      root.put("interactions", kept.size());
      root.put("min_rating", threshold);
      root.put("core", core);
      root.put("seed", seed);
      List<Map<String, Object>> rs = new ArrayList<>();
      for (ModelResult r : results) {
        MetricSet m = r.test();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", r.model());
        o.put("ndcg@" + k, m.ndcg());
        o.put("recall@" + k, m.recall());
        o.put("hit@" + k, m.hitRate());
        o.put("mrr@" + k, m.mrr());
        o.put("coverage@" + k, m.coverage());
        o.put("novelty@" + k, m.novelty());
        o.put("train_seconds", r.trainSeconds());
        o.put("validation_ndcg@" + k, r.validationNdcg());
        o.put("config", r.config());
        rs.add(o);
      }
      root.put("results", rs);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), root);
      out.println("wrote " + json);
    }
    return 0;
  }

  private void printTable(PrintWriter out, List<ModelResult> results) {
    out.printf(
        Locale.ROOT,
        "%-8s %9s %10s %7s %7s %12s %11s %8s%n",
        "model",
        "ndcg@" + k,
        "recall@" + k,
        "hit@" + k,
        "mrr@" + k,
        "coverage@" + k,
        "novelty@" + k,
        "train s");
    for (ModelResult r : results) {
      MetricSet m = r.test();
      out.printf(
          Locale.ROOT,
          "%-8s %9.4f %10.4f %7.4f %7.4f %12.4f %11.2f %8.2f%n",
          r.model(),
          m.ndcg(),
          m.recall(),
          m.hitRate(),
          m.mrr(),
          m.coverage(),
          m.novelty(),
          r.trainSeconds());
    }
  }

  private static String fmtNum(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
