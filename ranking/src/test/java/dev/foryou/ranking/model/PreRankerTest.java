package dev.foryou.ranking.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PreRankerTest {

  @Test
  void score_randomModelsAndRows_keepsFullModelsTop20InTop300() {
    long seed = 42L;
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1000;
    int k = Objective.count();
    for (int trial = 0; trial < 20; trial++) {
      float[] off = new float[k];
      float[][] w = new float[k][Features.SIZE];
      for (int o = 0; o < k; o++) {
        off[o] = LinearModel.logit(Objective.of(o).prior());
        for (int f = 0; f < Features.SIZE; f++) {
          w[o][f] = (float) (0.3 * r.nextGaussian()); // moderate weights: logits spread about ±1
        }
      }
      LinearModel model = new LinearModel(off, w);
      float[] rows = new float[n * Features.SIZE];
      double[] full = new double[n];
      float[] x = new float[Features.SIZE];
      float[] p = new float[k];
      for (int i = 0; i < n; i++) {
        for (int f = 0; f < Features.SIZE; f++) {
          x[f] =
              f >= Features.SOURCE_FLAGS
                  ? (r.nextInt(4) == 0 ? 1f : 0f)
                  : (float) Math.tanh(0.5 * r.nextGaussian());
        }
        x[Features.BIAS] = 1f;
        System.arraycopy(x, 0, rows, i * Features.SIZE, Features.SIZE);
        model.predict(x, p);
        full[i] = ValueModel.DEFAULT.score(p);
      }
      PreRanker pre = new PreRanker();
      assertThat(pre.prepare(model, ValueModel.DEFAULT, rows, n)).isTrue();
      double[] cheap = new double[n];
      for (int i = 0; i < n; i++) {
        cheap[i] = pre.score(rows, i);
      }
      double[] sorted = cheap.clone();
      java.util.Arrays.sort(sorted);
      double cut = sorted[n - 300];
      Integer[] byFull = new Integer[n];
      for (int i = 0; i < n; i++) {
        byFull[i] = i;
      }
      java.util.Arrays.sort(byFull, (a, b) -> Double.compare(full[b], full[a]));
      for (int t = 0; t < 20; t++) {
        assertThat(cheap[byFull[t]])
            .as("seed %d, trial %d: full rank %d is outside the pre-ranked top 300", seed, trial, t)
            .isGreaterThanOrEqualTo(cut);
      }
    }
  }

  @Test
  void prepare_nonLinearModel_returnsFalse() {
    Predictor custom = (features, out) -> java.util.Arrays.fill(out, 0.5f);
    assertThat(new PreRanker().prepare(custom, ValueModel.DEFAULT, new float[0], 0)).isFalse();
  }

  @Test
  void fastLn_wideRange_isWithinOneThousandth() {
    long seed = 9L;
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 100_000; i++) {
      double x = Math.exp(r.nextDouble(-30, 30));
      assertThat(StandardFeatures.fastLn(x))
          .as("seed %d, x %s", seed, x)
          .isCloseTo(Math.log(x), org.assertj.core.data.Offset.offset(1e-3));
    }
  }
}
