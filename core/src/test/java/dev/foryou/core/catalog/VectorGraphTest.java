package dev.foryou.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

class VectorGraphTest {
  private static final int DIM = 16;

  /** Clustered vectors: 20 centroids, Gaussian noise, like embeddings of topics. */
  private static float[][] clustered(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centroids = new float[20][DIM];
    for (float[] c : centroids) {
      for (int d = 0; d < DIM; d++) {
        c[d] = (float) r.nextGaussian();
      }
    }
    float[][] v = new float[n][DIM];
    for (int i = 0; i < n; i++) {
      float[] c = centroids[r.nextInt(centroids.length)];
      for (int d = 0; d < DIM; d++) {
        v[i][d] = c[d] + 0.5f * (float) r.nextGaussian();
      }
    }
    return v;
  }

  private static Set<Integer> exact(float[][] v, float[] q, int k, Set<Integer> excluded) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(
        idx,
        (a, b) -> Float.compare(VectorUtil.dotProduct(q, v[b]), VectorUtil.dotProduct(q, v[a])));
    Set<Integer> top = new HashSet<>();
    for (int i = 0; i < v.length && top.size() < k; i++) {
      if (!excluded.contains(idx[i])) {
        top.add(idx[i]);
      }
    }
    return top;
  }

  private static double recall(VectorGraph g, float[][] v, long seed, int ef, Set<Integer> dead) {
    SplittableRandom r = new SplittableRandom(seed);
    int k = 10;
    int hits = 0;
    int queries = 40;
    int[] ords = new int[ef];
    float[] scores = new float[ef];
    for (int qn = 0; qn < queries; qn++) {
      float[] q = v[r.nextInt(v.length)].clone();
      q[0] += 0.1f;
      int n = g.search(g.view(), q, ef, o -> true, Integer.MAX_VALUE, ords, scores);
      Set<Integer> truth = exact(v, q, k, dead);
      for (int i = 0; i < Math.min(k, n); i++) {
        if (truth.contains(g.video(ords[i]))) {
          hits++;
        }
        assertThat(dead).as("seed %d: dead node returned", seed).doesNotContain(ords[i]);
      }
      assertThat(n).as("seed %d: ef results", seed).isEqualTo(ef);
      for (int i = 0; i < n; i++) {
        assertThat(scores[i])
            .as("seed %d: the exact dot product", seed)
            .isEqualTo(VectorUtil.dotProduct(q, v[g.video(ords[i])]));
        if (i > 0) {
          assertThat(scores[i]).as("seed %d: best first", seed).isLessThanOrEqualTo(scores[i - 1]);
        }
      }
    }
    return hits / (double) (queries * k);
  }

  /** A graph over all of {@code v}, linked by {@code threads} workers. */
  private static VectorGraph linked(float[][] v, int m, int beam, long seed, int threads) {
    VectorGraph g = new VectorGraph(v[0].length, m, beam, seed);
    for (int i = 0; i < v.length; i++) {
      g.append(i, v[i]);
    }
    g.link(threads);
    return g;
  }

  @Test
  void link_sequential_recallAtLeast95PercentOfExact() {
    long seed = 11;
    float[][] v = clustered(seed, 4000);
    VectorGraph g = new VectorGraph(DIM, 16, 100, seed);
    for (int i = 0; i < v.length; i++) {
      assertThat(g.append(i, v[i])).isEqualTo(i);
    }
    assertThat(g.unlinked()).isEqualTo(v.length);
    g.link(1);
    assertThat(g.published()).isEqualTo(v.length);
    assertThat(g.unlinked()).isZero();
    double recall = recall(g, v, seed, 50, Set.of());
    assertThat(recall).as("seed %d recall %f", seed, recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void link_parallelWorkers_recallAtLeast95PercentOfExact() {
    long seed = 12;
    float[][] v = clustered(seed, 6000);
    VectorGraph g = linked(v, 16, 100, seed, 2);
    assertThat(g.published()).isEqualTo(v.length);
    double recall = recall(g, v, seed, 50, Set.of());
    assertThat(recall).as("seed %d recall %f", seed, recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void search_filterInsideTheWalk_returnsEfAcceptedNodesWithHighRecall() {
    long seed = 21;
    float[][] v = clustered(seed, 5000);
    VectorGraph g = linked(v, 16, 100, seed, 1);
    SplittableRandom r = new SplittableRandom(seed);
    int k = 10;
    int ef = 200;
    int hits = 0;
    int queries = 30;
    for (int qn = 0; qn < queries; qn++) {
      float[] q = v[r.nextInt(v.length)].clone();
      // reject the 50 nearest nodes, like a user who has seen their neighbourhood: the filtered
      // walk must go past them instead of coming back short
      Set<Integer> rejected = new HashSet<>(exact(v, q, 50, Set.of()));
      int[] ords = new int[ef];
      float[] scores = new float[ef];
      java.util.concurrent.atomic.AtomicInteger asked =
          new java.util.concurrent.atomic.AtomicInteger();
      int n =
          g.search(
              g.view(),
              q,
              ef,
              o -> {
                asked.incrementAndGet();
                return !rejected.contains(g.video(o));
              },
              Integer.MAX_VALUE,
              ords,
              scores);
      assertThat(n).as("seed %d query %d", seed, qn).isEqualTo(ef);
      Set<Integer> truth = exact(v, q, k, rejected);
      for (int i = 0; i < n; i++) {
        assertThat(rejected).as("seed %d: rejected node returned", seed).doesNotContain(ords[i]);
        if (i < k && truth.contains(ords[i])) {
          hits++;
        }
      }
      assertThat(asked.get()).as("the filter is asked about candidates only").isLessThan(v.length);
    }
    double recall = hits / (double) (queries * k);
    assertThat(recall).as("seed %d filtered recall %f", seed, recall).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void search_visitBudget_stopsTheWalkEarly() {
    long seed = 22;
    float[][] v = clustered(seed, 3000);
    VectorGraph g = linked(v, 8, 40, seed, 1);
    int[] ords = new int[40];
    float[] scores = new float[40];
    // a filter nothing passes: unbounded, the walk visits every reachable node
    java.util.concurrent.atomic.AtomicInteger unbounded =
        new java.util.concurrent.atomic.AtomicInteger();
    assertThat(
            g.search(
                g.view(),
                v[5],
                40,
                o -> unbounded.incrementAndGet() < 0,
                Integer.MAX_VALUE,
                ords,
                scores))
        .isZero();
    java.util.concurrent.atomic.AtomicInteger bounded =
        new java.util.concurrent.atomic.AtomicInteger();
    assertThat(g.search(g.view(), v[5], 40, o -> bounded.incrementAndGet() < 0, 200, ords, scores))
        .isZero();
    assertThat(unbounded.get()).isGreaterThan(2000);
    assertThat(bounded.get()).isLessThan(200 + 2 * 16 + 1); // the budget, plus one node's list
  }

  @Test
  void search_afterAWalkOverTheWholeGraph_visitedSetIsClearedForTheNext() {
    // 20,000 nodes: 313 words of the visited bitset, a list of 64 touched words; a long walk
    // overflows the list and the set is then cleared by a fill
    SplittableRandom r = new SplittableRandom(23);
    float[][] v = new float[20_000][4];
    for (float[] x : v) {
      for (int d = 0; d < x.length; d++) {
        x[d] = (float) r.nextGaussian();
      }
    }
    VectorGraph g = linked(v, 4, 16, 23, 2);
    float[] q = {1f, 0.5f, -0.25f, 0f};
    int[] before = new int[20];
    int[] after = new int[20];
    float[] scores = new float[20];
    int nb = g.search(g.view(), q, 20, o -> true, Integer.MAX_VALUE, before, scores);
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    assertThat(
            g.search(
                g.view(),
                q,
                20,
                o -> asked.incrementAndGet() < 0,
                Integer.MAX_VALUE,
                new int[20],
                new float[20]))
        .isZero();
    assertThat(asked.get()).isGreaterThan(1000); // a long walk: far more than 64 words
    int na = g.search(g.view(), q, 20, o -> true, Integer.MAX_VALUE, after, scores);
    assertThat(na).isEqualTo(nb);
    assertThat(after).containsExactly(before);
  }

  @Test
  void append_acrossPages_listsSurviveGrowth() {
    // one node at a time across the first page's growth (1,024 -> 4,096 nodes, copied) and into
    // the next pages (added, not copied): searches must still match the exact answer
    float[][] v = clustered(24, 2 * VectorGraph.PAGE + 100);
    VectorGraph g = new VectorGraph(DIM, 8, 40, 24);
    for (int i = 0; i < v.length; i++) {
      g.append(i, v[i]);
      if (i % 500 == 499) {
        g.link(1);
      }
    }
    g.link(1);
    double recall = recall(g, v, 24, 50, Set.of());
    assertThat(recall).as("recall across pages %f", recall).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void link_sequential_sameSeedSameGraph() {
    float[][] v = clustered(3, 1500);
    int[][] results = new int[2][];
    for (int run = 0; run < 2; run++) {
      VectorGraph g = linked(v, 8, 40, 3, 1);
      int[] ords = new int[30];
      float[] s = new float[30];
      int n = g.search(g.view(), v[7], 30, o -> true, Integer.MAX_VALUE, ords, s);
      results[run] = java.util.Arrays.copyOf(ords, n);
    }
    assertThat(results[1]).containsExactly(results[0]);
  }

  @Test
  void kill_deadNodesRouteButAreNeverReturned() {
    long seed = 13;
    float[][] v = clustered(seed, 3000);
    VectorGraph g = linked(v, 16, 80, seed, 1);
    Set<Integer> dead = new HashSet<>();
    SplittableRandom r = new SplittableRandom(seed);
    while (dead.size() < 900) {
      int o = r.nextInt(v.length);
      if (dead.add(o)) {
        g.kill(o);
      }
    }
    g.kill(dead.iterator().next()); // killing twice counts once
    assertThat(g.dead()).isEqualTo(900);
    for (int o : dead) {
      assertThat(g.video(o)).isEqualTo(-1);
    }
    double recall = recall(g, v, seed, 60, dead);
    assertThat(recall).as("seed %d recall %f", seed, recall).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void scanUnlinked_seesAppendedNodesUntilLinked() {
    float[][] v = clustered(5, 300);
    VectorGraph g = new VectorGraph(DIM, 8, 40, 5);
    for (int i = 0; i < 200; i++) {
      g.append(i, v[i]);
    }
    g.link(1);
    for (int i = 200; i < 300; i++) {
      g.append(i, v[i]);
    }
    g.kill(250);
    Set<Integer> seen = new HashSet<>();
    g.scanUnlinked(g.view(), (ord, video, vec) -> seen.add(video));
    assertThat(seen).hasSize(99).doesNotContain(250).allMatch(x -> x >= 200 && x < 300);
    g.link(1);
    seen.clear();
    g.scanUnlinked(g.view(), (ord, video, vec) -> seen.add(video));
    assertThat(seen).isEmpty();
    assertThat(
            g.search(g.view(), v[260], 5, o -> true, Integer.MAX_VALUE, new int[5], new float[5]))
        .isEqualTo(5);
  }

  @Test
  void search_emptyGraph_returnsNothing() {
    VectorGraph g = new VectorGraph(DIM, 8, 40, 1);
    assertThat(
            g.search(
                g.view(),
                new float[DIM],
                10,
                o -> true,
                Integer.MAX_VALUE,
                new int[10],
                new float[10]))
        .isZero();
    g.link(4); // nothing to link
    assertThat(g.published()).isZero();
  }

  @Test
  void concurrent_readersWhileWriterLinks_validAndSortedResults() throws Exception {
    long seed = 21;
    float[][] v = clustered(seed, 5000);
    VectorGraph g = new VectorGraph(DIM, 12, 60, seed);
    for (int i = 0; i < 500; i++) {
      g.append(i, v[i]);
    }
    g.link(1);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> error = new AtomicReference<>();
    Thread[] readers = new Thread[2];
    for (int t = 0; t < readers.length; t++) {
      long rs = seed + t;
      readers[t] =
          new Thread(
              () -> {
                SplittableRandom r = new SplittableRandom(rs);
                int[] ords = new int[40];
                float[] s = new float[40];
                try {
                  while (!done.get()) {
                    VectorGraph.View view = g.view();
                    float[] q = v[r.nextInt(v.length)];
                    int n = g.search(view, q, 40, o -> true, Integer.MAX_VALUE, ords, s);
                    for (int i = 0; i < n; i++) {
                      if (ords[i] < 0 || ords[i] >= view.published()) {
                        throw new AssertionError("seed " + rs + ": unpublished node " + ords[i]);
                      }
                      if (i > 0 && s[i] > s[i - 1]) {
                        throw new AssertionError("seed " + rs + ": not best first");
                      }
                      if (s[i] != VectorUtil.dotProduct(q, g.vector(ords[i]))) {
                        throw new AssertionError("seed " + rs + ": inexact score of " + ords[i]);
                      }
                    }
                  }
                } catch (Throwable e) {
                  error.set(e);
                }
              });
      readers[t].start();
    }
    // the writer: one by one, then a bulk with workers, killing some as it goes
    for (int i = 500; i < 2500; i++) {
      g.append(i, v[i]);
      if (i % 50 == 0) {
        g.link(1);
        g.kill(i - 100);
      }
    }
    g.link(1);
    for (int i = 2500; i < v.length; i++) {
      g.append(i, v[i]);
    }
    g.link(2);
    done.set(true);
    for (Thread t : readers) {
      t.join();
    }
    assertThat(error.get()).isNull();
    assertThat(g.published()).isEqualTo(v.length);
  }

  @Test
  void quantize_codesWithinHalfAScaleOfEveryComponent_zeroVectorAllZero() {
    SplittableRandom r = new SplittableRandom(31);
    for (int t = 0; t < 200; t++) {
      float[] x = new float[1 + r.nextInt(80)];
      float spread = (float) Math.pow(10, r.nextInt(7) - 3);
      for (int d = 0; d < x.length; d++) {
        x[d] = spread * (float) r.nextGaussian();
      }
      byte[] out = new byte[3 + x.length + Float.BYTES];
      VectorGraph.quantize(x, out, 3, true);
      float scale =
          java.nio.ByteBuffer.wrap(out, 3 + x.length, Float.BYTES)
              .order(java.nio.ByteOrder.LITTLE_ENDIAN)
              .getFloat();
      float max = 0;
      for (float f : x) {
        max = Math.max(max, Math.abs(f));
      }
      assertThat(scale).isEqualTo(max / 127f);
      for (int d = 0; d < x.length; d++) {
        assertThat((int) out[3 + d]).isBetween(-127, 127);
        assertThat((double) out[3 + d] * scale).isCloseTo(x[d], within(0.5001 * scale));
      }
      assertThat(out[0]).isZero(); // nothing written before the offset
    }
    byte[] zero = new byte[8 + Float.BYTES];
    java.util.Arrays.fill(zero, (byte) 9);
    VectorGraph.quantize(new float[8], zero, 0, true);
    for (int d = 0; d < 12; d++) {
      assertThat(zero[d]).as("byte %d", d).isZero(); // codes and a 0.0f scale
    }
  }

  @Test
  void append_vectorOfAnotherDimension_rejectedAndGraphUnchanged() {
    VectorGraph g = new VectorGraph(DIM, 8, 40, 3);
    g.append(0, new float[DIM]);
    assertThatThrownBy(() -> g.append(1, new float[DIM + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(DIM + 1));
    assertThat(g.allocated()).isEqualTo(1);
  }
}
