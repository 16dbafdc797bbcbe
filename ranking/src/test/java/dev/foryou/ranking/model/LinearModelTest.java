package dev.foryou.ranking.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearModelTest {

  @Test
  void predict_randomSparseFeatures_equalsHeadByHeadLogistic() {
    long seed = 5;
    Random r = new Random(seed);
    int k = Objective.count();
    for (int trial = 0; trial < 200; trial++) {
      float[] off = new float[k];
      float[][] w = new float[k][Features.SIZE];
      for (int o = 0; o < k; o++) {
        off[o] = (float) r.nextGaussian();
        for (int i = 0; i < Features.SIZE; i++) {
          w[o][i] = (float) (r.nextGaussian() * 2);
        }
      }
      LinearModel m = new LinearModel(off, w);
      float[] x = new float[Features.SIZE];
      for (int i = 0; i < Features.SIZE; i++) {
        x[i] = r.nextInt(3) == 0 ? 0f : (float) r.nextGaussian();
      }
      float[] p = new float[k];
      m.predict(x, p);
      for (int o = 0; o < k; o++) {
        float z = off[o];
        for (int i = 0; i < Features.SIZE; i++) {
          z += w[o][i] * x[i];
        }
        float expected = (float) (1 / (1 + Math.exp(-z)));
        assertThat(p[o]).as("seed %d trial %d head %d", seed, trial, o).isEqualTo(expected);
      }
    }
  }

  @Test
  void constructor_wrongShapeOrNonFinite_rejected() {
    int k = Objective.count();
    assertThatThrownBy(() -> new LinearModel(new float[k - 1], new float[k][Features.SIZE]))
        .isInstanceOf(IllegalArgumentException.class);
    float[][] w = new float[k][Features.SIZE];
    w[2][3] = Float.NaN;
    assertThatThrownBy(() -> new LinearModel(new float[k], w))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }
}
