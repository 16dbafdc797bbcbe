package dev.foryou.ranking.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BprTrainerTest {

  @Test
  void train_plantedGroups_ranksOwnGroupFirst() {
    EmbeddingModel m =
        BprTrainer.train(IalsTrainerTest.planted(1), new BprConfig(8, 0.05, 0.01, 60, 1, 7L));
    int right = 0;
    int total = 0;
    for (int u = 0; u < 80; u++) {
      for (int k = 0; k < 20; k++) {
        int own = (u < 40 ? 0 : 20) + k;
        int other = (u < 40 ? 20 : 0) + k;
        total++;
        if (m.score(u, own) > m.score(u, other)) {
          right++;
        }
      }
    }
    assertThat((double) right / total).isGreaterThan(0.9);
    float[] v = new float[8];
    assertThat(m.foldIn(new int[] {0, 1}, new float[] {1f, 1f}, 2, v)).isTrue();
  }

  @Test
  void config_badValues_throwNamingSetting() {
    assertThatThrownBy(() -> new BprConfig(4, 0, 0, 1, 1, 1)).hasMessageContaining("learningRate");
    assertThatThrownBy(() -> new BprConfig(4, 0.1, -1, 1, 1, 1))
        .hasMessageContaining("regularization");
    assertThatThrownBy(() -> new BprConfig(4, 0.1, 0, -1, 1, 1)).hasMessageContaining("epochs");
  }
}
