package dev.foryou.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.testing.TestWorld;
import dev.foryou.core.user.UserRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long SEED = 77;

  @TempDir Path tmp;

  private final ManualTimeSource time = new ManualTimeSource(T0);

  private SignalStore populated(TestWorld w) {
    SignalStore s =
        SignalStore.builder(w.catalog, w.users)
            .timeSource(time)
            .halfLife(VideoCounter.VIEWS, Duration.ofMinutes(30))
            .historySize(20)
            .seenSetSize(100)
            .build();
    s.recordAll(w.randomEvents(new Random(SEED), 20_000, T0 - 3_600_000, 3_600_000, true));
    return s;
  }

  private static TestWorld world(ManualTimeSource time) {
    TestWorld w = TestWorld.create(SEED, 400, 150, 8, time);
    w.catalog.remove("v7");
    w.catalog.remove("v300");
    return w;
  }

  /** Asserts that two (catalog, users, store) triples give identical features. */
  private static void assertSameFeatures(
      Catalog ca, UserRegistry ua, SignalStore sa, Catalog cb, UserRegistry ub, SignalStore sb) {
    assertThat(cb.indexBound()).isEqualTo(ca.indexBound());
    assertThat(cb.size()).isEqualTo(ca.size());
    assertThat(cb.creators().ids()).isEqualTo(ca.creators().ids());
    assertThat(cb.hashtags().ids()).isEqualTo(ca.hashtags().ids());
    assertThat(ub.size()).isEqualTo(ua.size());
    for (int u = 0; u < ua.size(); u++) {
      assertThat(ub.externalId(u)).isEqualTo(ua.externalId(u));
      assertThat(ub.attributes(u)).isEqualTo(ua.attributes(u));
    }
    int n = VideoCounter.values().length;
    double[] x = new double[n];
    double[] y = new double[n];
    int[] ia = new int[10];
    int[] ib = new int[10];
    float[] fa = new float[10];
    float[] fb = new float[10];
    for (int v = 0; v < ca.indexBound(); v++) {
      assertThat(cb.videoId(v)).isEqualTo(ca.videoId(v));
      assertThat(cb.isLive(v)).isEqualTo(ca.isLive(v));
      if (ca.isLive(v)) {
        Video va = ca.video(v).orElseThrow();
        Video vb = cb.video(v).orElseThrow();
        assertThat(vb.creatorId()).isEqualTo(va.creatorId());
        assertThat(vb.hashtags()).isEqualTo(va.hashtags());
        assertThat(vb.embedding()).containsExactly(va.embedding());
        assertThat(cb.creator(v)).isEqualTo(ca.creator(v));
        assertThat(cb.hashtags(v)).containsExactly(ca.hashtags(v));
      }
      sa.counts(v, x);
      sb.counts(v, y);
      assertThat(y).as("video %d", v).containsExactly(x);
      for (VideoCounter vc : VideoCounter.values()) {
        assertThat(sb.total(v, vc)).isEqualTo(sa.total(v, vc));
      }
      int na = sa.coEngaged(v, 10, ia, fa);
      int nb = sb.coEngaged(v, 10, ib, fb);
      assertThat(nb).isEqualTo(na);
      for (int i = 0; i < na; i++) {
        assertThat(ib[i]).isEqualTo(ia[i]);
        assertThat(fb[i]).isEqualTo(fa[i]);
      }
    }
    double[] da = new double[10];
    double[] db = new double[10];
    int[] ha = new int[50];
    int[] hb = new int[50];
    for (int u = 0; u < ua.size(); u++) {
      assertThat(sb.isActive(u)).isEqualTo(sa.isActive(u));
      for (AffinityKind k : AffinityKind.values()) {
        int na = sa.topAffinities(u, k, 10, ia, da);
        int nb = sb.topAffinities(u, k, 10, ib, db);
        assertThat(nb).isEqualTo(na);
        for (int i = 0; i < na; i++) {
          assertThat(ib[i]).isEqualTo(ia[i]);
          assertThat(db[i]).isEqualTo(da[i]);
          assertThat(sb.affinity(u, k, ia[i])).isEqualTo(sa.affinity(u, k, ia[i]));
        }
      }
      int na = sa.recentHistory(u, ha);
      assertThat(sb.recentHistory(u, hb)).isEqualTo(na);
      assertThat(java.util.Arrays.copyOf(hb, na)).containsExactly(java.util.Arrays.copyOf(ha, na));
      for (int v = 0; v < ca.indexBound(); v += 7) {
        assertThat(sb.hasSeen(u, v)).isEqualTo(sa.hasSeen(u, v));
      }
      assertThat(sb.followedCreators(u, ha)).isEqualTo(sa.followedCreators(u, hb));
      assertThat(sb.adImpressions(u)).isEqualTo(sa.adImpressions(u));
      assertThat(sb.adClicks(u)).isEqualTo(sa.adClicks(u));
    }
  }

  @Test
  void restore_afterSnapshot_reproducesIdenticalFeatures() throws IOException {
    TestWorld w = world(time);
    SignalStore s = populated(w);
    Path dir = tmp.resolve("snap");
    s.snapshot(dir);
    CoreSnapshot r = SignalStore.restore(dir, time);
    assertSameFeatures(w.catalog, w.users, s, r.catalog(), r.users(), r.signals());
    // both go on identically, including de-duplication of ids seen before the snapshot
    time.advance(600_000);
    List<Interaction> more =
        w.randomEvents(new Random(SEED + 1), 3000, T0 - 600_000, 1_200_000, true);
    assertThat(r.signals().recordAll(more)).isEqualTo(s.recordAll(more)).isZero();
    List<Interaction> fresh =
        w.randomEvents(new Random(SEED + 2), 3000, T0 - 600_000, 1_200_000, false);
    assertThat(r.signals().recordAll(fresh)).isEqualTo(s.recordAll(fresh)).isEqualTo(3000);
    assertSameFeatures(w.catalog, w.users, s, r.catalog(), r.users(), r.signals());
    // vector search works on the restored catalog
    float[] q = TestWorld.unitVector(new Random(1), 8);
    int[] a = new int[5];
    int[] b = new int[5];
    w.catalog.exactNearest(q, 5, v -> true, a, new float[5]);
    r.catalog().nearest(q, 5, v -> true, b, new float[5]);
    assertThat(b).containsExactly(a);
  }

  @Test
  void snapshot_twice_replacesAtomicallyAndKeepsOneSnapshot() throws IOException {
    TestWorld w = world(time);
    SignalStore s = populated(w);
    Path dir = tmp.resolve("snap");
    s.snapshot(dir);
    // a crashed earlier attempt leaves a temp dir behind: it must not matter
    Files.createDirectories(dir.resolve("snapshot-99.tmp"));
    Files.writeString(dir.resolve("snapshot-99.tmp/signals.bin"), "garbage");
    s.record(Interaction.of(dev.foryou.core.event.EventType.LIKE, 0, 0, T0));
    s.snapshot(dir);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("CURRENT", "snapshot-2");
    }
    CoreSnapshot r = SignalStore.restore(dir, time);
    assertThat(r.signals().total(0, VideoCounter.LIKES)).isEqualTo(s.total(0, VideoCounter.LIKES));
  }

  private void corruptionRejected(Path dir, String file, long offset, boolean truncate, String msg)
      throws IOException {
    TestWorld w = world(time);
    SignalStore s = populated(w);
    s.snapshot(dir);
    double before = s.count(3, VideoCounter.IMPRESSIONS);
    Path f = dir.resolve("snapshot-1").resolve(file);
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      if (truncate) {
        raf.setLength(raf.length() - offset);
      } else {
        long pos = offset >= 0 ? offset : raf.length() / 2;
        raf.seek(pos);
        int old = raf.read();
        raf.seek(pos);
        raf.write(old ^ 0x10);
      }
    }
    assertThatThrownBy(() -> SignalStore.restore(dir, time))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(msg);
    // the live state is untouched and still works
    assertThat(s.count(3, VideoCounter.IMPRESSIONS)).isEqualTo(before);
    assertThat(s.record(Interaction.of(dev.foryou.core.event.EventType.LIKE, 1, 3, T0))).isTrue();
  }

  @Test
  void restore_flippedByte_rejectedWithChecksumError() throws IOException {
    corruptionRejected(tmp.resolve("a"), "signals.bin", -1, false, "checksum");
    corruptionRejected(tmp.resolve("b"), "catalog.bin", -1, false, "checksum");
    corruptionRejected(tmp.resolve("c"), "users.bin", 20, false, "checksum");
  }

  @Test
  void restore_truncatedFile_rejected() throws IOException {
    corruptionRejected(tmp.resolve("a"), "signals.bin", 100, true, "corrupt");
    corruptionRejected(tmp.resolve("b"), "users.bin", 3, true, "corrupt");
  }

  @Test
  void restore_unknownVersion_rejected() throws IOException {
    corruptionRejected(tmp.resolve("a"), "catalog.bin", 7, false, "version");
  }

  @Test
  void restore_missingOrBadCurrent_rejected() throws IOException {
    Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> SignalStore.restore(tmp.resolve("empty"), time))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("CURRENT");
    Files.writeString(tmp.resolve("empty/CURRENT"), "../../etc");
    assertThatThrownBy(() -> SignalStore.restore(tmp.resolve("empty"), time))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt");
    Files.writeString(tmp.resolve("empty/CURRENT"), "snapshot-5");
    assertThatThrownBy(() -> SignalStore.restore(tmp.resolve("empty"), time))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> SignalStore.restore(null, time))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void snapshot_duringConcurrentBatches_isConsistentCut() throws Exception {
    TestWorld w = TestWorld.create(SEED, 50, 20, 8, time);
    SignalStore s = SignalStore.builder(w.catalog, w.users).timeSource(time).build();
    int writers = 3;
    long[] batches = new long[writers];
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < writers; t++) {
      int a = 2 * t;
      int b = 2 * t + 1;
      int writer = t;
      Thread th =
          new Thread(
              () -> {
                try {
                  for (int i = 0; !stop.get(); i++) {
                    s.recordAll(
                        List.of(
                            Interaction.of(EventType.IMPRESSION, i % 20, a, T0 - i % 1000),
                            Interaction.of(EventType.IMPRESSION, i % 20, b, T0 - i % 1000)));
                    batches[writer]++;
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      threads.add(th);
      th.start();
    }
    for (int snap = 0; snap < 4; snap++) {
      Path dir = tmp.resolve("cut" + snap);
      s.snapshot(dir);
      SignalStore r = SignalStore.restore(dir, time).signals();
      for (int t = 0; t < writers; t++) {
        // a batch is recorded under the gate as a whole: a snapshot sees both events or neither
        assertThat(r.total(2 * t, VideoCounter.IMPRESSIONS))
            .as("snapshot %d, writer %d", snap, t)
            .isEqualTo(r.total(2 * t + 1, VideoCounter.IMPRESSIONS));
      }
    }
    stop.set(true);
    for (Thread th : threads) {
      th.join();
    }
    assertThat(failure.get()).isNull();
    for (int t = 0; t < writers; t++) {
      assertThat(batches[t]).isPositive();
      assertThat(s.total(2 * t, VideoCounter.IMPRESSIONS)).isEqualTo(batches[t]);
      assertThat(s.total(2 * t + 1, VideoCounter.IMPRESSIONS)).isEqualTo(batches[t]);
    }
  }
}
