package dev.foryou.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.testing.TestWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private static final int DIM = 16;

  private static Video video(String id, float[] emb) {
    return new Video(id, "c1", 10_000, 1000, "en", List.of("a", "b"), "s1", "music", emb, false);
  }

  private static float[] vec(float... xs) {
    float[] v = new float[DIM];
    System.arraycopy(xs, 0, v, 0, xs.length);
    return v;
  }

  /** A catalog searched through its graph (no exact-scan threshold) of n seeded random videos. */
  private static Catalog graphCatalog(Random r, int n) {
    Catalog c =
        Catalog.builder()
            .dimension(DIM)
            .exactSearchThreshold(0)
            .timeSource(new ManualTimeSource(0))
            .build();
    for (int i = 0; i < n; i++) {
      c.upsert(TestWorld.randomVideo(r, "v" + i, 100, DIM));
    }
    c.refresh();
    return c;
  }

  @Test
  void builder_missingOrRepeatedOrBadSettings_fails() {
    assertThatThrownBy(() -> Catalog.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dimension");
    assertThatThrownBy(() -> Catalog.builder().dimension(4).dimension(4))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Catalog.builder().dimension(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> Catalog.builder().dimension(2000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2000");
    assertThatThrownBy(() -> Catalog.builder().maxStaleness(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Catalog.builder().exactSearchThreshold(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-3");
    assertThatThrownBy(() -> Catalog.builder().hnswMaxConnections(1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Catalog.builder().hnswBeamWidth(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Catalog.builder().oversampling(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Catalog.builder().oversampling(2).oversampling(2))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Catalog.builder().timeSource(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void hashtags_inlineAndOverflowing_roundTripThroughReplacements() {
    Catalog c = Catalog.builder().dimension(DIM).timeSource(new ManualTimeSource(0)).build();
    List<List<String>> lists =
        List.of(
            List.of(),
            List.of("a"),
            List.of("a", "b", "c"),
            List.of("d", "e", "f", "g", "h"),
            List.of("b", "a"),
            List.of("x", "y", "z", "w"));
    int v = -1;
    for (List<String> tags : lists) { // one video replaced through every shape, in and out of line
      v = c.upsert(new Video("v", "c1", 10_000, 1000, "en", tags, "s1", "music", null, false));
      int[] ids = c.hashtags(v);
      assertThat(ids).hasSize(tags.size());
      for (int i = 0; i < tags.size(); i++) {
        assertThat(c.hashtags().id(ids[i])).isEqualTo(tags.get(i));
      }
      int[] out = new int[8];
      assertThat(c.hashtags(v, out)).isEqualTo(tags.size());
      assertThat(java.util.Arrays.copyOf(out, tags.size())).containsExactly(ids);
      int[] two = new int[2];
      assertThat(c.hashtags(v, two)).isEqualTo(tags.size());
      for (int i = 0; i < Math.min(2, tags.size()); i++) {
        assertThat(two[i]).isEqualTo(ids[i]);
      }
      assertThat(c.video(v).orElseThrow().hashtags()).containsExactlyElementsOf(tags);
    }
    // a neighbour's inline slots are untouched by the replacements
    int w = c.upsert(new Video("w", "c1", 10_000, 1000, "en", List.of("q"), "", "", null, false));
    c.upsert(new Video("v", "c1", 10_000, 1000, "en", List.of("r", "s"), "", "", null, false));
    assertThat(c.video(w).orElseThrow().hashtags()).containsExactly("q");
  }

  @Test
  void upsert_newAndReplaced_keepsIndexAndMetadata() {
    Catalog c = Catalog.builder().dimension(DIM).build();
    int a = c.upsert(video("a", vec(1, 0)));
    int b = c.upsert(video("b", null));
    assertThat(a).isEqualTo(0);
    assertThat(b).isEqualTo(1);
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.creators().id(c.creator(a))).isEqualTo("c1");
    assertThat(c.durationMs(a)).isEqualTo(10_000);
    assertThat(c.publishedAtMillis(a)).isEqualTo(1000);
    assertThat(c.hashtags(a)).hasSize(2);
    int[] wide = {-1, -1, -1};
    assertThat(c.hashtags(a, wide)).isEqualTo(2);
    assertThat(java.util.Arrays.copyOf(wide, 2)).containsExactly(c.hashtags(a));
    assertThat(wide[2]).as("untouched past the count").isEqualTo(-1);
    int[] narrow = {-1};
    assertThat(c.hashtags(a, narrow)).as("the full count, even when out is short").isEqualTo(2);
    assertThat(narrow[0]).isEqualTo(c.hashtags(a)[0]);
    assertThatThrownBy(() -> c.hashtags(99, wide)).isInstanceOf(IllegalArgumentException.class);
    assertThat(c.sounds().id(c.sound(a))).isEqualTo("s1");
    assertThat(c.categories().id(c.category(a))).isEqualTo("music");
    assertThat(c.languages().id(c.language(a))).isEqualTo("en");
    assertThat(c.videoId(b)).isEqualTo("b");
    float[] out = new float[DIM];
    assertThat(c.embedding(a, out)).isTrue();
    assertThat(out[0]).isEqualTo(1f);
    assertThat(c.embedding(b, out)).isFalse();

    Video replaced = new Video("a", "c2", 20_000, 2000, "", List.of(), "", "", vec(0, 1), true);
    assertThat(c.upsert(replaced)).isEqualTo(a);
    assertThat(c.size()).isEqualTo(2);
    Video back = c.video(a).orElseThrow();
    assertThat(back.creatorId()).isEqualTo("c2");
    assertThat(back.durationMs()).isEqualTo(20_000);
    assertThat(back.hashtags()).isEmpty();
    assertThat(back.sound()).isEmpty();
    assertThat(back.language()).isEmpty();
    assertThat(back.sponsored()).isTrue();
    assertThat(back.embedding()).containsExactly(vec(0, 1));
    assertThat(c.sound(a)).isEqualTo(-1);
    assertThat(c.sponsored(a)).isTrue();
  }

  @Test
  void upsert_manyVideosThroughColumnGrowth_everyVideoReadsBackAsLastWritten() {
    long seed = 4096;
    Random r = new Random(seed);
    Catalog c = Catalog.builder().dimension(DIM).timeSource(new ManualTimeSource(0)).build();
    int n = 12_411; // the columns start at 1,024 videos and grow by an eighth: 22 growths
    List<Video> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Video v = TestWorld.randomVideo(r, "v" + i, 300, i % 5 == 0 ? 0 : DIM);
      if (i % 97 == 0) { // more than three tags: the overflow array
        v =
            new Video(
                v.id(),
                v.creatorId(),
                v.durationMs(),
                v.publishedAtMillis(),
                v.language(),
                List.of("x" + i, "y", "z", "w", "q" + i),
                v.sound(),
                v.category(),
                v.embedding(),
                v.sponsored());
      }
      assertThat(c.upsert(v)).as("seed %d", seed).isEqualTo(i);
      expected.add(v);
    }
    for (int i = 0; i < n; i += 11) { // replaced in place, before and after every growth
      Video v = TestWorld.randomVideo(r, "v" + i, 300, DIM);
      assertThat(c.upsert(v)).isEqualTo(i);
      expected.set(i, v);
    }
    for (int i = 3; i < n; i += 7) {
      assertThat(c.remove("v" + i)).isTrue();
      expected.set(i, null);
    }
    int live = 0;
    float[] out = new float[DIM];
    for (int i = 0; i < n; i++) {
      Video want = expected.get(i);
      assertThat(c.isLive(i)).as("seed %d, video %d", seed, i).isEqualTo(want != null);
      if (want == null) {
        assertThat(c.video(i)).isEmpty();
        continue;
      }
      live++;
      assertThat(c.video(i).orElseThrow()) // field by field: the record compares arrays by identity
          .as("seed %d, video %d", seed, i)
          .usingRecursiveComparison()
          .isEqualTo(want);
      assertThat(c.durationMs(i)).isEqualTo(want.durationMs());
      assertThat(c.publishedAtMillis(i)).isEqualTo(want.publishedAtMillis());
      assertThat(c.creators().id(c.creator(i))).isEqualTo(want.creatorId());
      assertThat(c.hashtags(i)).hasSize(want.hashtags().size());
      assertThat(c.embedding(i, out)).isEqualTo(want.embedding() != null);
      if (want.embedding() != null) {
        assertThat(out).containsExactly(want.embedding());
      }
    }
    assertThat(c.size()).isEqualTo(live);
    assertThat(c.indexBound()).isEqualTo(n);
  }

  @Test
  void prefetch_anyIndexes_changesNothingAndBadCountRejected() {
    Catalog c = Catalog.builder().dimension(DIM).exactSearchThreshold(0).build();
    int a = c.upsert(video("a", vec(1, 0)));
    int b = c.upsert(video("b", null));
    c.upsert(video("gone", vec(0, 1)));
    c.remove("gone");
    int[] videos = {a, b, 2, -7, 1_000_000, a};
    c.prefetch(videos, videos.length); // live, no embedding, removed, negative, beyond the bound
    c.prefetch(videos, 0);
    assertThatThrownBy(() -> c.prefetch(videos, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7");
    assertThatThrownBy(() -> c.prefetch(videos, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.creator(a)).isEqualTo(c.creator(b));
    float[] out = new float[DIM];
    assertThat(c.embedding(a, out)).isTrue();
    assertThat(out).isEqualTo(vec(1, 0));
    assertThat(c.embedding(b, out)).isFalse();
    assertThat(c.isLive(2)).isFalse();
  }

  @Test
  void remove_liveVideo_hiddenEverywhereButIndexKept() {
    Catalog c = Catalog.builder().dimension(DIM).exactSearchThreshold(0).build();
    int a = c.upsert(video("a", vec(1, 0)));
    c.upsert(video("b", vec(0, 1)));
    c.refresh();
    assertThat(c.remove("a")).isTrue();
    assertThat(c.remove("a")).isFalse();
    assertThat(c.remove("never")).isFalse();
    assertThat(c.isLive(a)).isFalse();
    assertThat(c.video(a)).isEmpty();
    assertThat(c.size()).isEqualTo(1);
    assertThat(c.indexBound()).isEqualTo(2);
    assertThat(c.indexOf("a")).hasValue(a);
    assertThatThrownBy(() -> c.creator(a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("" + a);
    int[] ids = new int[2];
    float[] scores = new float[2];
    // not yet refreshed, but removal is visible at once
    int n = c.nearest(vec(1, 0), 2, v -> true, ids, scores);
    assertThat(n).isEqualTo(1);
    assertThat(ids[0]).isEqualTo(1);
    // re-upsert revives the same index
    assertThat(c.upsert(video("a", vec(1, 0)))).isEqualTo(a);
    assertThat(c.isLive(a)).isTrue();
  }

  @Test
  void upsert_badEmbedding_rejectedAndCatalogUnchanged() {
    Catalog c = Catalog.builder().dimension(DIM).build();
    assertThatThrownBy(() -> c.upsert(video("x", new float[DIM + 1])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(DIM + 1));
    assertThatThrownBy(() -> c.upsert(video("x", new float[DIM])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zeros");
    assertThatThrownBy(() -> c.upsert(null)).isInstanceOf(NullPointerException.class);
    assertThat(c.size()).isZero();
    assertThat(c.indexBound()).isZero();
    assertThat(c.indexOf("x")).isEmpty();
    assertThat(c.creators().size()).isZero();
  }

  @Test
  void search_badArguments_rejected() {
    Catalog c = Catalog.builder().dimension(DIM).build();
    c.upsert(video("a", vec(1)));
    int[] ids = new int[4];
    float[] s = new float[4];
    assertThatThrownBy(() -> c.nearest(new float[3], 1, v -> true, ids, s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
    float[] nan = vec(Float.NaN);
    assertThatThrownBy(() -> c.nearest(nan, 1, v -> true, ids, s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> c.exactNearest(vec(1), 0, v -> true, ids, s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> c.nearest(vec(1), 5, v -> true, ids, s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5");
    assertThatThrownBy(() -> c.nearest(vec(1), 1, null, ids, s))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> c.nearest(vec(1), 3, 2, v -> true, ids, s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beamWidth")
        .hasMessageContaining("2");
    assertThatThrownBy(() -> c.nearest(vec(1), 1, 100_001, v -> true, ids, s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100001");
    assertThatThrownBy(() -> c.embedding(0, new float[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.videoId(7)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.videosWith(Catalog.Facet.HASHTAG, -1, ids))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exactNearest_randomVectors_matchesBruteForce() {
    long seed = 11;
    ManualTimeSource t = new ManualTimeSource(0);
    TestWorld w = TestWorld.create(seed, 800, 1, DIM, t);
    Random r = new Random(seed + 1);
    float[] q = TestWorld.unitVector(r, DIM);
    int[] ids = new int[10];
    float[] s = new float[10];
    int n = w.catalog.exactNearest(q, 10, v -> v % 3 != 0, ids, s);
    assertThat(n).isEqualTo(10);
    // brute force
    float[] e = new float[DIM];
    List<float[]> all = new ArrayList<>();
    for (int v = 0; v < w.catalog.indexBound(); v++) {
      if (v % 3 != 0 && w.catalog.embedding(v, e)) {
        float d = 0;
        for (int i = 0; i < DIM; i++) {
          d += q[i] * e[i];
        }
        all.add(new float[] {v, d});
      }
    }
    all.sort((x, y) -> Float.compare(y[1], x[1]));
    for (int i = 0; i < 10; i++) {
      assertThat(ids[i]).as("seed %d rank %d", seed, i).isEqualTo((int) all.get(i)[0]);
      assertThat(s[i]).isCloseTo(all.get(i)[1], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void nearest_hnswOnSeededVectors_recallAtLeast90PercentOfExact() {
    long seed = 42;
    Random r = new Random(seed);
    Catalog c = graphCatalog(r, 3000);
    int k = 20;
    int hits = 0;
    int queries = 30;
    int[] a = new int[k];
    int[] b = new int[k];
    float[] s = new float[k];
    for (int qn = 0; qn < queries; qn++) {
      float[] q = TestWorld.unitVector(r, DIM);
      int na = c.nearest(q, k, v -> true, a, s);
      int nb = c.exactNearest(q, k, v -> true, b, s);
      assertThat(na).isEqualTo(k);
      assertThat(nb).isEqualTo(k);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          if (a[i] == b[j]) {
            hits++;
          }
        }
      }
    }
    double recall = hits / (double) (queries * k);
    assertThat(recall).as("seed %d recall %f", seed, recall).isGreaterThanOrEqualTo(0.9);
    // an explicit beam: the narrowest (k) still returns k, a wide one (10k) matches exact search
    int wideHits = 0;
    for (int qn = 0; qn < queries; qn++) {
      float[] q = TestWorld.unitVector(r, DIM);
      assertThat(c.nearest(q, k, k, v -> true, a, s)).isEqualTo(k);
      assertThat(c.nearest(q, k, 10 * k, v -> true, a, s)).isEqualTo(k);
      c.exactNearest(q, k, v -> true, b, s);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          wideHits += a[i] == b[j] ? 1 : 0;
        }
      }
    }
    double wide = wideHits / (double) (queries * k);
    assertThat(wide).as("seed %d recall with beam 10k %f", seed, wide).isGreaterThanOrEqualTo(0.97);
  }

  @Test
  void nearest_selectiveFilter_returnsOnlyAcceptedAndFallsBackToExact() {
    Random r = new Random(5);
    Catalog c = graphCatalog(r, 2000);
    float[] q = TestWorld.unitVector(r, DIM);
    int[] ids = new int[10];
    float[] s = new float[10];
    int n = c.nearest(q, 10, v -> v % 2 == 0, ids, s);
    assertThat(n).isEqualTo(10);
    for (int i = 0; i < n; i++) {
      assertThat(ids[i] % 2).isZero();
    }
    // 1 in 100 accepted: still the exact answer (the walk goes on through the rejected nodes, or
    // falls back to the exact scan past its visit budget)
    int[] exact = new int[10];
    n = c.nearest(q, 10, v -> v % 100 == 7, ids, s);
    int ne = c.exactNearest(q, 10, v -> v % 100 == 7, exact, new float[10]);
    assertThat(n).isEqualTo(10);
    assertThat(ids).containsExactly(exact);
    assertThat(ne).isEqualTo(10);
    for (int i = 1; i < n; i++) {
      assertThat(s[i]).isLessThanOrEqualTo(s[i - 1]);
    }
  }

  @Test
  void nearest_filterRejectingTheNeighbourhood_stillAnswersFromTheGraph() {
    Random r = new Random(17);
    Catalog c = graphCatalog(r, 3000);
    int k = 20;
    int hits = 0;
    int queries = 20;
    for (int qn = 0; qn < queries; qn++) {
      float[] q = TestWorld.unitVector(r, DIM);
      // like a heavy user who has seen the 100 videos nearest their taste
      int[] seenIds = new int[100];
      c.exactNearest(q, 100, v -> true, seenIds, new float[100]);
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int v : seenIds) {
        seen.add(v);
      }
      int[] ids = new int[k];
      float[] s = new float[k];
      int[] exact = new int[k];
      assertThat(c.nearest(q, k, 4 * k, v -> !seen.contains(v), ids, s)).isEqualTo(k);
      c.exactNearest(q, k, v -> !seen.contains(v), exact, new float[k]);
      java.util.Set<Integer> truth = new java.util.HashSet<>();
      for (int v : exact) {
        truth.add(v);
      }
      for (int i = 0; i < k; i++) {
        assertThat(seen).doesNotContain(ids[i]);
        hits += truth.contains(ids[i]) ? 1 : 0;
      }
    }
    double recall = hits / (double) (queries * k);
    assertThat(recall)
        .as("recall past the seen neighbourhood %f", recall)
        .isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void nearest_newVideo_visibleAtOnceBeforeAndAfterLinking() {
    ManualTimeSource t = new ManualTimeSource(1_000_000);
    Catalog c =
        Catalog.builder()
            .dimension(DIM)
            .exactSearchThreshold(0)
            .maxStaleness(Duration.ofSeconds(2))
            .timeSource(t)
            .build();
    Random r = new Random(9);
    for (int i = 0; i < 300; i++) {
      c.upsert(TestWorld.randomVideo(r, "v" + i, 10, DIM));
    }
    c.refresh();
    float[] q = TestWorld.unitVector(r, DIM);
    int fresh = c.upsert(video("fresh", q));
    int[] ids = new int[5];
    float[] s = new float[5];
    // not linked into the graph yet: found by the exact scan of unlinked vectors
    c.nearest(q, 5, v -> true, ids, s);
    assertThat(ids[0]).isEqualTo(fresh);
    t.advance(2000); // stale: this search links it first, then finds it through the graph
    c.nearest(q, 5, v -> true, ids, s);
    assertThat(ids[0]).isEqualTo(fresh);
    assertThat(s[0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    // a changed vector answers at once with its new value, never twice
    float[] away = new float[DIM];
    away[0] = -1;
    c.upsert(video("fresh", away));
    c.nearest(q, 5, v -> true, ids, s);
    assertThat(ids).doesNotContain(fresh);
    c.refresh();
    c.nearest(away, 5, v -> true, ids, s);
    assertThat(ids[0]).isEqualTo(fresh);
    assertThat(java.util.Arrays.stream(ids).filter(v -> v == fresh).count()).isEqualTo(1);
  }

  @Test
  void videosWith_hashtag_findsLiveVideosAfterRefresh() {
    Catalog c = Catalog.builder().dimension(DIM).build();
    int a = c.upsert(video("a", vec(1)));
    int b = c.upsert(video("b", null));
    c.upsert(new Video("z", "c9", 10, 0, "", List.of("other"), "", "", null, false));
    c.refresh();
    int tag = c.hashtags().indexOf("a").orElseThrow();
    int[] out = new int[10];
    assertThat(c.videosWith(Catalog.Facet.HASHTAG, tag, out)).isEqualTo(2);
    assertThat(out).startsWith(a, b);
    c.remove("a");
    assertThat(c.videosWith(Catalog.Facet.HASHTAG, tag, out)).isEqualTo(1);
    assertThat(out[0]).isEqualTo(b);
    int creator = c.creators().indexOf("c9").orElseThrow();
    assertThat(c.videosWith(Catalog.Facet.CREATOR, creator, out)).isEqualTo(1);
  }

  @Test
  void concurrent_writersAndSearchers_noErrorsAndConsistentSize() throws Exception {
    ManualTimeSource t = new ManualTimeSource(0);
    Catalog c =
        Catalog.builder()
            .dimension(DIM)
            .exactSearchThreshold(0)
            .maxStaleness(Duration.ZERO)
            .timeSource(t)
            .build();
    AtomicReference<Throwable> error = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread[] writers = new Thread[2];
    for (int w = 0; w < writers.length; w++) {
      int id = w;
      writers[w] =
          new Thread(
              () -> {
                Random r = new Random(id);
                try {
                  for (int i = 0; i < 1500; i++) {
                    c.upsert(TestWorld.randomVideo(r, "w" + id + "-" + i, 50, DIM));
                    if (i % 10 == 0) {
                      c.remove("w" + id + "-" + (i / 2));
                    }
                  }
                } catch (Throwable e) {
                  error.set(e);
                }
              });
    }
    Thread reader =
        new Thread(
            () -> {
              Random r = new Random(99);
              int[] ids = new int[10];
              float[] s = new float[10];
              try {
                for (int q = 0; !done.get(); q++) {
                  // every other search filtered: the filter runs inside the walk while writers
                  // append, replace and remove
                  boolean filtered = q % 2 == 1;
                  int n =
                      c.nearest(
                          TestWorld.unitVector(r, DIM),
                          10,
                          filtered ? v -> v % 3 != 0 : v -> true,
                          ids,
                          s);
                  for (int i = 0; i < n; i++) {
                    if (ids[i] < 0 || ids[i] >= c.indexBound()) {
                      throw new AssertionError("bad id " + ids[i]);
                    }
                    if (filtered && ids[i] % 3 == 0) {
                      throw new AssertionError("rejected id returned " + ids[i]);
                    }
                  }
                }
              } catch (Throwable e) {
                error.set(e);
              }
            });
    reader.start();
    for (Thread w : writers) {
      w.start();
    }
    for (Thread w : writers) {
      w.join();
    }
    done.set(true);
    reader.join();
    assertThat(error.get()).isNull();
    int live = 0;
    for (int v = 0; v < c.indexBound(); v++) {
      live += c.isLive(v) ? 1 : 0;
    }
    assertThat(c.size()).isEqualTo(live).isEqualTo(3000 - 2 * 150);
    c.refresh();
    int[] out = new int[5000];
    int total = 0;
    for (int cr = 0; cr < c.creators().size(); cr++) {
      total += c.videosWith(Catalog.Facet.CREATOR, cr, out);
    }
    assertThat(total).isEqualTo(live);
  }
}
