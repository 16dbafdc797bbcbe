package dev.foryou.ranking.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.foryou.core.event.EventType;
import org.junit.jupiter.api.Test;

class ContentVectorsTest {

  @Test
  void contentVector_sharedCreator_isMeanOfCreatorCentroid() {
    FeedbackMatrix data = IalsTrainerTest.planted(5);
    EmbeddingModel m = IalsTrainer.train(data, new IalsConfig(8, 0.5, 5, 5, 0, 1, 1L));
    int n = 40;
    int[] creator = new int[n];
    int[][] tags = new int[n][];
    int[] sound = new int[n];
    for (int i = 0; i < n; i++) {
      creator[i] = i < 20 ? 0 : 1; // creator follows the planted group
      tags[i] = new int[] {i % 3};
      sound[i] = -1;
    }
    ContentVectors cv = ContentVectors.of(m, creator, tags, sound);
    float[] out = new float[8];
    assertThat(cv.contentVector(0, new int[0], -1, out)).isTrue();
    float[] mean = new float[8];
    float[] v = new float[8];
    int count = 0;
    for (int i = 0; i < 20; i++) {
      if (m.itemVector(i, v)) {
        count++;
        for (int f = 0; f < 8; f++) {
          mean[f] += v[f];
        }
      }
    }
    for (int f = 0; f < 8; f++) {
      assertThat(out[f]).isCloseTo(mean[f] / count, within(1e-5f));
    }
    // a new video by creator 0 scores higher for a group-0 user than for a group-1 user's taste
    float[] u0 = new float[8];
    float[] u1 = new float[8];
    m.userVector(0, u0);
    m.userVector(79, u1);
    assertThat(IalsTrainerTest.dot(u0, out)).isGreaterThan(IalsTrainerTest.dot(u1, out));
  }

  @Test
  void contentVector_unknownFeatures_returnsFalseAndLeavesOut() {
    EmbeddingModel m =
        IalsTrainer.train(IalsTrainerTest.planted(6), new IalsConfig(4, 0.5, 5, 2, 0, 1, 1L));
    ContentVectors cv = ContentVectors.of(m, new int[40], new int[40][], new int[40]);
    float[] out = {7, 7, 7, 7};
    assertThat(cv.contentVector(5, new int[] {9}, 3, out)).isFalse();
    assertThat(out).containsExactly(7, 7, 7, 7);
    assertThatThrownBy(() -> ContentVectors.of(m, new int[2], new int[3][], new int[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length");
  }

  @Test
  void strength_eventTypes_signedAsDocumented() {
    ImplicitFeedback f = ImplicitFeedback.DEFAULTS;
    assertThat(f.strength(EventType.VIEW, 30_000, 60_000)).isEqualTo(0.5f);
    assertThat(f.strength(EventType.VIEW, 600_000, 60_000)).isEqualTo(2f);
    assertThat(f.strength(EventType.SHARE, 0, 0)).isEqualTo(2f);
    assertThat(f.strength(EventType.SKIP, 0, 0)).isNegative();
    assertThat(f.strength(EventType.NOT_INTERESTED, 0, 0)).isEqualTo(-3f);
    assertThat(f.strength(EventType.IMPRESSION, 0, 0)).isZero();
    assertThatThrownBy(() -> new ImplicitFeedback(1, 1, 1, 1, 1, 1, 0.5f, -1))
        .hasMessageContaining("skip");
  }
}
