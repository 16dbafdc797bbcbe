package dev.foryou.ranking.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RerankersTest {

  /** n entries, creators from a pool of `creators`, 1-2 hashtags from `tags`, random scores. */
  static RankedList randomList(SplittableRandom r, int n, int creators, int tags, int dim) {
    RankedList l = new RankedList(n, dim);
    float[] e = new float[Math.max(dim, 1)];
    for (int i = 0; i < n; i++) {
      int t1 = r.nextInt(tags);
      int t2 = r.nextInt(tags);
      int[] h = t1 == t2 ? new int[] {t1} : new int[] {t1, t2};
      int at =
          l.add(
              i, r.nextInt(creators), h, r.nextInt(5), 1000L * r.nextInt(1000), r.nextDouble(), i);
      if (dim > 0) {
        for (int d = 0; d < dim; d++) {
          e[d] = (float) r.nextGaussian();
        }
        l.setEmbedding(at, e);
      }
    }
    return l;
  }

  @Test
  void diversity_randomLists_neverBreaksCreatorSpacingNorRepeats() {
    for (int trial = 0; trial < 300; trial++) {
      long seed = 1000 + trial;
      SplittableRandom r = new SplittableRandom(seed);
      int n = 5 + r.nextInt(200);
      int creators = 1 + r.nextInt(30);
      int spacing = 1 + r.nextInt(5);
      RankedList l = randomList(r, n, creators, 1 + r.nextInt(20), r.nextBoolean() ? 8 : 0);
      Rerankers.thompsonExploration(0.2, 1, 10).rerank(l, 20, 0, r);
      Selector s = Rerankers.diversity(spacing, 2, r.nextDouble(), 1 + r.nextInt(300));
      int[] out = new int[20];
      int k = s.select(l, 20, out);
      assertThat(k).as("seed %d", seed).isLessThanOrEqualTo(Math.min(20, n));
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < k; i++) {
        assertThat(seen.add(out[i])).as("repeat at %d, seed %d", i, seed).isTrue();
        for (int b = Math.max(0, i - spacing + 1); b < i; b++) {
          assertThat(l.creator(out[b]))
              .as("creator spacing %d broken at slot %d, seed %d", spacing, i, seed)
              .isNotEqualTo(l.creator(out[i]));
        }
      }
      if (creators >= spacing && n >= 20) {
        // with enough creators available the page can be... at least one item is always picked
        assertThat(k).as("seed %d", seed).isPositive();
      }
    }
  }

  @Test
  void diversity_lazyScan_picksWhatTheEagerGreedyPicks() {
    for (int trial = 0; trial < 400; trial++) {
      long seed = 5000 + trial;
      SplittableRandom r = new SplittableRandom(seed);
      int n = 1 + r.nextInt(400);
      int dim = r.nextInt(3) == 0 ? 0 : 8;
      RankedList l = randomList(r, n, 1 + r.nextInt(40), 1 + r.nextInt(30), dim);
      for (int i = 0; i < n; i++) {
        if (r.nextInt(4) == 0) {
          l.setNew(i, r.nextInt(5), r.nextInt(20));
        }
      }
      Rerankers.thompsonExploration(r.nextDouble() * 0.3, 1, 10).rerank(l, 20, 0, r);
      int creatorSpacing = 1 + r.nextInt(4);
      int hashtagSpacing = 1 + r.nextInt(4);
      double lambda = r.nextInt(5) == 0 ? 1 : r.nextDouble();
      int pool = 1 + r.nextInt(200);
      int count = 1 + r.nextInt(30);
      int[] lazy = new int[count];
      int[] eager = new int[count];
      int a =
          Rerankers.diversity(creatorSpacing, hashtagSpacing, lambda, pool).select(l, count, lazy);
      int b =
          new EagerDiversitySelector(creatorSpacing, hashtagSpacing, lambda, pool)
              .select(l, count, eager);
      assertThat(a).as("seed %d", seed).isEqualTo(b);
      assertThat(lazy).as("seed %d", seed).containsExactly(eager);
    }
  }

  @Test
  void diversity_satisfiableTags_neverAdjacentSharedHashtag() {
    for (int trial = 0; trial < 100; trial++) {
      long seed = 5000 + trial;
      SplittableRandom r = new SplittableRandom(seed);
      // 100 entries over 10 disjoint single hashtags, 50 creators: always satisfiable
      RankedList l = new RankedList(100, 0);
      for (int i = 0; i < 100; i++) {
        l.add(i, i % 50, new int[] {i % 10}, -1, 0, r.nextDouble(), i);
      }
      int[] out = new int[20];
      int k = Rerankers.diversity(3, 3, 1.0, 100).select(l, 20, out);
      assertThat(k).isEqualTo(20);
      for (int i = 1; i < k; i++) {
        for (int b = Math.max(0, i - 2); b < i; b++) {
          assertThat(l.hashtags(out[b])[0])
              .as("hashtag spacing at %d, seed %d", i, seed)
              .isNotEqualTo(l.hashtags(out[i])[0]);
        }
      }
    }
  }

  @Test
  void diversity_lambdaOneNoConstraints_isScoreOrder() {
    SplittableRandom r = new SplittableRandom(3);
    RankedList l = randomList(r, 50, 50, 1000, 0);
    int[] out = new int[10];
    int k = Rerankers.diversity(1, 1, 1.0, 50).select(l, 10, out);
    assertThat(k).isEqualTo(10);
    for (int i = 1; i < k; i++) {
      assertThat(l.score(out[i - 1])).isGreaterThanOrEqualTo(l.score(out[i]));
    }
  }

  @Test
  void diversity_mmr_prefersDissimilarOverNearDuplicate() {
    RankedList l = new RankedList(3, 2);
    l.add(0, 0, new int[0], -1, 0, 1.0, 0);
    l.add(1, 1, new int[0], -1, 0, 0.95, 1);
    l.add(2, 2, new int[0], -1, 0, 0.9, 2);
    l.setEmbedding(0, new float[] {1, 0});
    l.setEmbedding(1, new float[] {1, 0.01f}); // near duplicate of 0
    l.setEmbedding(2, new float[] {0, 1});
    int[] out = new int[2];
    assertThat(Rerankers.diversity(1, 1, 0.5, 3).select(l, 2, out)).isEqualTo(2);
    assertThat(out).containsExactly(0, 2);
    assertThat(Rerankers.diversity(1, 1, 1.0, 3).select(l, 2, out)).isEqualTo(2);
    assertThat(out).containsExactly(0, 1);
  }

  @Test
  void diversity_oneCreatorOnly_returnsWhatFits() {
    RankedList l = new RankedList(10, 0);
    for (int i = 0; i < 10; i++) {
      l.add(i, 0, new int[0], -1, 0, i, i);
    }
    int[] out = new int[5];
    assertThat(Rerankers.diversity(2, 1, 1, 10).select(l, 5, out)).isEqualTo(1);
    assertThat(Rerankers.diversity(1, 1, 1, 10).select(l, 5, out)).isEqualTo(5);
  }

  @Test
  void thompson_flagsBudgetOfNewEntriesOnly_andFavoursProvenOnes() {
    int goodPicked = 0;
    for (int trial = 0; trial < 200; trial++) {
      SplittableRandom r = new SplittableRandom(trial);
      RankedList l = new RankedList(40, 0);
      for (int i = 0; i < 40; i++) {
        l.add(i, i, new int[0], -1, 0, 1, i);
      }
      for (int i = 0; i < 20; i++) {
        // entry 0 engaged 30 of 40 viewers; the others 1 of 40
        l.setNew(i, i == 0 ? 30 : 1, 40);
      }
      Rerankers.thompsonExploration(0.1, 1, 10).rerank(l, 20, 0, r);
      int flagged = 0;
      for (int i = 0; i < 40; i++) {
        if (l.isExplore(i)) {
          flagged++;
          assertThat(l.isNew(i)).as("trial %d", trial).isTrue();
          assertThat(l.exploreValue(i)).isBetween(0.0, 1.0);
        }
      }
      assertThat(flagged).as("trial %d", trial).isEqualTo(2);
      if (l.isExplore(0)) {
        goodPicked++;
      }
    }
    assertThat(goodPicked).isGreaterThan(190);
  }

  @Test
  void thompson_unprovenNewcomersAreAllTriedOverTime() {
    Set<Integer> tried = new HashSet<>();
    for (int trial = 0; trial < 200; trial++) {
      RankedList l = new RankedList(10, 0);
      for (int i = 0; i < 10; i++) {
        l.add(i, i, new int[0], -1, 0, 1, i);
        l.setNew(i, 0, 0);
      }
      Rerankers.thompsonExploration(0.05, 1, 10).rerank(l, 20, 0, new SplittableRandom(trial));
      for (int i = 0; i < 10; i++) {
        if (l.isExplore(i)) {
          tried.add(i);
        }
      }
    }
    assertThat(tried).hasSize(10);
  }

  @Test
  void freshness_boostsNewerMore_weightZeroNoop() {
    RankedList l = new RankedList(2, 0);
    long now = 10 * 3_600_000L;
    l.add(0, 0, new int[0], -1, now, 1, 0);
    l.add(1, 1, new int[0], -1, now - 3_600_000L, 1, 1);
    Rerankers.freshness(3_600_000L, 0).rerank(l, 2, now, new SplittableRandom(1));
    assertThat(l.score(0)).isEqualTo(1.0);
    Rerankers.freshness(3_600_000L, 0.4).rerank(l, 2, now, new SplittableRandom(1));
    assertThat(l.score(0)).isCloseTo(1.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(l.score(1)).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void noRepeat_removesSeenKeepingOrder() {
    RankedList l = new RankedList(5, 0);
    for (int i = 0; i < 5; i++) {
      l.add(10 + i, i, new int[0], -1, 0, 5 - i, i);
    }
    Rerankers.noRepeat(v -> v == 11 || v == 13).rerank(l, 5, 0, new SplittableRandom(1));
    assertThat(l.size()).isEqualTo(3);
    assertThat(new int[] {l.video(0), l.video(1), l.video(2)}).containsExactly(10, 12, 14);
    assertThat(l.tag(1)).isEqualTo(2);
  }

  @Test
  void copyingAdd_reusedAcrossRemoveIfAndClear_keepsEveryEntrysHashtags() {
    SplittableRandom r = new SplittableRandom(9);
    RankedList l = new RankedList(50, 0);
    int[] buf = new int[8];
    for (int round = 0; round < 200; round++) {
      l.clear();
      java.util.Map<Integer, int[]> want = new java.util.HashMap<>();
      for (int step = 0; step < 3; step++) {
        while (l.size() < 50 && r.nextInt(8) != 0) {
          int v = 1000 * round + 100 * step + l.size();
          int n = r.nextInt(4);
          for (int k = 0; k < n; k++) {
            buf[k] = r.nextInt(1000);
          }
          l.add(v, 0, buf, n, -1, 0, 1, 0);
          want.put(v, java.util.Arrays.copyOf(buf, n));
        }
        l.removeIf(v -> r.nextInt(3) == 0);
      }
      for (int i = 0; i < l.size(); i++) {
        assertThat(l.hashtags(i))
            .as("round %d entry %d", round, i)
            .containsExactly(want.get(l.video(i)));
      }
    }
    assertThatThrownBy(() -> l.add(1, 0, buf, 9, -1, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9");
  }

  @Test
  void badInput_throws() {
    assertThatThrownBy(() -> Rerankers.diversity(0, 1, 1, 1))
        .hasMessageContaining("creatorSpacing");
    assertThatThrownBy(() -> Rerankers.diversity(1, 1, 1.5, 1)).hasMessageContaining("lambda");
    assertThatThrownBy(() -> Rerankers.thompsonExploration(2, 1, 1)).hasMessageContaining("budget");
    assertThatThrownBy(() -> Rerankers.freshness(0, 1)).hasMessageContaining("halfLifeMillis");
    RankedList l = new RankedList(1, 0);
    assertThatThrownBy(() -> l.add(0, 0, new int[0], -1, 0, Double.NaN, 0))
        .isInstanceOf(IllegalArgumentException.class);
    l.add(0, 0, new int[0], -1, 0, 1, 0);
    assertThatThrownBy(() -> l.add(1, 0, new int[0], -1, 0, 1, 0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Rerankers.diversity(1, 1, 1, 1).select(l, 0, new int[1]))
        .hasMessageContaining("count");
  }
}
