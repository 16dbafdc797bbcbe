package dev.foryou.ranking.embed;

import dev.foryou.ranking.internal.Parallel;
import java.util.SplittableRandom;
import org.apache.lucene.util.VectorUtil;

/**
 * Implicit alternating least squares on primitive arrays, multi-threaded.
 *
 * <p>Design: Hu, Koren and Volinsky, "Collaborative Filtering for Implicit Feedback Datasets" (ICDM
 * 2008): every (user, item) pair has preference {@code p = [v > 0]} and confidence {@code c = 1 +
 * α|v|} (unobserved pairs: p = 0, c = 1), so a negative strength is a confident 0. Each half-step
 * solves every row of one side against the fixed other side using the shared Gramian {@code YᵀY}
 * plus a sparse correction over the row's entries. Rows are solved either exactly (Cholesky, {@code
 * cgSteps = 0}) or with a few warm-started conjugate-gradient steps (Takács, Pilászy and Tikk,
 * "Applications of the Conjugate Gradient Method for Implicit Feedback Collaborative Filtering",
 * RecSys 2011), which costs {@code O(d² + n·d)} per row instead of {@code O(d³ + n·d²)}. An epoch
 * is an item half-step followed by a user half-step, so after any epoch every user vector is the
 * solve against the current item factors — exactly what {@link EmbeddingModel#foldIn} computes with
 * {@code cgSteps = 0}. Rows are split over threads with dynamic chunks; results do not depend on
 * the thread count.
 *
 * <p>Not thread-safe: one thread drives {@link #epoch()}; {@link #model()} returns an immutable
 * snapshot.
 */
public final class IalsTrainer {

  private final FeedbackMatrix data;
  private final IalsConfig config;
  private final int dim;
  private final float[][] userFactors;
  private final float[][] itemFactors;
  private final float[][] gram; // dim × dim, float rows for VectorUtil
  private final double[] gramD;
  private final Scratch[] scratch;
  private int epochs;

  private IalsTrainer(FeedbackMatrix data, IalsConfig config) {
    this.data = data;
    this.config = config;
    this.dim = config.factors();
    SplittableRandom rnd = new SplittableRandom(config.seed());
    double std = 0.1 / Math.sqrt(dim);
    this.userFactors = randomRows(data.users, dim, rnd, std);
    this.itemFactors = randomRows(data.items, dim, rnd, std);
    this.gram = new float[dim][dim];
    this.gramD = new double[dim * dim];
    this.scratch = new Scratch[config.threads()];
    for (int t = 0; t < scratch.length; t++) {
      scratch[t] = new Scratch(dim, config.cgSteps() == 0);
    }
  }

  /**
   * Creates a trainer with randomly initialized factors (no epoch run yet).
   *
   * @param data the feedback to fit
   * @param config the settings
   * @return a new trainer
   */
  public static IalsTrainer of(FeedbackMatrix data, IalsConfig config) {
    java.util.Objects.requireNonNull(data, "data");
    java.util.Objects.requireNonNull(config, "config");
    return new IalsTrainer(data, config);
  }

  /**
   * Trains for {@code config.epochs()} epochs and returns the model.
   *
   * @param data the feedback to fit
   * @param config the settings
   * @return the trained model
   */
  public static EmbeddingModel train(FeedbackMatrix data, IalsConfig config) {
    IalsTrainer t = of(data, config);
    for (int e = 0; e < config.epochs(); e++) {
      t.epoch();
    }
    return t.model();
  }

  /** Runs one epoch: an item half-step, then a user half-step. */
  public void epoch() {
    halfStep(itemFactors, userFactors, data.items, data.itemStart, data.itemUsers, data.itemValues);
    halfStep(userFactors, itemFactors, data.users, data.userStart, data.userItems, data.userValues);
    epochs++;
  }

  /** Returns how many epochs have run. */
  public int epochs() {
    return epochs;
  }

  /**
   * Returns an immutable snapshot of the current factors; users and items without feedback have no
   * vector.
   *
   * @return the model
   */
  public EmbeddingModel model() {
    float[][] u = new float[data.users][];
    for (int i = 0; i < u.length; i++) {
      if (data.userStart[i + 1] > data.userStart[i]) {
        u[i] = userFactors[i].clone();
      }
    }
    float[][] it = new float[data.items][];
    for (int i = 0; i < it.length; i++) {
      if (data.itemStart[i + 1] > data.itemStart[i]) {
        it[i] = itemFactors[i].clone();
      }
    }
    return new FactorModel(u, it, dim, config.regularization(), config.alpha());
  }

