package dev.foryou.benchmarks;

import dev.foryou.core.catalog.Catalog;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * ANN retrieval through {@link Catalog#nearest} (Lucene HNSW) against {@link Catalog#exactNearest}
 * (SIMD scan), k = 100, 64-dim clustered embeddings; {@code hnswWide} searches k = 300 and keeps
 * the best 100 (a 3x wider beam). Recall@100 of both against exact search over 200 held-out queries
 * is printed at setup ("[recall]"). Run once with and once without {@code --add-modules
 * jdk.incubator.vector} to compare the scalar and Panama paths of Lucene's VectorUtil.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class AnnBenchmark {
  @Param({"10000", "100000", "1000000"})
  public int vectors;

  private static final int K = 100;
  private static final IntPredicate ALL = v -> true;
  private Catalog catalog;
  private float[][] queries;
  private int next;
  private static final int WIDE = 3 * K;
  private final int[] outVideos = new int[WIDE];
  private final float[] outScores = new float[WIDE];

  @Setup(Level.Trial)
  public void setUp() {
    long start = System.nanoTime();
    RankingWorld w = new RankingWorld(7, vectors, 64);
    catalog = w.catalog;
    long built = System.nanoTime();
    SplittableRandom r = new SplittableRandom(8);
    queries = new float[200][64];
    for (float[] q : queries) {
      int t = RankingWorld.zipf(r, RankingWorld.TOPICS);
      for (int d = 0; d < 64; d++) {
        q[d] = w.centroids[t][d] + 0.8f * (float) r.nextGaussian();
      }
    }
    int[] exact = new int[K];
    float[] es = new float[K];
    long hits = 0;
    long wideHits = 0;
    long total = 0;
    for (float[] q : queries) {
      int n = catalog.exactNearest(q, K, ALL, exact, es);
      java.util.Set<Integer> truth = new java.util.HashSet<>();
      for (int i = 0; i < n; i++) {
        truth.add(exact[i]);
      }
      int m = catalog.nearest(q, K, ALL, outVideos, outScores);
      for (int i = 0; i < m; i++) {
        if (truth.contains(outVideos[i])) {
          hits++;
        }
      }
      // a 3x wider search (k = 300, so the HNSW beam is 3x wider), its best 100 kept
      m = Math.min(K, catalog.nearest(q, WIDE, ALL, outVideos, outScores));
      for (int i = 0; i < m; i++) {
        if (truth.contains(outVideos[i])) {
          wideHits++;
        }
      }
      total += n;
    }
    System.out.printf(
        "%n[recall] vectors=%d recall@%d=%.4f, with a 3x wider beam %.4f (HNSW vs exact, %d"
            + " queries); built in %.1f s; vector module %s%n",
        vectors,
        K,
        hits / (double) total,
        wideHits / (double) total,
        queries.length,
        (built - start) / 1e9,
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "on" : "off");
  }

  @Benchmark
  public void hnsw(Blackhole bh) {
    float[] q = queries[next++ % queries.length];
    bh.consume(catalog.nearest(q, K, ALL, outVideos, outScores));
    bh.consume(outVideos);
  }

  /** HNSW with a 3x wider beam: k = 300, of which the best 100 are the answer. */
  @Benchmark
  public void hnswWide(Blackhole bh) {
    float[] q = queries[next++ % queries.length];
    bh.consume(catalog.nearest(q, WIDE, ALL, outVideos, outScores));
    bh.consume(outVideos);
  }

  @Benchmark
  public void exact(Blackhole bh) {
    float[] q = queries[next++ % queries.length];
    bh.consume(catalog.exactNearest(q, K, ALL, outVideos, outScores));
    bh.consume(outVideos);
  }
}
