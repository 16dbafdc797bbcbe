package dev.foryou.ranking.embed;

import dev.foryou.ranking.internal.Parallel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.lucene.util.VectorUtil;

/**
 * Bayesian personalized ranking with matrix factorization, trained by lock-free parallel SGD.
 *
 * <p>Design: Rendle, Freudenthaler, Gantner and Schmidt-Thieme, "BPR: Bayesian Personalized Ranking
 * from Implicit Feedback" (UAI 2009), with uniform sampling of a positive (user, item) entry and a
 * negative item the user has no positive feedback on; a user's explicit negatives (negative
 * strengths) are sampled as the negative half of the time, so they count against the item. Threads
 * update the shared factor arrays without locks (Niu et al., "Hogwild!", NIPS 2011). Fold-in on the
 * resulting model uses the iALS closed form with λ = {@code max(regularization·100, 0.1)} and α =
 * 1.
 *
 * <p>Not thread-safe: one thread drives {@link #epoch()}; {@link #model()} returns an immutable
 * snapshot.
 */
public final class BprTrainer {

  private final FeedbackMatrix data;
  private final BprConfig config;
  private final int dim;
  private final float[][] userFactors;
  private final float[][] itemFactors;
  private final int[] posUser; // positive entries
  private final int[] posItem;
  private final int[] negStart; // per user, explicit negatives
  private final int[] negItems;
  private final float[][] grad; // per-thread scratch
  private int epochs;

  private BprTrainer(FeedbackMatrix data, BprConfig config) {
    this.data = data;
    this.config = config;
    this.dim = config.factors();
    SplittableRandom rnd = new SplittableRandom(config.seed());
    double std = 0.1;
    userFactors = new float[data.users][dim];
    itemFactors = new float[data.items][dim];
    for (float[] row : userFactors) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) (rnd.nextGaussian() * std);
      }
    }
    for (float[] row : itemFactors) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) (rnd.nextGaussian() * std);
      }
    }
    int pos = 0;
    int neg = 0;
    for (float v : data.userValues) {
      if (v > 0) {
        pos++;
      } else {
        neg++;
      }
    }
    posUser = new int[pos];
    posItem = new int[pos];
    negStart = new int[data.users + 1];
    negItems = new int[neg];
    int p = 0;
    int q = 0;
    for (int u = 0; u < data.users; u++) {
      for (int k = data.userStart[u]; k < data.userStart[u + 1]; k++) {
        if (data.userValues[k] > 0) {
          posUser[p] = u;
          posItem[p] = data.userItems[k];
          p++;
        } else {
          negItems[q++] = data.userItems[k];
        }
      }
      negStart[u + 1] = q;
    }
    grad = new float[config.threads()][dim];
  }

  /**
   * Creates a trainer with randomly initialized factors.
   *
   * @param data the feedback to fit
   * @param config the settings
   * @return a new trainer
   */
  public static BprTrainer of(FeedbackMatrix data, BprConfig config) {
    java.util.Objects.requireNonNull(data, "data");
    java.util.Objects.requireNonNull(config, "config");
    return new BprTrainer(data, config);
  }

  /**
   * Trains for {@code config.epochs()} epochs and returns the model.
   *
   * @param data the feedback to fit
   * @param config the settings
   * @return the trained model
   */
  public static EmbeddingModel train(FeedbackMatrix data, BprConfig config) {
    BprTrainer t = of(data, config);
    for (int e = 0; e < config.epochs(); e++) {
      t.epoch();
    }
    return t.model();
  }

  /** Runs one epoch: as many SGD triples as there are positive entries, split over the threads. */
  public void epoch() {
    int threads = config.threads();
    int total = posUser.length;
    if (total == 0 || data.items < 2) {
      epochs++;
      return;
    }
    int per = (total + threads - 1) / threads;
    long epochSeed = config.seed() * 0x9E3779B97F4A7C15L + epochs;
    Parallel.forRange(
        threads,
        threads,
        1,
        (worker, t) -> {
          SplittableRandom rnd = new SplittableRandom(epochSeed + 31L * t);
          int n = Math.min(per, total - t * per);
          for (int s = 0; s < n; s++) {
            sgd(rnd, grad[worker]);
          }
        });
    epochs++;
  }

  private void sgd(SplittableRandom rnd, float[] gu) {
    int e = rnd.nextInt(posUser.length);
    int u = posUser[e];
    int i = posItem[e];
    int j;
    int nNeg = negStart[u + 1] - negStart[u];
    if (nNeg > 0 && rnd.nextBoolean()) {
      j = negItems[negStart[u] + rnd.nextInt(nNeg)];
    } else {
      j = -1;
      for (int tries = 0; tries < 16; tries++) {
        int c = rnd.nextInt(data.items);
        if (!isPositive(u, c)) {
          j = c;
          break;
        }
      }
      if (j < 0) {
        return;
      }
    }
    float[] wu = userFactors[u];
    float[] hi = itemFactors[i];
    float[] hj = itemFactors[j];
    float x = VectorUtil.dotProduct(wu, hi) - VectorUtil.dotProduct(wu, hj);
    float g = (float) (1.0 / (1.0 + Math.exp(x))); // sigmoid(-x)
    float lr = (float) config.learningRate();
    float reg = (float) config.regularization();
    System.arraycopy(wu, 0, gu, 0, dim);
    for (int f = 0; f < dim; f++) {
      float d = hi[f] - hj[f];
      wu[f] += lr * (g * d - reg * wu[f]);
      hi[f] += lr * (g * gu[f] - reg * hi[f]);
      hj[f] += lr * (-g * gu[f] - reg * hj[f]);
    }
  }

  private boolean isPositive(int u, int item) {
    int k = Arrays.binarySearch(data.userItems, data.userStart[u], data.userStart[u + 1], item);
    return k >= 0 && data.userValues[k] > 0;
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
    return new FactorModel(u, it, dim, Math.max(config.regularization() * 100, 0.1), 1.0);
  }
}
