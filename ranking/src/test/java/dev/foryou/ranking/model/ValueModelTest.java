package dev.foryou.ranking.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueModelTest {

  @Test
  void score_isWeightedSumInObjectiveOrder() {
    ValueModel v = new ValueModel(1, 2, 3, 4, 5, -6, -7, 8);
    float[] p = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
    double expected = 0;
    for (Objective o : Objective.values()) {
      expected += v.weight(o) * p[o.ordinal()];
    }
    assertThat(v.score(p)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void defaults_penaliseNegativeFeedback() {
    assertThat(ValueModel.DEFAULT.skip()).isNegative();
    assertThat(ValueModel.DEFAULT.notInterested()).isLessThan(ValueModel.DEFAULT.skip());
    float[] liked = {0.9f, 0.5f, 0, 0, 0, 0.05f, 0, 0.9f};
    float[] skipped = {0.1f, 0.01f, 0, 0, 0, 0.9f, 0.1f, 0.1f};
    assertThat(ValueModel.DEFAULT.score(liked)).isGreaterThan(ValueModel.DEFAULT.score(skipped));
  }

  @Test
  void constructor_nonFinite_throwsNamingObjective() {
    assertThatThrownBy(() -> new ValueModel(1, 1, 1, 1, 1, Double.NaN, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SKIP");
  }

  @Test
  void trainingExample_badShapes_throw() {
    assertThatThrownBy(() -> new TrainingExample(new float[3], new float[Objective.count()]))
        .hasMessageContaining("features");
    float[] y = new float[Objective.count()];
    y[2] = 2f;
    assertThatThrownBy(() -> new TrainingExample(new float[Features.SIZE], y))
        .hasMessageContaining("labels[2]");
    float[] x = new float[Features.SIZE];
    x[4] = Float.POSITIVE_INFINITY;
    assertThatThrownBy(() -> new TrainingExample(x, new float[Objective.count()]))
        .hasMessageContaining("features[4]");
  }

  @Test
  void featureNames_areUniqueAndInRange() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int f = 0; f < Features.SIZE; f++) {
      assertThat(names.add(Features.name(f))).as(Features.name(f)).isTrue();
    }
    assertThatThrownBy(() -> Features.name(Features.SIZE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
