package dev.foryou.benchmarks;

import dev.foryou.ranking.FeedContext;
import dev.foryou.ranking.FeedEngine;
import dev.foryou.ranking.FeedPage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Feed request latency, single thread: a catalog of {@code videos} videos with 64-dim embeddings,
 * 2,000 users with histories (views and likes over two topics each), {@code candidates} candidates
 * per request from all sources, top 20. Users rotate per call; each call is a new first page, so
 * the no-repeat window and seen-set grow as in production; {@code pagesBefore} serves that many
 * pages to every user first (the steady state of heavy users). SampleTime gives p50/p99.
 *
 * <p>The fork runs as a latency-sensitive service should: the whole heap committed and touched up
 * front ({@code -Xms} = {@code -Xmx}, {@code -XX:+AlwaysPreTouch}) and transparent huge pages, so a
 * request never pays for the first touch of a fresh heap page (the slowest requests of earlier runs
 * were the ones that took page faults).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsPrepend = {"-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
public class FeedBenchmark {
  @Param({"100000", "1000000"})
  public int videos;

  @Param({"1000"})
  public int candidates;

  @Param({"20"})
  public int count;

  /**
   * Pages served to every user in setup, before measuring: 0 measures users early in their use; 25
   * fills the no-repeat window (500 items), the steady state of a heavy user, where every source
   * (the ANN walk most) must go past what the user was already served.
   */
  @Param({"0"})
  public int pagesBefore;

  private static final int USERS = 2000;
  private FeedEngine engine;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    long start = System.nanoTime();
    RankingWorld w = new RankingWorld(42, videos, 64);
    long built = System.nanoTime();
    engine = w.feedEngine(USERS, candidates);
    long served = System.nanoTime();
    for (int p = 0; p < pagesBefore; p++) {
      for (int u = 0; u < USERS; u++) {
        engine.feed(u, count, FeedContext.firstPage());
      }
    }
    System.out.printf(
        "%n[setup] catalog of %d built in %.1f s, history and engine in %.1f s, %d pages per user"
            + " in %.1f s, catalog %d MB%n",
        videos,
        (built - start) / 1e9,
        (served - built) / 1e9,
        pagesBefore,
        (System.nanoTime() - served) / 1e9,
        w.catalog.ramBytesUsed() >> 20);
  }

  @Benchmark
  public FeedPage feed() {
    int user = next;
    next = (next + 1) % USERS;
    return engine.feed(user, count, FeedContext.firstPage());
  }
}
