package dev.foryou.ranking.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeedbackMatrixTest {

  @Test
  void build_duplicatesAndZeros_summedAndDropped() {
    FeedbackMatrix m =
        FeedbackMatrix.builder(2, 4)
            .add(0, 3, 1f)
            .add(0, 1, 2f)
            .add(0, 3, 0.5f)
            .add(1, 2, 1f)
            .add(1, 2, -1f)
            .add(1, 0, -2f)
            .build();
    assertThat(m.nonZeros()).isEqualTo(3);
    int[] items = new int[4];
    float[] values = new float[4];
    assertThat(m.userRow(0, items, values)).isEqualTo(2);
    assertThat(items).startsWith(1, 3);
    assertThat(values).startsWith(2f, 1.5f);
    assertThat(m.userRow(1, items, values)).isEqualTo(1);
    assertThat(items[0]).isZero();
    assertThat(values[0]).isEqualTo(-2f);
    assertThat(m.itemDegree(2)).isZero();
    assertThat(m.itemDegree(3)).isEqualTo(1);
  }

  @Test
  void add_badInput_throwsNamingValue() {
    FeedbackMatrix.Builder b = FeedbackMatrix.builder(2, 2);
    assertThatThrownBy(() -> b.add(2, 0, 1f))
        .hasMessageContaining("user")
        .hasMessageContaining("2");
    assertThatThrownBy(() -> b.add(0, -1, 1f))
        .hasMessageContaining("item")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> b.add(0, 0, Float.NaN)).hasMessageContaining("NaN");
    assertThat(b.build().nonZeros()).isZero();
    assertThatThrownBy(() -> FeedbackMatrix.builder(-1, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
