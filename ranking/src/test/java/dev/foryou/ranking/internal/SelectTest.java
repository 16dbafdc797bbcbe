package dev.foryou.ranking.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectTest {

  @Test
  void kthLargest_randomArrays_equalsSortedPosition() {
    long seed = 7L;
    SplittableRandom r = new SplittableRandom(seed);
    for (int t = 0; t < 500; t++) {
      int n = 1 + r.nextInt(400);
      double[] a = new double[n + r.nextInt(3)]; // values past n must not count
      Arrays.fill(a, Double.MAX_VALUE);
      for (int i = 0; i < n; i++) {
        a[i] = r.nextInt(4) == 0 ? r.nextInt(5) : r.nextGaussian(); // with ties
      }
      double[] sorted = Arrays.copyOf(a, n);
      Arrays.sort(sorted);
      int k = 1 + r.nextInt(n);
      assertThat(Select.kthLargest(a, n, k))
          .as("seed %d, trial %d, n %d, k %d", seed, t, n, k)
          .isEqualTo(sorted[n - k]);
    }
  }

  @Test
  void kthLargest_badRanges_nameTheValue() {
    double[] a = {3, 1, 2};
    assertThatThrownBy(() -> Select.kthLargest(a, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(": 0");
    assertThatThrownBy(() -> Select.kthLargest(a, 4, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(": 4");
    assertThatThrownBy(() -> Select.kthLargest(a, 3, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be in [1, 3]: 4");
    assertThat(a).containsExactly(3, 1, 2); // rejected before any reordering
  }
}
