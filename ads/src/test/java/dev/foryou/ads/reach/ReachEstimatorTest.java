package dev.foryou.ads.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReachEstimatorTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = 20_000 * DAY;

  @Test
  void hyperLogLog_estimate_withinThreeStandardErrors() {
    for (int p : new int[] {10, 12, 14}) {
      for (int n : new int[] {100, 5_000, 200_000}) {
        HyperLogLog h = new HyperLogLog(p);
        for (int u = 0; u < n; u++) {
          h.add(HyperLogLog.hash(u));
          h.add(HyperLogLog.hash(u)); // duplicates change nothing
        }
        double se = 1.04 / Math.sqrt(1 << p);
        assertThat(Math.abs(h.estimate() - n) / n)
            .as("p=%d n=%d estimate %f", p, n, h.estimate())
            .isLessThan(3 * se + 0.001);
      }
    }
  }

  @Test
  void hyperLogLog_merge_equalsUnion() {
    HyperLogLog a = new HyperLogLog(12);
    HyperLogLog b = new HyperLogLog(12);
    HyperLogLog both = new HyperLogLog(12);
    for (int u = 0; u < 30_000; u++) {
      (u % 3 == 0 ? a : b).add(HyperLogLog.hash(u));
      both.add(HyperLogLog.hash(u));
    }
    a.merge(b);
    assertThat(a.estimate()).isEqualTo(both.estimate());
  }

  @Test
  void estimate_fewUsers_exactCount() {
    ReachEstimator r = ReachEstimator.builder().minAudience(10).build();
    for (int u = 0; u < 1_000; u++) {
      r.recordActive(u, T0 + u);
      r.recordActive(u, T0 + u + 1);
    }
    ReachEstimate e = r.estimate(u -> u % 4 == 0, T0 + DAY / 2);
    assertThat(e.exact()).isTrue();
    assertThat(e.users()).isEqualTo(250);
    assertThat(e.activeUsers()).isEqualTo(1_000);
  }

  @Test
  void estimate_manyUsers_withinTolerance() {
    long seed = 5;
    Random rnd = new Random(seed);
    ReachEstimator r = ReachEstimator.builder().minAudience(1_000).sampleSize(8_192).build();
    int n = 300_000;
    boolean[] match = new boolean[n];
    int truth = 0;
    for (int u = 0; u < n; u++) {
      match[u] = rnd.nextDouble() < 0.3;
      truth += match[u] ? 1 : 0;
      r.recordActive(u, T0 + rnd.nextInt(5) * DAY + rnd.nextInt((int) DAY));
    }
    ReachEstimate e = r.estimate(u -> match[u], T0 + 5 * DAY);
    assertThat(e.exact()).isFalse();
    assertThat(Math.abs(e.activeUsers() - n) / (double) n).as("seed %d", seed).isLessThan(0.03);
    assertThat(Math.abs(e.users() - truth) / (double) truth).as("seed %d", seed).isLessThan(0.06);
  }

  @Test
  void estimate_belowMinimumAudience_tooSmallAndWithheld() {
    ReachEstimator r = ReachEstimator.builder().minAudience(100).build();
    for (int u = 0; u < 1_000; u++) {
      r.recordActive(u, T0);
    }
    ReachEstimate e = r.estimate(u -> u < 99, T0);
    assertThat(e.tooSmall()).isTrue();
    assertThat(e.users()).isZero();
    assertThat(r.estimate(u -> u < 100, T0).tooSmall()).isFalse();
  }

  @Test
  void estimate_oldActivity_leavesTheWindow() {
    ReachEstimator r = ReachEstimator.builder().minAudience(1).windowDays(3).build();
    for (int u = 0; u < 50; u++) {
      r.recordActive(u, T0);
    }
    for (int u = 50; u < 80; u++) {
      r.recordActive(u, T0 + 2 * DAY);
    }
    assertThat(r.estimate(u -> true, T0 + 2 * DAY).users()).isEqualTo(80);
    assertThat(r.estimate(u -> true, T0 + 3 * DAY).users()).isEqualTo(30);
  }

  @Test
  void badInput_rejected() {
    ReachEstimator r = ReachEstimator.builder().build();
    assertThatThrownBy(() -> r.recordActive(-1, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> r.estimate(null, T0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ReachEstimator.builder().minAudience(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> ReachEstimator.builder().precision(19))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("19");
    assertThatThrownBy(() -> ReachEstimator.builder().sampleSize(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
    assertThatThrownBy(() -> ReachEstimator.builder().windowDays(91))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("91");
    assertThatThrownBy(() -> ReachEstimator.builder().precision(10).precision(11))
        .isInstanceOf(IllegalStateException.class);
  }
}
