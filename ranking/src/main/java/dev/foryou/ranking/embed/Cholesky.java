package dev.foryou.ranking.embed;

import dev.foryou.ranking.internal.Parallel;

/**
 * Dense symmetric positive-definite linear algebra on primitive row-major {@code double} arrays:
 * Cholesky factorization, solves and the inverse. Pure Java, no native BLAS.
 *
 * <p>Design: the textbook column-oriented Cholesky–Banachiewicz factorization (Golub and Van Loan,
 * Matrix Computations, §4.2) writing {@code L} into the lower triangle in place. Stateless and
 * thread-safe.
 */
public final class Cholesky {

  private Cholesky() {}

  /**
   * Factors a symmetric positive-definite {@code n × n} matrix in place: on return the lower
   * triangle (diagonal included) holds {@code L} with {@code A = L Lᵀ}; the strict upper triangle
   * is left as it was (only the lower triangle of the input is read).
   *
   * @param a row-major {@code n × n} matrix, length at least {@code n * n}
   * @param n the order
   * @throws IllegalArgumentException if {@code n < 0}, the array is too short, or the matrix is not
   *     positive definite (the message names the failing pivot)
   */
  public static void factor(double[] a, int n) {
    checkSize(a, n);
    for (int j = 0; j < n; j++) {
      int rj = j * n;
      double d = a[rj + j];
      for (int k = 0; k < j; k++) {
        d -= a[rj + k] * a[rj + k];
      }
      if (!(d > 0)) {
        throw new IllegalArgumentException("matrix not positive definite at pivot " + j + ": " + d);
      }
      double ljj = Math.sqrt(d);
      a[rj + j] = ljj;
      double inv = 1.0 / ljj;
      for (int i = j + 1; i < n; i++) {
        int ri = i * n;
        double s = a[ri + j];
        for (int k = 0; k < j; k++) {
          s -= a[ri + k] * a[rj + k];
        }
        a[ri + j] = s * inv;
      }
    }
  }

  /**
   * Solves {@code L Lᵀ x = b} in place given a factor from {@link #factor}.
   *
   * @param l the factor (lower triangle)
   * @param n the order
   * @param b right-hand side of length at least {@code n}; overwritten with {@code x}
   */
  public static void solve(double[] l, int n, double[] b) {
    checkSize(l, n);
    if (b.length < n) {
      throw new IllegalArgumentException("right-hand side length " + b.length + " < " + n);
    }
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[ri + k] * b[k];
      }
      b[i] = s / l[ri + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k * n + i] * b[k];
      }
      b[i] = s / l[i * n + i];
    }
  }

  /**
   * Returns the inverse of a symmetric positive-definite matrix, computed from its Cholesky factor
   * ({@code A⁻¹ = L⁻ᵀ L⁻¹}); the input is not modified. Cost about {@code n³} multiply-adds, split
   * over {@code threads} threads.
   *
   * @param a row-major {@code n × n} symmetric positive-definite matrix (lower triangle read)
   * @param n the order
   * @param threads worker threads, at least 1
   * @return a new row-major {@code n × n} full symmetric inverse
   * @throws IllegalArgumentException if the matrix is not positive definite or arguments are bad
   */
  public static double[] invert(double[] a, int n, int threads) {
    checkSize(a, n);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    double[] l = java.util.Arrays.copyOf(a, n * n);
    factor(l, n);
    // m = L^-1 (lower triangular), column by column: L m_j = e_j
    double[] m = new double[n * n];
    Parallel.forRange(
        threads,
        n,
        16,
        (worker, j) -> {
          // forward substitution for column j; entries above j are zero
          m[j * n + j] = 1.0 / l[j * n + j];
          for (int i = j + 1; i < n; i++) {
            int ri = i * n;
            double s = 0;
            for (int k = j; k < i; k++) {
              s -= l[ri + k] * m[k * n + j];
            }
            m[ri + j] = s / l[ri + i];
          }
        });
    // inverse = mᵀ m : inv[i][j] = sum_{k >= max(i,j)} m[k][i] m[k][j]
    double[] mt = new double[n * n]; // mt[i][k] = m[k][i], upper-triangular rows for cache locality
    for (int k = 0; k < n; k++) {
      for (int i = 0; i <= k; i++) {
        mt[i * n + k] = m[k * n + i];
      }
    }
    double[] inv = new double[n * n];
    Parallel.forRange(
        threads,
        n,
        8,
        (worker, i) -> {
          int ri = i * n;
          for (int j = i; j < n; j++) {
            int rj = j * n;
            double s = 0;
            for (int k = j; k < n; k++) {
              s += mt[ri + k] * mt[rj + k];
            }
            inv[ri + j] = s;
          }
        });
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        inv[i * n + j] = inv[j * n + i];
      }
    }
    return inv;
  }

  private static void checkSize(double[] a, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("order must be >= 0: " + n);
    }
    if ((long) n * n > a.length) {
      throw new IllegalArgumentException("matrix length " + a.length + " < " + n + "²");
    }
  }
}
