package dev.foryou.ranking.embed;

import org.apache.lucene.util.VectorUtil;

/** Immutable user/item factor snapshot shared by the iALS and BPR trainers. */
final class FactorModel implements EmbeddingModel {

  private final int dim;
  private final float[][] userFactors; // null row = no vector
  private final float[][] itemFactors; // null row = no vector
  private final double[] gram; // YᵀY over items with vectors, dim × dim
  private final double lambda;
  private final double alpha;

  FactorModel(float[][] users, float[][] items, int dim, double lambda, double alpha) {
    this.dim = dim;
    this.userFactors = users;
    this.itemFactors = items;
    this.lambda = lambda;
    this.alpha = alpha;
    this.gram = new double[dim * dim];
    for (float[] y : items) {
      if (y == null) {
        continue;
      }
      for (int a = 0; a < dim; a++) {
        double ya = y[a];
        int ra = a * dim;
        for (int b = 0; b <= a; b++) {
          gram[ra + b] += ya * y[b];
        }
      }
    }
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public int users() {
    return userFactors.length;
  }

  @Override
  public int items() {
    return itemFactors.length;
  }

  @Override
  public boolean userVector(int user, float[] out) {
    if (user < 0 || user >= userFactors.length || userFactors[user] == null) {
      return false;
    }
    System.arraycopy(userFactors[user], 0, out, 0, dim);
    return true;
  }

  @Override
  public boolean itemVector(int item, float[] out) {
    if (!hasItemVector(item)) {
      return false;
    }
    System.arraycopy(itemFactors[item], 0, out, 0, dim);
    return true;
  }

  @Override
  public boolean hasItemVector(int item) {
    return item >= 0 && item < itemFactors.length && itemFactors[item] != null;
  }

  @Override
  public float score(int user, int item) {
    if (user < 0 || user >= userFactors.length || userFactors[user] == null) {
      return 0f;
    }
    if (!hasItemVector(item)) {
      return 0f;
    }
    return VectorUtil.dotProduct(userFactors[user], itemFactors[item]);
  }

  /** Package access for the evaluation's bulk scoring; rows may be null. */
  float[][] userRows() {
    return userFactors;
  }

  float[][] itemRows() {
    return itemFactors;
  }

  @Override
  public boolean foldIn(int[] items, float[] strengths, int count, float[] out) {
    if (count < 0 || count > items.length || count > strengths.length) {
      throw new IllegalArgumentException("count out of range: " + count);
    }
    if (out.length < dim) {
      throw new IllegalArgumentException("out length " + out.length + " < dimension " + dim);
    }
    for (int k = 0; k < count; k++) {
      if (!Float.isFinite(strengths[k])) {
        throw new IllegalArgumentException("strength must be finite: " + strengths[k]);
      }
    }
    double[] a = new double[dim * dim];
    double[] b = new double[dim];
    if (!accumulate(items, strengths, count, a, b)) {
      return false;
    }
    Cholesky.factor(a, dim);
    Cholesky.solve(a, dim, b);
    for (int i = 0; i < dim; i++) {
      out[i] = (float) b[i];
    }
    return true;
  }

  private boolean accumulate(int[] items, float[] strengths, int count, double[] a, double[] b) {
    System.arraycopy(gram, 0, a, 0, dim * dim);
    for (int i = 0; i < dim; i++) {
      a[i * dim + i] += lambda;
    }
    boolean any = false;
    for (int k = 0; k < count; k++) {
      int item = items[k];
      if (!hasItemVector(item) || strengths[k] == 0f) {
        continue;
      }
      any = true;
      float[] y = itemFactors[item];
      double c = 1.0 + alpha * Math.abs(strengths[k]);
      addOuter(a, y, c - 1.0, dim);
      if (strengths[k] > 0) {
        for (int i = 0; i < dim; i++) {
          b[i] += c * y[i];
        }
      }
    }
    return any;
  }

  static void addOuter(double[] a, float[] y, double w, int dim) {
    for (int i = 0; i < dim; i++) {
      double wy = w * y[i];
      int ri = i * dim;
      for (int j = 0; j <= i; j++) {
        a[ri + j] += wy * y[j];
      }
    }
  }
}
