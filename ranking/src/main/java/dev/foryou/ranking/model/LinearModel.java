package dev.foryou.ranking.model;

import java.util.Arrays;

/**
 * A logistic model per objective: P = σ(offset + w·x). The snapshot both learners publish.
 *
 * <p>Immutable and thread-safe; arrays are copied in and out.
 */
public final class LinearModel implements Predictor {
  private final float[] offsets;
  private final float[] weights; // objective-major, Features.SIZE per objective
  private final float[] byFeature; // the same, feature-major: one pass scores every head

  /**
   * Creates a model.
   *
   * @param offsets one logit offset per objective
   * @param weights one row of {@link Features#SIZE} weights per objective
   * @throws IllegalArgumentException on wrong shapes or non-finite values
   */
  public LinearModel(float[] offsets, float[][] weights) {
    int k = Objective.count();
    if (offsets.length != k || weights.length != k) {
      throw new IllegalArgumentException(
          "need "
              + k
              + " offsets and weight rows, got "
              + offsets.length
              + " and "
              + weights.length);
    }
    this.offsets = offsets.clone();
    this.weights = new float[k * Features.SIZE];
    for (int o = 0; o < k; o++) {
      if (weights[o].length != Features.SIZE) {
        throw new IllegalArgumentException(
            "weight row " + o + " has length " + weights[o].length + ", needs " + Features.SIZE);
      }
      System.arraycopy(weights[o], 0, this.weights, o * Features.SIZE, Features.SIZE);
    }
    for (float f : this.weights) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("non-finite weight " + f);
      }
    }
    for (float f : this.offsets) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("non-finite offset " + f);
      }
    }
    this.byFeature = new float[k * Features.SIZE];
    for (int o = 0; o < k; o++) {
      for (int i = 0; i < Features.SIZE; i++) {
        byFeature[i * k + o] = this.weights[o * Features.SIZE + i];
      }
    }
  }

  /**
   * The untrained model: all weights 0, every objective predicts its {@link Objective#prior()}.
   *
   * @return the prior model
   */
  public static LinearModel prior() {
    int k = Objective.count();
    float[] off = new float[k];
    for (int o = 0; o < k; o++) {
      off[o] = logit(Objective.of(o).prior());
    }
    return new LinearModel(off, new float[k][Features.SIZE]);
  }

  static float logit(float p) {
    return (float) Math.log(p / (1 - p));
  }

  @Override
  public void predict(float[] x, float[] out) {
    // one pass over the features for all heads; zero features (source flags, user features of a
    // cold user) are skipped. Each head still adds its terms in feature order, so the logits are
    // the same as head by head.
    int k = offsets.length;
    if (k == 8 && x.length >= Features.SIZE && out.length >= 8) {
      predict8(x, out);
      return;
    }
    float[] z = out;
    System.arraycopy(offsets, 0, z, 0, k);
    for (int i = 0, base = 0; i < Features.SIZE; i++, base += k) {
      float xi = x[i];
      if (xi == 0f) {
        continue;
      }
      for (int o = 0; o < k; o++) {
        z[o] += byFeature[base + o] * xi;
      }
    }
    for (int o = 0; o < k; o++) {
      z[o] = (float) (1 / (1 + Math.exp(-z[o])));
    }
  }

  /**
   * {@link #predict} for the usual eight heads with the logits in locals rather than in {@code out}
   * (which the compiler must assume may alias the weights): the same operations in the same order,
   * so the same values.
   */
  private void predict8(float[] x, float[] out) {
    float[] w = byFeature;
    float z0 = offsets[0];
    float z1 = offsets[1];
    float z2 = offsets[2];
    float z3 = offsets[3];
    float z4 = offsets[4];
    float z5 = offsets[5];
    float z6 = offsets[6];
    float z7 = offsets[7];
    for (int i = 0, base = 0; i < Features.SIZE; i++, base += 8) {
      float xi = x[i];
      if (xi == 0f) {
        continue;
      }
      z0 += w[base] * xi;
      z1 += w[base + 1] * xi;
      z2 += w[base + 2] * xi;
      z3 += w[base + 3] * xi;
      z4 += w[base + 4] * xi;
      z5 += w[base + 5] * xi;
      z6 += w[base + 6] * xi;
      z7 += w[base + 7] * xi;
    }
    out[0] = sigmoid(z0);
    out[1] = sigmoid(z1);
    out[2] = sigmoid(z2);
    out[3] = sigmoid(z3);
    out[4] = sigmoid(z4);
    out[5] = sigmoid(z5);
    out[6] = sigmoid(z6);
    out[7] = sigmoid(z7);
  }

  private static float sigmoid(float z) {
    return (float) (1 / (1 + Math.exp(-z)));
  }

  /** The offsets, not copied: for {@link PreRanker} only. */
  float[] offsetsView() {
    return offsets;
  }

  /** The weights feature-major ({@code [feature * k + objective]}), not copied. */
  float[] byFeatureView() {
    return byFeature;
  }

  @Override
  public double logitContribution(Objective objective, int feature, float[] features) {
    return weights[objective.ordinal() * Features.SIZE + feature] * features[feature];
  }

  /**
   * Returns one objective's weights, a copy.
   *
   * @param objective the objective
   * @return {@link Features#SIZE} weights
   */
  public float[] weights(Objective objective) {
    int b = objective.ordinal() * Features.SIZE;
    return Arrays.copyOfRange(weights, b, b + Features.SIZE);
  }

  /**
   * Returns one objective's logit offset.
   *
   * @param objective the objective
   * @return the offset
   */
  public float offset(Objective objective) {
    return offsets[objective.ordinal()];
  }
}
