package dev.foryou.ranking.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.classification.LogisticRegression;

class SmileLogisticTrainerTest {

  @Test
  void fit_synthetic_learnsDirectionAndMatchesSmilePosteriors() {
    SplittableRandom r = new SplittableRandom(11);
    List<TrainingExample> data = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      data.add(FtrlLearnerTest.example(r));
    }
    Predictor m = Models.smileLogistic(0.1, 200).fit(data);
    float[] hi = new float[Objective.count()];
    float[] lo = new float[Objective.count()];
    m.predict(FtrlLearnerTest.probe(0.9f), hi);
    m.predict(FtrlLearnerTest.probe(-0.2f), lo);
    int like = Objective.LIKE.ordinal();
    assertThat(hi[like]).isGreaterThan(0.6f);
    assertThat(lo[like]).isLessThan(0.15f);
    assertThat(hi[Objective.WATCH_RATIO.ordinal()]).isGreaterThan(0.7f);
    assertThat(lo[Objective.WATCH_RATIO.ordinal()]).isLessThan(0.3f);
    // all-NaN objective keeps its prior
    assertThat(hi[Objective.SHARE.ordinal()])
        .isCloseTo(Objective.SHARE.prior(), org.assertj.core.data.Offset.offset(1e-5f));

    // our linear snapshot reproduces Smile's own posterior (coefficient layout check)
    double[][] x = new double[data.size()][Features.SIZE - 1];
    int[] y = new int[data.size()];
    for (int i = 0; i < data.size(); i++) {
      float[] f = data.get(i).features();
      for (int j = 1; j < Features.SIZE; j++) {
        x[i][j - 1] = f[j];
      }
      y[i] = data.get(i).labels()[like] >= 0.5f ? 1 : 0;
    }
    LogisticRegression.Binomial smile = LogisticRegression.binomial(x, y, 0.1, 1e-5, 200);
    double[] post = new double[2];
    smile.predict(x[0], post);
    float[] ours = new float[Objective.count()];
    m.predict(data.get(0).features(), ours);
    assertThat((double) ours[like]).isCloseTo(post[1], org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void fit_oneClassOnly_constantRate() {
    float[] x = new float[Features.SIZE];
    x[0] = 1;
    float[] y = new float[Objective.count()];
    List<TrainingExample> data = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      data.add(new TrainingExample(x, y));
    }
    float[] p = new float[Objective.count()];
    Models.smileLogistic(0.1, 50).fit(data).predict(x, p);
    assertThat(p[Objective.LIKE.ordinal()]).isLessThan(Objective.LIKE.prior());
  }

  @Test
  void fit_badInput_throws() {
    assertThatThrownBy(() -> Models.smileLogistic(0.1, 10).fit(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Models.smileLogistic(0, 10)).hasMessageContaining("lambda");
    assertThatThrownBy(() -> Models.smileLogistic(1, 0)).hasMessageContaining("maxIter");
  }
}
