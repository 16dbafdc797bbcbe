package dev.foryou.ranking.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final int[] RANKED = {5, 3, 9, 1, 7};
  private static final int[] RELEVANT = {1, 3, 4}; // hits at ranks 2 and 4, item 4 missed

  @Test
  void ndcg_handComputed() {
    double dcg = 1 / log2(3) + 1 / log2(5);
    double idcg = 1 + 1 / log2(3) + 1 / log2(4);
    assertThat(Metrics.ndcg(RANKED, RELEVANT, 5)).isCloseTo(dcg / idcg, within(1e-12));
    // K = 2: one hit at rank 2, ideal has 2 hits
    assertThat(Metrics.ndcg(RANKED, RELEVANT, 2))
        .isCloseTo((1 / log2(3)) / (1 + 1 / log2(3)), within(1e-12));
    assertThat(Metrics.ndcg(new int[] {1, 3, 4}, RELEVANT, 3)).isCloseTo(1.0, within(1e-12));
    assertThat(Metrics.ndcg(RANKED, new int[0], 5)).isZero();
  }

  @Test
  void recallHitMrr_handComputed() {
    assertThat(Metrics.recall(RANKED, RELEVANT, 5)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(Metrics.recall(RANKED, RELEVANT, 1)).isZero();
    assertThat(Metrics.hitRate(RANKED, RELEVANT, 1)).isZero();
    assertThat(Metrics.hitRate(RANKED, RELEVANT, 2)).isEqualTo(1.0);
    assertThat(Metrics.reciprocalRank(RANKED, RELEVANT, 5)).isEqualTo(0.5);
    assertThat(Metrics.reciprocalRank(RANKED, RELEVANT, 1)).isZero();
  }

  @Test
  void novelty_handComputed() {
    double[] pop = {0.5, 0.25, 0.0};
    // -log2(0.5) = 1, -log2(0.25) = 2, zero share floors at 0.5/4 = 0.125 -> 3
    assertThat(Metrics.novelty(new int[] {0, 1, 2}, 3, pop, 4)).isCloseTo(2.0, within(1e-12));
    assertThat(Metrics.novelty(new int[] {0, 1, 2}, 2, pop, 4)).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void auc_handComputedWithTies() {
    double[] s = {0.9, 0.8, 0.8, 0.3, 0.1};
    boolean[] y = {true, false, true, false, false};
    // pairs (pos, neg): 0.9 beats all 3; 0.8(pos) ties 0.8(neg) = 0.5 and beats 0.3, 0.1 -> 5.5/6
    assertThat(Metrics.auc(s, y)).isCloseTo(5.5 / 6, within(1e-12));
    assertThatThrownBy(() -> Metrics.auc(new double[] {1, 2}, new boolean[] {true, true}))
        .hasMessageContaining("negatives=0");
  }

  @Test
  void logLoss_handComputed() {
    double l = Metrics.logLoss(new double[] {0.8, 0.4}, new boolean[] {true, false});
    assertThat(l).isCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, within(1e-12));
    assertThat(Metrics.logLoss(new double[] {0}, new boolean[] {true})).isFinite();
    assertThatThrownBy(() -> Metrics.logLoss(new double[] {1.5}, new boolean[] {true}))
        .hasMessageContaining("1.5");
  }

  @Test
  void rankingMetrics_badK_throws() {
    assertThatThrownBy(() -> Metrics.ndcg(RANKED, RELEVANT, 0)).hasMessageContaining("0");
  }

  @Test
  void topK_selectsBestSkippingExcluded() {
    float[] scores = {0.1f, 0.9f, Float.NEGATIVE_INFINITY, 0.5f, 0.7f};
    int[] top = new int[3];
    float[] ts = new float[3];
    assertThat(Evaluator.topK(scores, 3, top, ts)).isEqualTo(3);
    assertThat(top).containsExactly(1, 4, 3);
    assertThat(Evaluator.topK(new float[] {Float.NEGATIVE_INFINITY, 1f}, 3, top, ts)).isEqualTo(1);
  }

  @Test
  void evaluate_perfectRecommender_scoresOne() {
    UserItems train = UserItems.of(4, new int[] {0}, new int[] {1});
    UserItems test = UserItems.of(4, new int[] {2}, new int[] {3});
    Recommender oracle =
        (u, out) -> {
          java.util.Arrays.fill(out, 0f);
          out[u == 0 ? 2 : 3] = 1f;
        };
    MetricSet m = Evaluator.evaluate(oracle, train, test, train, 1, 2);
    assertThat(m.ndcg()).isEqualTo(1.0);
    assertThat(m.recall()).isEqualTo(1.0);
    assertThat(m.coverage()).isEqualTo(0.5);
    assertThat(m.users()).isEqualTo(2);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