  private static float[][] randomRows(int n, int dim, SplittableRandom rnd, double std) {
    float[][] rows = new float[n][dim];
    for (float[] row : rows) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) (rnd.nextGaussian() * std);
      }
    }
    return rows;
  }

  private void computeGram(float[][] fixed, int[] start) {
    int threads = config.threads();
    double[][] partial = new double[threads][dim * dim];
    int n = fixed.length;
    int block = Math.max(1, (n + threads - 1) / threads);
    // only rows with feedback take part, consistent with the model snapshot
    Parallel.forRange(
        threads,
        threads,
        1,
        (worker, t) -> {
          double[] g = partial[t];
          int end = Math.min(n, (t + 1) * block);
          for (int r = t * block; r < end; r++) {
            if (start[r + 1] > start[r]) {
              FactorModel.addOuter(g, fixed[r], 1.0, dim);
            }
          }
        });
    java.util.Arrays.fill(gramD, 0);
    for (double[] g : partial) {
      for (int k = 0; k < g.length; k++) {
        gramD[k] += g[k];
      }
    }
    for (int a = 0; a < dim; a++) {
      for (int b = 0; b <= a; b++) {
        gramD[b * dim + a] = gramD[a * dim + b];
        gram[a][b] = (float) gramD[a * dim + b];
        gram[b][a] = gram[a][b];
      }
    }
  }

  private void halfStep(
      float[][] solve, float[][] fixed, int rows, int[] start, int[] cols, float[] vals) {
    // the Gramian runs over the fixed side's rows that have feedback
    int[] fixedStart = fixed == userFactors ? data.userStart : data.itemStart;
    computeGram(fixed, fixedStart);
    double lambda = config.regularization();
    double alpha = config.alpha();
    int cg = config.cgSteps();
    Parallel.forRange(
        config.threads(),
        rows,
        32,
        (worker, r) -> {
          int s = start[r];
          int e = start[r + 1];
          if (s == e) {
            return;
          }
          Scratch sc = scratch[worker];
          if (cg == 0) {
            exactRow(solve[r], fixed, s, e, cols, vals, lambda, alpha, sc);
          } else {
            cgRow(solve[r], fixed, s, e, cols, vals, (float) lambda, (float) alpha, cg, sc);
          }
        });
  }

  private void exactRow(
      float[] x,
      float[][] fixed,
      int s,
      int e,
      int[] cols,
      float[] vals,
      double lambda,
      double alpha,
      Scratch sc) {
    double[] a = sc.a;
    double[] b = sc.b;
    System.arraycopy(gramD, 0, a, 0, dim * dim);
    java.util.Arrays.fill(b, 0);
    for (int i = 0; i < dim; i++) {
      a[i * dim + i] += lambda;
    }
    for (int k = s; k < e; k++) {
      float v = vals[k];
      float[] y = fixed[cols[k]];
      double c = 1.0 + alpha * Math.abs(v);
      FactorModel.addOuter(a, y, c - 1.0, dim);
      if (v > 0) {
        for (int i = 0; i < dim; i++) {
          b[i] += c * y[i];
        }
      }
    }
    Cholesky.factor(a, dim);
    Cholesky.solve(a, dim, b);
    for (int i = 0; i < dim; i++) {
      x[i] = (float) b[i];
    }
  }

  private void cgRow(
      float[] x,
      float[][] fixed,
      int s,
      int e,
      int[] cols,
      float[] vals,
      float lambda,
      float alpha,
      int steps,
      Scratch sc) {
    float[] r = sc.r;
    float[] p = sc.p;
    float[] ap = sc.ap;
    // r = b - A x
    for (int i = 0; i < dim; i++) {
      r[i] = -VectorUtil.dotProduct(gram[i], x) - lambda * x[i];
    }
    for (int k = s; k < e; k++) {
      float v = vals[k];
      float[] y = fixed[cols[k]];
      float c = 1f + alpha * Math.abs(v);
      float w = (v > 0 ? c : 0f) - (c - 1f) * VectorUtil.dotProduct(y, x);
      for (int i = 0; i < dim; i++) {
        r[i] += w * y[i];
      }
    }
    System.arraycopy(r, 0, p, 0, dim);
    float rs = VectorUtil.dotProduct(r, r);
    for (int step = 0; step < steps && rs > 1e-12f; step++) {
      for (int i = 0; i < dim; i++) {
        ap[i] = VectorUtil.dotProduct(gram[i], p) + lambda * p[i];
      }
      for (int k = s; k < e; k++) {
        float[] y = fixed[cols[k]];
        float w = alpha * Math.abs(vals[k]) * VectorUtil.dotProduct(y, p);
        for (int i = 0; i < dim; i++) {
          ap[i] += w * y[i];
        }
      }
      float pap = VectorUtil.dotProduct(p, ap);
      if (!(pap > 0)) {
        break;
      }
      float step0 = rs / pap;
      for (int i = 0; i < dim; i++) {
        x[i] += step0 * p[i];
        r[i] -= step0 * ap[i];
      }
      float rsNew = VectorUtil.dotProduct(r, r);
      float beta = rsNew / rs;
      for (int i = 0; i < dim; i++) {
        p[i] = r[i] + beta * p[i];
      }
      rs = rsNew;
    }
  }

  private static final class Scratch {
    final double[] a;
    final double[] b;
    final float[] r;
    final float[] p;
    final float[] ap;

    Scratch(int dim, boolean exact) {
      a = exact ? new double[dim * dim] : null;
      b = exact ? new double[dim] : null;
      r = new float[dim];
      p = new float[dim];
      ap = new float[dim];
    }
  }
}
