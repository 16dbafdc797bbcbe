package dev.foryou.benchmarks;

import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.ranking.FeedContext;
import dev.foryou.ranking.FeedEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.LongUnaryOperator;

/**
 * Not a JMH benchmark: an interleaved A/B of two or more builds in one JVM, which is how changes
 * are decided on a noisy machine. Each jar (a {@code benchmarks.jar} of its build) is loaded in its
 * own class loader and builds its own world; then their operations alternate one by one (A B A B …,
 * who goes first alternating too), each timed in thread CPU time, so the machine's swings hit all
 * builds alike. Rounds 0 and 1 are warm-up; the summary covers the rest.
 *
 * <p>Modes: {@code feed} (one {@link FeedBenchmark} request per operation; {@code -Dvideos}, {@code
 * -DpagesBefore}; per-request percentiles), {@code ann} (100 {@link AnnBenchmark} queries, k = 100,
 * per operation; {@code -Dvectors}, {@code -Dbeam}; mean per query) and {@code ingest} (20,000
 * {@link IngestionBenchmark} events per operation; {@code -Dvideos}, {@code -Dusers}; {@code
 * -Dbatch=N} records them through {@code recordAll} in batches of N; events per second). {@code
 * -Drounds=N} (default 10). Usage: {@code java --add-modules jdk.incubator.vector -Xms12g -Xmx12g
 * -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages -Dvideos=1000000 -cp
 * benchmarks/target/benchmarks.jar dev.foryou.benchmarks.Interleaved feed /tmp/a.jar /tmp/b.jar}.
 * Builds older than this class cannot take part.
 */
public final class Interleaved {
  private Interleaved() {}

  /**
   * Runs the A/B.
   *
   * @param args the mode, then two or more jar paths
   * @throws Exception if a jar cannot be loaded or its world not built
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: Interleaved feed|ann|ingest A.jar B.jar [more.jar ...], got "
              + Arrays.toString(args));
    }
    String mode = args[0];
    String runner =
        switch (mode) {
          case "feed" -> FeedRequests.class.getName();
          case "ann" -> AnnQueries.class.getName();
          case "ingest" -> IngestionBatches.class.getName();
          default -> throw new IllegalArgumentException("unknown mode: " + mode);
        };
    int k = args.length - 1;
    String[] names = new String[k];
    LongUnaryOperator[] ops = new LongUnaryOperator[k];
    for (int j = 0; j < k; j++) {
      Path jar = Path.of(args[j + 1]);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("no such jar: " + jar);
      }
      names[j] = (j + 1) + ":" + jar.getFileName();
      @SuppressWarnings("resource") // lives as long as the run
      URLClassLoader loader =
          new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      var make = loader.loadClass(runner).getDeclaredConstructor();
      make.setAccessible(true); // another loader's copy of this package
      ops[j] = (LongUnaryOperator) make.newInstance();
      System.out.printf("built %s%n", names[j]);
    }
    int rounds = Integer.getInteger("rounds", 10);
    if (rounds < 3) {
      throw new IllegalArgumentException("rounds must be >= 3 (two warm up): " + rounds);
    }
    int perRound = mode.equals("feed") ? 1000 : 20;
    long units = mode.equals("feed") ? 1 : mode.equals("ann") ? 100 : 20_000;
    long[][] all = new long[k][Math.multiplyExact(rounds, perRound)];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < perRound; i++) {
        for (int j = 0; j < k; j++) {
          int jj = (i + j + round) % k; // who goes first rotates
          all[jj][round * perRound + i] = ops[jj].applyAsLong(units);
        }
      }
      StringBuilder line = new StringBuilder("round " + round);
      for (int j = 0; j < k; j++) {
        long[] r = Arrays.copyOfRange(all[j], round * perRound, (round + 1) * perRound);
        line.append(" | ").append(names[j]).append(' ').append(summary(mode, r, units));
      }
      System.out.println(line);
    }
    for (int j = 0; j < k; j++) {
      long[] r = Arrays.copyOfRange(all[j], 2 * perRound, rounds * perRound);
      System.out.printf("TOTAL (rounds 2..) %s %s%n", names[j], summary(mode, r, units));
    }
  }

  private static String summary(String mode, long[] ns, long units) {
    if (mode.equals("feed")) {
      long[] s = ns.clone();
      Arrays.sort(s);
      int n = s.length;
      return String.format(
          "p50 %.0f p90 %.0f p99 %.0f mean %.0f us",
          s[n / 2] / 1e3,
          s[n * 9 / 10] / 1e3,
          s[n * 99 / 100] / 1e3,
          Arrays.stream(s).average().orElse(0) / 1e3);
    }
    long total = Arrays.stream(ns).sum();
    double perUnit = total / (double) (ns.length * units);
    return mode.equals("ann")
        ? String.format("%.1f us/query", perUnit / 1e3)
        : String.format("%.0f k events/s", 1e6 / perUnit);
  }

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  /** {@link FeedBenchmark}'s world and request; the operand is ignored (one request). */
  static final class FeedRequests implements LongUnaryOperator {
    private static final int USERS = 2000;
    private final FeedEngine engine;
    private int next;

