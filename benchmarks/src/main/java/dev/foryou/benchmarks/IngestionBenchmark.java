package dev.foryou.benchmarks;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.user.UserRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Event ingestion on the full update path of {@link SignalStore#record}: validation, decayed and
 * exact per-video counters, per-user affinities (creator, hashtags, sound, category), history,
 * seen-set, follows, co-engagement pairing. A seeded, realistic event mix (40% impressions, 35%
 * views with irregular watch times, likes, shares, comments, skips, follows, gifts, "not
 * interested", ad events) over a Zipf-like skewed catalog and user base, timestamps within the last
 * hour, slightly out of order. Reported as events per second for 1 and 2 threads, one event per
 * {@code record} call and, in the {@code recordAll} methods, batches of {@value #BATCH}.
 *
 * <p>The fork runs with the JVM settings the README advises for a service that holds this state: a
 * committed, pre-touched heap on transparent huge pages. The path is bound by cache misses on
 * hundreds of megabytes of per-user state, which spans far more 4 KiB pages than the TLB holds. To
 * measure without them, override the prepended arguments: {@code -jvmArgsPrepend "-Xms2g -Xmx2g"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsPrepend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IngestionBenchmark {
  private static final long T0 = 1_700_000_000_000L;
  private static final int EVENTS = 1 << 20;

  /** Videos in the catalog. */
  @Param({"100000"})
  public int videos;

  /** Registered users. */
  @Param({"100000"})
  public int users;

  private SignalStore store;
  private Interaction[] events;
  private List<Interaction> eventList;

  /** Builds the catalog (no embeddings: vectors do not take part in ingestion) and the events. */
  @Setup(Level.Trial)
  public void setup() {
    ManualTimeSource time = new ManualTimeSource(T0);
    Catalog catalog = Catalog.builder().dimension(64).timeSource(time).build();
    SplittableRandom r = new SplittableRandom(20_240_601);
    int creators = Math.max(1, videos / 25);
    for (int i = 0; i < videos; i++) {
      int nTags = r.nextInt(4);
      String[] tags = new String[nTags];
      for (int t = 0; t < nTags; t++) {
        tags[t] = "tag" + (t * 1000 + r.nextInt(1000));
      }
      catalog.upsert(
          new Video(
              "v" + i,
              "c" + r.nextInt(creators),
              3_000 + r.nextInt(180_000),
              T0 - r.nextInt(1_000_000_000),
              "en",
              List.of(tags),
              r.nextInt(3) == 0 ? "" : "s" + r.nextInt(5000),
              "cat" + r.nextInt(30),
              null,
              false));
    }
    UserRegistry registry = new UserRegistry();
    for (int i = 0; i < users; i++) {
      registry.register("u" + i);
    }
    store = SignalStore.builder(catalog, registry).timeSource(time).build();
    events = new Interaction[EVENTS];
    long ts = T0 - 3_600_000;
    for (int i = 0; i < EVENTS; i++) {
      double u = r.nextDouble();
      int video = (int) (u * u * u * videos);
      int user = (int) (Math.pow(r.nextDouble(), 2) * users);
      ts = Math.min(T0, ts + r.nextInt(7));
      long t = ts - r.nextInt(5_000);
      int p = r.nextInt(1000);
      Interaction e;
      if (p < 400) {
        e = Interaction.of(EventType.IMPRESSION, user, video, t);
      } else if (p < 750) {
        long dur = catalog.durationMs(video);
        e = Interaction.view(user, video, t, (long) (r.nextDouble() * 1.3 * dur));
      } else if (p < 830) {
        e = Interaction.of(EventType.LIKE, user, video, t);
      } else if (p < 850) {
        e = Interaction.of(EventType.SHARE, user, video, t);
      } else if (p < 870) {
        e = Interaction.of(EventType.COMMENT, user, video, t);
      } else if (p < 940) {
        e = Interaction.of(EventType.SKIP, user, video, t);
      } else if (p < 950) {
        e = Interaction.of(EventType.FOLLOW, user, video, t);
      } else if (p < 955) {
        e = Interaction.gift(user, video, t, 1 + r.nextInt(100));
      } else if (p < 960) {
        e = Interaction.of(EventType.NOT_INTERESTED, user, video, t);
      } else if (p < 995) {
        e = Interaction.of(EventType.AD_IMPRESSION, user, r.nextInt(10_000), t);
      } else {
        e = Interaction.of(EventType.AD_CLICK, user, r.nextInt(10_000), t);
      }
      events[i] = e;
    }
    eventList = Arrays.asList(events);
  }

  /** The store set up (for {@link Interleaved}). */
  SignalStore store() {
    return store;
  }

  /** The events set up (for {@link Interleaved}). */
  Interaction[] events() {
    return events;
  }

  /** Each benchmark thread walks the event array from its own offset. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    /** Picks a starting offset per thread. */
    @Setup(Level.Trial)
    public void setup() {
      next = (int) (Thread.currentThread().threadId() * 7919) & (EVENTS - 1);
    }
  }

  /** Events per {@link SignalStore#recordAll} call in the batch benchmarks. */
  static final int BATCH = 64;

  private int batch(Cursor c) {
    int from = c.next + BATCH <= EVENTS ? c.next : 0;
    c.next = (from + BATCH) & (EVENTS - 1);
    return store.recordAll(eventList.subList(from, from + BATCH));
  }

  private boolean one(Cursor c) {
    Interaction e = events[c.next];
    c.next = (c.next + 1) & (EVENTS - 1);
    return store.record(e);
  }

  /**
   * One thread.
   *
   * @param c the thread's cursor
   * @return whether the event was applied
   */
  @Benchmark
  @Threads(1)
  public boolean record1Thread(Cursor c) {
    return one(c);
  }

  /**
   * Two threads at once (the machine has 2 cores).
   *
   * @param c the thread's cursor
   * @return whether the event was applied
   */
  @Benchmark
  @Threads(2)
  public boolean record2Threads(Cursor c) {
    return one(c);
  }

  /**
   * One thread, batches of {@link #BATCH} events through {@link SignalStore#recordAll} (the same
   * update path, validated per batch); reported per event.
   *
   * @param c the thread's cursor
   * @return how many events were applied
   */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BATCH)
  public int recordAll1Thread(Cursor c) {
    return batch(c);
  }

  /**
   * Two threads, batches of {@link #BATCH} events each; reported per event.
   *
   * @param c the thread's cursor
   * @return how many events were applied
   */
  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(BATCH)
  public int recordAll2Threads(Cursor c) {
    return batch(c);
  }
}
