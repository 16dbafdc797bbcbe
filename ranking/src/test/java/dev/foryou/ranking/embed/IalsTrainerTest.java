package dev.foryou.ranking.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IalsTrainerTest {

  /** Users 0..39 like items 0..19, users 40..79 like items 20..39; each sees 8 of their group. */
  static FeedbackMatrix planted(long seed) {
    Random r = new Random(seed);
    FeedbackMatrix.Builder b = FeedbackMatrix.builder(80, 40);
    for (int u = 0; u < 80; u++) {
      int base = u < 40 ? 0 : 20;
      for (int k = 0; k < 8; k++) {
        b.add(u, base + r.nextInt(20), 1f + r.nextInt(3));
      }
    }
    return b.build();
  }

  private static double groupAccuracy(EmbeddingModel m) {
    int right = 0;
    int total = 0;
    for (int u = 0; u < 80; u++) {
      for (int own = 0; own < 20; own++) {
        for (int other = 0; other < 20; other += 5) {
          int ownItem = (u < 40 ? 0 : 20) + own;
          int otherItem = (u < 40 ? 20 : 0) + other;
          total++;
          if (m.score(u, ownItem) > m.score(u, otherItem)) {
            right++;
          }
        }
      }
    }
    return (double) right / total;
  }

  @Test
  void train_plantedGroups_ranksOwnGroupFirst() {
    for (int cg : new int[] {0, 3}) {
      EmbeddingModel m = IalsTrainer.train(planted(1), new IalsConfig(8, 2, 5, 10, cg, 2, 3L));
      assertThat(groupAccuracy(m)).as("cgSteps %d", cg).isGreaterThan(0.9);
    }
  }

  @Test
  void foldIn_userRow_matchesBatchUserSolve() {
    FeedbackMatrix data = planted(2);
    EmbeddingModel m = IalsTrainer.train(data, new IalsConfig(8, 0.5, 5, 4, 0, 2, 5L));
    int[] items = new int[40];
    float[] values = new float[40];
    float[] batch = new float[8];
    float[] folded = new float[8];
    for (int u = 0; u < 80; u++) {
      int n = data.userRow(u, items, values);
      assertThat(m.userVector(u, batch)).isTrue();
      assertThat(m.foldIn(items, values, n, folded)).isTrue();
      for (int f = 0; f < 8; f++) {
        assertThat(folded[f]).as("user %d factor %d", u, f).isCloseTo(batch[f], within(1e-4f));
      }
    }
  }

  @Test
  void foldIn_negativeFeedback_lowersThatItemsScore() {
    EmbeddingModel m = IalsTrainer.train(planted(3), new IalsConfig(8, 0.5, 5, 8, 0, 1, 5L));
    float[] liked = new float[8];
    float[] disliked = new float[8];
    float[] item = new float[8];
    m.foldIn(new int[] {0, 1, 2}, new float[] {2f, 2f, 2f}, 3, liked);
    m.foldIn(new int[] {0, 1, 2, 5}, new float[] {2f, 2f, 2f, -3f}, 4, disliked);
    m.itemVector(5, item);
    assertThat(dot(disliked, item)).isLessThan(dot(liked, item));
    assertThat(m.foldIn(new int[] {999}, new float[] {1f}, 1, liked)).isFalse();
    assertThatThrownBy(() -> m.foldIn(new int[] {1}, new float[] {1f}, 2, liked))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2");
  }

  @Test
  void epoch_oneOrTwoThreads_sameFactors() {
    FeedbackMatrix data = planted(4);
    EmbeddingModel one = IalsTrainer.train(data, new IalsConfig(8, 0.5, 5, 3, 3, 1, 9L));
    EmbeddingModel two = IalsTrainer.train(data, new IalsConfig(8, 0.5, 5, 3, 3, 2, 9L));
    float[] a = new float[8];
    float[] b = new float[8];
    for (int i = 0; i < 40; i++) {
      assertThat(one.itemVector(i, a)).isEqualTo(two.itemVector(i, b));
      for (int f = 0; f < 8; f++) {
        assertThat(a[f]).isCloseTo(b[f], within(1e-3f));
      }
    }
  }

  @Test
  void model_itemWithoutFeedback_hasNoVector() {
    FeedbackMatrix data = FeedbackMatrix.builder(2, 3).add(0, 0, 1f).add(1, 1, 1f).build();
    EmbeddingModel m = IalsTrainer.train(data, new IalsConfig(4, 1, 1, 2, 0, 1, 1L));
    assertThat(m.hasItemVector(2)).isFalse();
    assertThat(m.itemVector(2, new float[4])).isFalse();
    assertThat(m.hasItemVector(0)).isTrue();
    assertThat(m.userVector(5, new float[4])).isFalse();
    assertThat(m.score(0, 2)).isZero();
  }

  @Test
  void config_badValues_throwNamingSetting() {
    assertThatThrownBy(() -> new IalsConfig(0, 1, 1, 1, 0, 1, 1)).hasMessageContaining("factors");
    assertThatThrownBy(() -> new IalsConfig(4, 0, 1, 1, 0, 1, 1))
        .hasMessageContaining("regularization");
    assertThatThrownBy(() -> new IalsConfig(4, 1, -1, 1, 0, 1, 1)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> new IalsConfig(4, 1, 1, 1, 5, 1, 1)).hasMessageContaining("cgSteps");
    assertThatThrownBy(() -> new IalsConfig(4, 1, 1, 1, 0, 0, 1)).hasMessageContaining("threads");
  }

  static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
