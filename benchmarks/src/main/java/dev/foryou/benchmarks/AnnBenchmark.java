package dev.foryou.benchmarks;

import dev.foryou.core.catalog.Catalog;
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
 * ANN retrieval through {@link Catalog#nearest(float[], int, int, IntPredicate, int[], float[])}
 * (the catalog's on-heap HNSW graph, k = 100, {@code beam} candidates kept by the search) against
 * {@link Catalog#exactNearest} (SIMD scan), 64-dim clustered embeddings. Recall@100 against exact
 * search over 200 held-out queries is printed at setup for beams 100 to 1,000 ("[recall]"), with
 * the graph's build time. Run once with and once without {@code --add-modules jdk.incubator.vector}
 * to compare the scalar and Panama paths of Lucene's VectorUtil. Every {@code vectors} × {@code
 * beam} pair is its own fork with its own build; {@code exact} does not depend on {@code beam}
 * (select it with {@code -p beam=100}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsPrepend = {"-Xmx8g", "-XX:+UseTransparentHugePages"})
public class AnnBenchmark {
  @Param({"10000", "100000", "1000000"})
  public int vectors;

  /** Candidates the graph search keeps ({@code ef}); the default catalog uses 5 k = 500. */
  @Param({"150", "300", "500"})
  public int beam;

  private static final int K = 100;
  private static final int[] RECALL_BEAMS = {100, 150, 200, 300, 500, 1000};
  private static final IntPredicate ALL = v -> true;
  private Catalog catalog;
  private float[][] queries;
  private int next;
  private final int[] outVideos = new int[K];
  private final float[] outScores = new float[K];

  @Setup(Level.Trial)
  public void setUp() {
    long start = System.nanoTime();
    RankingWorld w = new RankingWorld(7, vectors, 64);
    catalog = w.catalog;
    long built = System.nanoTime();
    queries = w.queries(200, 8);
    int[][] truth = new int[queries.length][K];
    float[] es = new float[K];
    long total = 0;
    for (int i = 0; i < queries.length; i++) {
      total += catalog.exactNearest(queries[i], K, ALL, truth[i], es);
      java.util.Arrays.sort(truth[i]);
    }
    StringBuilder line = new StringBuilder();
    for (int b : RECALL_BEAMS) {
      long hits = 0;
      for (int i = 0; i < queries.length; i++) {
        int m = catalog.nearest(queries[i], K, b, ALL, outVideos, outScores);
        for (int j = 0; j < m; j++) {
          if (java.util.Arrays.binarySearch(truth[i], outVideos[j]) >= 0) {
            hits++;
          }
        }
      }
      line.append(String.format(" beam %d: %.4f", b, hits / (double) total));
    }
    System.out.printf(
        "%n[recall] vectors=%d recall@%d (HNSW vs exact, %d queries):%s; built in %.1f s;"
            + " vector module %s%n",
        vectors,
        K,
        queries.length,
        line,
        (built - start) / 1e9,
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "on" : "off");
  }

  @Benchmark
  public void hnsw(Blackhole bh) {
    float[] q = queries[next++ % queries.length];
    bh.consume(catalog.nearest(q, K, beam, ALL, outVideos, outScores));
    bh.consume(outVideos);
  }

  @Benchmark
  public void exact(Blackhole bh) {
    float[] q = queries[next++ % queries.length];
    bh.consume(catalog.exactNearest(q, K, ALL, outVideos, outScores));
    bh.consume(outVideos);
  }
}
