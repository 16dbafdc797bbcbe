package dev.foryou.ranking.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CholeskyTest {

  private static double[] randomSpd(int n, long seed) {
    Random r = new Random(seed);
    double[] m = new double[n * n];
    for (int i = 0; i < m.length; i++) {
      m[i] = r.nextGaussian();
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += m[i * n + k] * m[j * n + k];
        }
        a[i * n + j] = s + (i == j ? n : 0);
      }
    }
    return a;
  }

  @Test
  void solve_randomSpdSystems_matchesRightHandSide() {
    for (long seed = 1; seed <= 20; seed++) {
      int n = 1 + (int) (seed * 3 % 17);
      double[] a = randomSpd(n, seed);
      double[] x = new Random(seed + 99).doubles(n).toArray();
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          b[i] += a[i * n + j] * x[j];
        }
      }
      double[] l = a.clone();
      Cholesky.factor(l, n);
      Cholesky.solve(l, n, b);
      for (int i = 0; i < n; i++) {
        assertThat(b[i]).as("seed %d, i %d", seed, i).isCloseTo(x[i], within(1e-8));
      }
    }
  }

  @Test
  void invert_randomSpd_timesOriginalIsIdentity() {
    int n = 37;
    double[] a = randomSpd(n, 7);
    double[] inv = Cholesky.invert(a, n, 2);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[i * n + k] * inv[k * n + j];
        }
        assertThat(s).as("(%d,%d)", i, j).isCloseTo(i == j ? 1 : 0, within(1e-9));
      }
    }
  }

  @Test
  void factor_notPositiveDefinite_throwsNamingPivot() {
    double[] a = {1, 2, 2, 1};
    assertThatThrownBy(() -> Cholesky.factor(a, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pivot 1");
  }

  @Test
  void invert_badArguments_throw() {
    assertThatThrownBy(() -> Cholesky.invert(new double[3], 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
    assertThatThrownBy(() -> Cholesky.invert(new double[4], 2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
  }
}
