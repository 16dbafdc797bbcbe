package dev.foryou.benchmarks;

import dev.foryou.ranking.FeedContext;
import dev.foryou.ranking.FeedEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Not a JMH benchmark: a companion to {@link FeedBenchmark} for loaded machines. Same world and
 * engine; measures each feed request's thread CPU time (and wall time) over rounds of 1,000
 * requests and prints percentiles per round. CPU time is much less sensitive than wall time to
 * other processes sharing the cores. Usage: {@code java --add-modules jdk.incubator.vector -Xmx6g
 * -cp benchmarks/target/benchmarks.jar dev.foryou.benchmarks.FeedCpuProbe 100000}; {@code
 * -Drounds=N} runs N rounds instead of 6.
 */
public final class FeedCpuProbe {
  private FeedCpuProbe() {}

  /**
   * Runs the probe.
   *
   * @param args the catalog size (default 100,000)
   */
  public static void main(String[] args) {
    int videos = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int users = 2000;
    RankingWorld w = new RankingWorld(42, videos, 64);
    FeedEngine engine = w.feedEngine(users, 1000);
    int next = 0;
    int n = 1000;
    long[] cpu = new long[n];
    long[] wall = new long[n];
    int rounds = Integer.getInteger("rounds", 6);
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < n; i++) {
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        engine.feed(next, 20, FeedContext.firstPage());
        cpu[i] = mx.getCurrentThreadCpuTime() - c0;
        wall[i] = System.nanoTime() - w0;
        next = (next + 1) % users;
      }
      Arrays.sort(cpu);
      Arrays.sort(wall);
      System.out.printf(
          "round %d (videos %d) cpu p0 %.0f p50 %.0f p90 %.0f p99 %.0f us | wall p50 %.0f p99 %.0f"
              + " us%n",
          round,
          videos,
          cpu[0] / 1e3,
          cpu[n / 2] / 1e3,
          cpu[n * 9 / 10] / 1e3,
          cpu[n * 99 / 100] / 1e3,
          wall[n / 2] / 1e3,
          wall[n * 99 / 100] / 1e3);
    }
  }
}
