package dev.foryou.ranking.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FtrlLearnerTest {

  /** Users like a video with probability 0.8 when their category affinity is high, else 0.05. */
  static TrainingExample example(SplittableRandom r) {
    float[] x = new float[Features.SIZE];
    x[Features.BIAS] = 1;
    boolean affine = r.nextBoolean();
    x[Features.AFF_CATEGORY] = affine ? 0.9f : -0.2f;
    x[Features.FRESHNESS] = (float) r.nextDouble();
    float[] y = new float[Objective.count()];
    boolean like = r.nextDouble() < (affine ? 0.8 : 0.05);
    y[Objective.LIKE.ordinal()] = like ? 1 : 0;
    y[Objective.SKIP.ordinal()] = affine ? 0 : 1;
    y[Objective.WATCH_RATIO.ordinal()] = affine ? 0.9f : 0.1f;
    for (Objective o :
        new Objective[] {
          Objective.COMPLETE,
          Objective.SHARE,
          Objective.COMMENT,
          Objective.FOLLOW,
          Objective.NOT_INTERESTED
        }) {
      y[o.ordinal()] = Float.NaN;
    }
    return new TrainingExample(x, y);
  }

  static float[] probe(float affinity) {
    float[] x = new float[Features.SIZE];
    x[Features.BIAS] = 1;
    x[Features.AFF_CATEGORY] = affinity;
    x[Features.FRESHNESS] = 0.5f;
    return x;
  }

  @Test
  void current_untrained_predictsPriors() {
    OnlineLearner l = Models.ftrl();
    float[] p = new float[Objective.count()];
    l.current().predict(probe(0.9f), p);
    for (Objective o : Objective.values()) {
      assertThat(p[o.ordinal()])
          .as(o.name())
          .isCloseTo(o.prior(), org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void update_separableSignal_learnsAffinityDirection() {
    OnlineLearner l = Models.ftrl();
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 4000; i++) {
      l.update(example(r));
    }
    Predictor m = l.publish();
    float[] hi = new float[Objective.count()];
    float[] lo = new float[Objective.count()];
    m.predict(probe(0.9f), hi);
    m.predict(probe(-0.2f), lo);
    int like = Objective.LIKE.ordinal();
    assertThat(hi[like]).isGreaterThan(0.6f);
    assertThat(lo[like]).isLessThan(0.15f);
    assertThat(hi[Objective.SKIP.ordinal()]).isLessThan(lo[Objective.SKIP.ordinal()]);
    assertThat(hi[Objective.WATCH_RATIO.ordinal()]).isGreaterThan(0.7f);
    assertThat(lo[Objective.WATCH_RATIO.ordinal()]).isLessThan(0.3f);
    // unobserved objectives (NaN labels) never moved
    float[] p = new float[Objective.count()];
    m.predict(probe(0.9f), p);
    assertThat(p[Objective.SHARE.ordinal()])
        .isCloseTo(Objective.SHARE.prior(), org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(m.logitContribution(Objective.LIKE, Features.AFF_CATEGORY, probe(0.9f)))
        .isPositive();
    assertThat(l.updates()).isEqualTo(4000);
  }

  @Test
  void update_concurrentThreads_countsEveryExampleAndLearns() throws Exception {
    OnlineLearner l = Models.ftrl(0.1f, 1f, 0f, 0.01f, 8);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int seed = t;
      fs.add(
          pool.submit(
              () -> {
                SplittableRandom r = new SplittableRandom(seed);
                for (int i = 0; i < 1500; i++) {
                  l.update(example(r));
                  float[] p = new float[Objective.count()];
                  l.current().predict(probe(0.9f), p);
                  assertThat(p[1]).isBetween(0f, 1f);
                }
              }));
    }
    for (Future<?> f : fs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(l.updates()).isEqualTo(6000);
    float[] hi = new float[Objective.count()];
    l.publish().predict(probe(0.9f), hi);
    assertThat(hi[Objective.LIKE.ordinal()]).isGreaterThan(0.6f);
  }

  @Test
  void ftrl_badSettings_throwNamingValue() {
    assertThatThrownBy(() -> Models.ftrl(0f, 1f, 0f, 0f, 1)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> Models.ftrl(0.1f, -1f, 0f, 0f, 1)).hasMessageContaining("beta");
    assertThatThrownBy(() -> Models.ftrl(0.1f, 1f, Float.NaN, 0f, 1)).hasMessageContaining("l1");
    assertThatThrownBy(() -> Models.ftrl(0.1f, 1f, 0f, -2f, 1)).hasMessageContaining("l2");
    assertThatThrownBy(() -> Models.ftrl(0.1f, 1f, 0f, 0f, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("publishEvery");
  }
}