    FeedRequests() {
      engine =
          new RankingWorld(42, Integer.getInteger("videos", 100_000), 64).feedEngine(USERS, 1000);
      for (int p = Integer.getInteger("pagesBefore", 0); p > 0; p--) {
        for (int u = 0; u < USERS; u++) {
          engine.feed(u, 20, FeedContext.firstPage());
        }
      }
    }

    @Override
    public long applyAsLong(long ignored) {
      long c0 = MX.getCurrentThreadCpuTime();
      engine.feed(next, 20, FeedContext.firstPage());
      long c = MX.getCurrentThreadCpuTime() - c0;
      next = (next + 1) % USERS;
      return c;
    }
  }

  /** {@link AnnBenchmark}'s catalog and queries; runs the operand's number of queries. */
  static final class AnnQueries implements LongUnaryOperator {
    private final Catalog catalog;
    private final float[][] queries;
    private final int[] outVideos = new int[100];
    private final float[] outScores = new float[100];
    private final IntPredicate all = v -> true;
    private final int beam = Integer.getInteger("beam", 150);
    private int next;

    /** Keeps the results from being optimised away. */
    long sink;

    AnnQueries() {
      RankingWorld w = new RankingWorld(7, Integer.getInteger("vectors", 300_000), 64);
      catalog = w.catalog;
      queries = w.queries(2000, 8);
    }

    @Override
    public long applyAsLong(long count) {
      long c0 = MX.getCurrentThreadCpuTime();
      for (long i = 0; i < count; i++) {
        float[] q = queries[next++ % queries.length];
        sink += catalog.nearest(q, 100, beam, all, outVideos, outScores) + outVideos[0];
      }
      return MX.getCurrentThreadCpuTime() - c0;
    }
  }

  /** {@link IngestionBenchmark}'s store and events; records the operand's number of events. */
  static final class IngestionBatches implements LongUnaryOperator {
    private final SignalStore store;
    private final Interaction[] events;
    private final List<Interaction> list;
    private final int batch = Integer.getInteger("batch", 1);
    private int next;

    IngestionBatches() {
      IngestionBenchmark b = new IngestionBenchmark();
      b.videos = Integer.getInteger("videos", 100_000);
      b.users = Integer.getInteger("users", 100_000);
      b.setup();
      store = b.store();
      events = b.events();
      list = Arrays.asList(events);
      if (batch < 1 || batch > events.length) {
        throw new IllegalArgumentException("batch must be in [1, " + events.length + "]: " + batch);
      }
    }

    @Override
    public long applyAsLong(long count) {
      long c0 = MX.getCurrentThreadCpuTime();
      if (batch > 1) {
        for (long i = 0; i < count; i += batch) {
          int from = next + batch <= events.length ? next : 0;
          store.recordAll(list.subList(from, from + batch));
          next = (from + batch) % events.length;
        }
      } else {
        for (long i = 0; i < count; i++) {
          store.record(events[next]);
          next = (next + 1) & (events.length - 1);
        }
      }
      return MX.getCurrentThreadCpuTime() - c0;
    }
  }
}
