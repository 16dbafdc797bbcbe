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
  void refine_afterCheapPass_equalsExtractAtBitForBit() {
    long seed = 12;
    World w = new World(seed, 300, 10, 6, 16);
    Random r = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      int u = r.nextInt(10);
      int v = r.nextInt(300);
      long now = w.time.nowMillis();
      Interaction e =
          r.nextBoolean()
              ? Interaction.view(u, v, now, r.nextInt(60_000))
              : Interaction.of(r.nextBoolean() ? EventType.IMPRESSION : EventType.LIKE, u, v, now);
      w.signals.record(e);
      w.time.advance(r.nextInt(60_000));
    }
    FeatureExtractor fx = FeatureExtractor.create(w.catalog, w.signals, 20);
    int n = 300;
    int[] videos = new int[n];
    for (int i = 0; i < n; i++) {
      videos[i] = r.nextInt(300);
    }
    int[] masks = new int[n];
    float[] a = new float[Features.SIZE];
    float[][] rows = new float[n][Features.SIZE];
    double[] ca = new double[dev.foryou.core.signal.VideoCounter.values().length];
    double[] cb = new double[ca.length];
    for (int u = -1; u < 10; u++) {
      float[] uvec = null;
      if (u % 3 != 0) {
        uvec = new float[16];
        for (int d = 0; d < 16; d++) {
          uvec[d] = (float) r.nextGaussian();
        }
      }
      long now = w.time.nowMillis();
      FeatureExtractor.Batch batch = fx.batch(u, uvec, u % 4 == 0, now);
      batch.prefetch(videos, n);
      for (int i = 0; i < n; i++) {
        masks[i] = r.nextInt(1 << 5);
        batch.extractCheap(i, videos[i], masks[i], rows[i], cb);
      }
      for (int i = n - 1; i >= 0; i -= 1 + r.nextInt(3)) { // any order, some slots only
        boolean pa = batch.extractAt(i, videos[i], masks[i], a, ca);
        for (int f = 0; f < Features.SIZE && pa; f++) { // the cheap row approximates it closely
          assertThat((double) rows[i][f])
              .as("seed %d user %d slot %d feature %s", seed, u, i, Features.name(f))
              .isCloseTo(a[f], org.assertj.core.data.Offset.offset(1e-3));
        }
        boolean pb = batch.refine(i, videos[i], masks[i], rows[i], cb);
        assertThat(pb).as("seed %d user %d slot %d", seed, u, i).isEqualTo(pa);
        assertThat(rows[i]).as("seed %d user %d slot %d", seed, u, i).containsExactly(a);
        assertThat(cb).as("seed %d user %d slot %d", seed, u, i).containsExactly(ca);
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
