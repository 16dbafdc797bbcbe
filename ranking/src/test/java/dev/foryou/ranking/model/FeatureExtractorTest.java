package dev.foryou.ranking.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.ranking.World;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

  @Test
  void batch_randomUsersAndEvents_equalsPerPairExtractBitForBit() {
    long seed = 11;
    World w = new World(seed, 400, 20, 8, 16);
    Random r = new Random(seed);
    EventType[] types = {
      EventType.IMPRESSION,
      EventType.LIKE,
      EventType.SKIP,
      EventType.NOT_INTERESTED,
      EventType.FOLLOW,
      EventType.SHARE
    };
    for (int i = 0; i < 3000; i++) {
      int u = r.nextInt(20);
      int v = r.nextInt(400);
      long now = w.time.nowMillis();
      Interaction e =
          r.nextInt(3) == 0
              ? Interaction.view(u, v, now, r.nextInt(60_000))
              : Interaction.of(types[r.nextInt(types.length)], u, v, now);
      w.signals.record(e);
      w.time.advance(r.nextInt(60_000));
    }
    FeatureExtractor fx = FeatureExtractor.create(w.catalog, w.signals, 20);
    float[] a = new float[Features.SIZE];
    float[] b = new float[Features.SIZE];
    double[] ca = new double[dev.foryou.core.signal.VideoCounter.values().length];
    double[] cb = new double[ca.length];
    for (int u = -1; u < 20; u++) {
      float[] uvec = null;
      if (u % 3 != 0) {
        uvec = new float[16];
        for (int d = 0; d < 16; d++) {
          uvec[d] = (float) r.nextGaussian();
        }
      }
      boolean cold = u % 4 == 0;
      long now = w.time.nowMillis();
      FeatureExtractor.Batch batch = fx.batch(u, uvec, cold, now);
      int[] all = new int[400];
      for (int v = 0; v < 400; v++) {
        all[v] = v;
      }
      if (u % 2 == 0) {
        batch.prefetch(all, 400); // then extracted in order, some skipped
      }
      for (int v = 0; v < 400; v++) {
        if (u % 2 == 0 && v % 7 == 3) {
          continue;
        }
        int mask = r.nextInt(1 << 5);
        boolean pa = fx.extract(u, v, mask, uvec, cold, now, a, ca);
        boolean pb = batch.extract(v, mask, b, cb);
        assertThat(pb).as("seed %d user %d video %d", seed, u, v).isEqualTo(pa);
        assertThat(b).as("seed %d user %d video %d", seed, u, v).containsExactly(a);
        assertThat(cb).as("seed %d user %d video %d", seed, u, v).containsExactly(ca);
      }
    }
  }

  @Test
  void batch_shortOutput_rejectedNamingLength() {
    World w = new World(3, 10, 2, 2, 4);
    FeatureExtractor fx = FeatureExtractor.create(w.catalog, w.signals, 20);
    FeatureExtractor.Batch batch = fx.batch(0, null, true, w.time.nowMillis());
    assertThatThrownBy(() -> batch.extract(0, 0, new float[3], null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
  }
}
