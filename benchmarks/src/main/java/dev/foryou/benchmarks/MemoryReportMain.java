package dev.foryou.benchmarks;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.signal.MemoryReport;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.user.UserRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Memory report: builds catalogs of N videos with 64-dim embeddings (HNSW-indexed), feeds a seeded
 * realistic event stream (about 3 events per video, from N/10 users), and prints the store's own
 * {@link SignalStore#memoryReport()} (computed from structure sizes) next to the JVM's measured
 * heap growth after full GCs, as a cross-check.
 *
 * <p>Run: {@code java -Xmx6g -cp benchmarks/target/benchmarks.jar
 * dev.foryou.benchmarks.MemoryReportMain 100000 1000000}.
 */
public final class MemoryReportMain {
  private static final long T0 = 1_700_000_000_000L;

  private MemoryReportMain() {}

  /**
   * Entry point.
   *
   * @param args catalog sizes; default 100000
   */
  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {100_000} : new int[args.length];
    for (int i = 0; i < args.length; i++) {
      sizes[i] = Integer.parseInt(args[i]);
    }
    System.out.printf(
        "%10s %8s %14s %14s %14s %12s %14s %14s%n",
        "videos",
        "users",
        "catalog B",
        "videoSig B",
        "user B",
        "B/video",
        "B/user",
        "heap B/video*");
    for (int n : sizes) {
      run(n);
    }
    System.out.println(
        "* heap B/video: (used heap after full GC with catalog+store) - (before), minus user bytes,"
            + " per video");
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void run(int n) {
    long before = usedHeap();
    ManualTimeSource time = new ManualTimeSource(T0);
    Catalog catalog = Catalog.builder().dimension(64).timeSource(time).build();
    SplittableRandom r = new SplittableRandom(n);
    int creators = Math.max(1, n / 25);
    float[] v = new float[64];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int d = 0; d < 64; d++) {
        v[d] = (float) (r.nextDouble() * 2 - 1);
        norm += v[d] * v[d];
      }
      for (int d = 0; d < 64; d++) {
        v[d] /= (float) Math.sqrt(norm);
      }
      int nTags = r.nextInt(4);
      String[] tags = new String[nTags];
      for (int t = 0; t < nTags; t++) {
        tags[t] = "tag" + (t * 2000 + r.nextInt(2000));
      }
      catalog.upsert(
          new Video(
              "video-" + i,
              "creator-" + r.nextInt(creators),
              3_000 + r.nextInt(180_000),
              T0 - r.nextInt(1_000_000_000),
              "en",
              List.of(tags),
              r.nextInt(3) == 0 ? "" : "sound-" + r.nextInt(10_000),
              "cat" + r.nextInt(30),
              v,
              false));
    }
    catalog.refresh();
    int users = Math.max(1, n / 10);
    UserRegistry registry = new UserRegistry();
    for (int i = 0; i < users; i++) {
      registry.register("user-" + i);
    }
    SignalStore store = SignalStore.builder(catalog, registry).timeSource(time).build();
    long events = 3L * n;
    for (long i = 0; i < events; i++) {
      int video = i < n ? (int) i : r.nextInt(n);
      int user = r.nextInt(users);
      long t = T0 - r.nextInt(3_600_000);
      int p = r.nextInt(100);
      Interaction e;
      if (p < 45) {
        e = Interaction.of(EventType.IMPRESSION, user, video, t);
      } else if (p < 85) {
        e = Interaction.view(user, video, t, (long) (r.nextDouble() * catalog.durationMs(video)));
      } else if (p < 95) {
        e = Interaction.of(EventType.LIKE, user, video, t);
      } else {
        e = Interaction.of(EventType.SKIP, user, video, t);
      }
      store.record(e);
    }
    MemoryReport m = store.memoryReport();
    long after = usedHeap();
    double heapPerVideo = (double) (after - before - m.userBytes()) / n;
    System.out.printf(
        "%10d %8d %14d %14d %14d %12.1f %14.1f %14.1f%n",
        m.videos(),
        m.activeUsers(),
        m.catalogBytes(),
        m.videoSignalBytes(),
        m.userBytes(),
        m.bytesPerVideo(),
        m.bytesPerActiveUser(),
        heapPerVideo);
    // keep everything reachable until measured
    if (store.total(0, dev.foryou.core.signal.VideoCounter.VIEWS) < 0) {
      System.out.println(catalog.size());
    }
  }
}
