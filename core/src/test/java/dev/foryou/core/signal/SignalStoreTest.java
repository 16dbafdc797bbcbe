package dev.foryou.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.testing.TestWorld;
import dev.foryou.core.user.UserRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SignalStoreTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long HOUR = 3_600_000L;

  private final ManualTimeSource time = new ManualTimeSource(T0);
  private final Catalog catalog = Catalog.builder().dimension(4).timeSource(time).build();
  private final UserRegistry users = new UserRegistry();
  private final int alice = users.register("alice");
  private final int bob = users.register("bob");
  private final int a = catalog.upsert(video("a", "c1", List.of("x", "y"), "s1", "music"));
  private final int b = catalog.upsert(video("b", "c2", List.of("y"), "", "comedy"));
  private final int c = catalog.upsert(video("c", "c1", List.of(), "s2", "music"));

  private static Video video(
      String id, String creator, List<String> tags, String sound, String cat) {
    return new Video(id, creator, 10_000, 0, "en", tags, sound, cat, null, false);
  }

  private SignalStore store() {
    return SignalStore.builder(catalog, users).timeSource(time).build();
  }

  @Test
  void builder_repeatedOrBadSettings_fail() {
    assertThatThrownBy(() -> SignalStore.builder(null, users))
        .isInstanceOf(NullPointerException.class);
    SignalStoreBuilder bld = SignalStore.builder(catalog, users);
    bld.halfLife(VideoCounter.LIKES, Duration.ofHours(1));
    assertThatThrownBy(() -> bld.halfLife(VideoCounter.LIKES, Duration.ofHours(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LIKES");
    assertThatThrownBy(() -> bld.halfLife(VideoCounter.VIEWS, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VIEWS");
    assertThatThrownBy(() -> bld.historySize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> bld.seenSetSize(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bld.maxActiveUsers(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bld.futureTolerance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bld.affinityWeight(EventType.AD_CLICK, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AD_CLICK");
    assertThatThrownBy(() -> bld.affinityWeight(EventType.LIKE, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
    bld.dedupWindow(10);
    assertThatThrownBy(() -> bld.dedupWindow(10)).isInstanceOf(IllegalStateException.class);
    assertThat(bld.build()).isNotNull();
  }

  @Test
  void record_view_updatesCountersHistorySeenAndAffinities() {
    SignalStore s = store();
    assertThat(s.record(Interaction.view(alice, a, T0, 10_000))).isTrue();
    assertThat(s.record(Interaction.view(alice, b, T0, 2_500))).isTrue();
    assertThat(s.total(a, VideoCounter.VIEWS)).isEqualTo(1);
    assertThat(s.total(a, VideoCounter.COMPLETES)).isEqualTo(1);
    assertThat(s.total(b, VideoCounter.COMPLETES)).isZero();
    assertThat(s.total(a, VideoCounter.WATCH_SECONDS)).isEqualTo(10);
    assertThat(s.count(a, VideoCounter.WATCH_SECONDS)).isCloseTo(10.0, within(1e-5));
    double[] all = new double[VideoCounter.values().length];
    s.counts(a, all);
    assertThat(all[VideoCounter.VIEWS.ordinal()]).isCloseTo(1.0, within(1e-6));
    int[] hist = new int[5];
    assertThat(s.recentHistory(alice, hist)).isEqualTo(2);
    assertThat(hist).startsWith(b, a);
    assertThat(s.hasSeen(alice, a)).isTrue();
    assertThat(s.hasSeen(alice, c)).isFalse();
    assertThat(s.hasSeen(bob, a)).isFalse();
    int c1 = catalog.creators().indexOf("c1").orElseThrow();
    // full watch: weight 1 + completion bonus 0.5
    assertThat(s.affinity(alice, AffinityKind.CREATOR, c1)).isCloseTo(1.5, within(1e-12));
    int y = catalog.hashtags().indexOf("y").orElseThrow();
    assertThat(s.affinity(alice, AffinityKind.HASHTAG, y)).isCloseTo(1.75, within(1e-12));
    int[] keys = new int[3];
    double[] scores = new double[3];
    assertThat(s.topAffinities(alice, AffinityKind.HASHTAG, 3, keys, scores)).isEqualTo(2);
    assertThat(keys[0]).isEqualTo(y);
    assertThat(scores[0]).isCloseTo(1.75, within(1e-12));
    assertThat(s.isActive(alice)).isTrue();
    assertThat(s.isActive(bob)).isFalse();
  }

  @Test
  void affinities_randomEvents_equalPerKeyAffinityOfEveryKindAndSign() {
    long seed = 77;
    Random r = new Random(seed);
    SignalStore s = store();
    int[] vids = {a, b, c};
    EventType[] types = {
      EventType.VIEW, EventType.LIKE, EventType.SKIP, EventType.NOT_INTERESTED, EventType.SHARE
    };
    for (int i = 0; i < 40; i++) {
      EventType t = types[r.nextInt(types.length)];
      int v = vids[r.nextInt(vids.length)];
      Interaction e =
          t == EventType.VIEW
              ? Interaction.view(alice, v, time.nowMillis(), r.nextInt(10_001))
              : Interaction.of(t, alice, v, time.nowMillis());
      s.record(e);
      time.advance(r.nextInt((int) HOUR));
    }
    int[] keys = new int[16];
    double[] scores = new double[16];
    for (AffinityKind kind : AffinityKind.values()) {
      int bound =
          switch (kind) {
            case CREATOR -> catalog.creators().size();
            case HASHTAG -> catalog.hashtags().size();
            case SOUND -> catalog.sounds().size();
            case CATEGORY -> catalog.categories().size();
          };
      int n = s.affinities(alice, kind, keys, scores);
      List<Integer> returned = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        returned.add(keys[i]);
      }
      assertThat(returned).as("seed %d kind %s", seed, kind).doesNotHaveDuplicates();
      for (int key = 0; key < bound; key++) {
        if (s.affinity(alice, kind, key) != 0) {
          assertThat(returned).as("seed %d kind %s", seed, kind).contains(key);
        }
      }
      for (int i = 0; i < n; i++) {
        assertThat(scores[i])
            .as("seed %d kind %s key %d", seed, kind, keys[i])
            .isCloseTo(s.affinity(alice, kind, keys[i]), within(1e-12));
      }
      // short arrays take a prefix; an unknown user is rejected, one without events has none
      assertThat(s.affinities(alice, kind, new int[1], new double[1])).isEqualTo(Math.min(1, n));
      assertThat(s.affinities(bob, kind, keys, scores)).isZero();
    }
    assertThatThrownBy(() -> s.affinities(42, AffinityKind.CREATOR, keys, scores))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("42");
  }

  @Test
  void countsBatch_matchesPerVideoCountsAndRejectsBadInput() {
    SignalStore s = store();
    time.advance(3 * HOUR);
    s.record(Interaction.view(alice, a, T0, 10_000));
    s.record(Interaction.of(EventType.LIKE, bob, a, T0 + HOUR));
    s.record(Interaction.of(EventType.IMPRESSION, bob, c, T0 + 2 * HOUR));
    int nc = VideoCounter.values().length;
    int[] vids = {c, a, b, a};
    double[] batch = new double[vids.length * nc + 3];
    batch[vids.length * nc] = 42; // beyond n * NC: untouched
    s.counts(vids, vids.length, batch);
    double[] one = new double[nc];
    for (int i = 0; i < vids.length; i++) {
      s.counts(vids[i], one);
      for (int k = 0; k < nc; k++) {
        assertThat(batch[i * nc + k]).isEqualTo(one[k]);
      }
    }
    assertThat(batch[vids.length * nc]).isEqualTo(42);
    assertThatThrownBy(() -> s.counts(new int[] {a, 99}, 2, new double[2 * nc]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("99");
    assertThatThrownBy(() -> s.counts(vids, 5, new double[5 * nc]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5");
    assertThatThrownBy(() -> s.counts(vids, 2, new double[nc]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(nc));
  }

  @Test
  void count_outOfOrderEventsAcrossManyHalfLives_matchesClosedForm() {
    long hl = 60_000;
    SignalStore s =
        SignalStore.builder(catalog, users)
            .timeSource(time)
            .halfLife(VideoCounter.LIKES, Duration.ofMillis(hl))
            .futureTolerance(Duration.ofDays(3650))
            .build();
    Random r = new Random(7);
    long[] ts = new long[200];
    for (int i = 0; i < ts.length; i++) {
      // spread over 300 half-lives, shuffled: forces rebases and out-of-order arrivals
      ts[i] = T0 + (long) (r.nextDouble() * 300 * hl);
    }
    for (long t : ts) {
      s.record(Interaction.of(EventType.LIKE, alice, a, t));
    }
    long now = T0 + 300 * hl;
    time.set(now);
    double expected = 0;
    for (long t : ts) {
      expected += Math.pow(2, -(now - t) / (double) hl);
    }
    assertThat(s.count(a, VideoCounter.LIKES))
        .as("seed 7")
        .isCloseTo(expected, within(1e-5 * Math.max(1, expected)));
    assertThat(s.total(a, VideoCounter.LIKES)).isEqualTo(ts.length);
    time.advance(hl);
    assertThat(s.count(a, VideoCounter.LIKES))
        .isCloseTo(expected / 2, within(1e-5 * Math.max(1, expected)));
  }

  @Test
  void count_sameEventsInAnyOrder_sameValues() {
    List<Interaction> events = new ArrayList<>();
    Random r = new Random(3);
    for (int i = 0; i < 500; i++) {
      long t = T0 - (long) (r.nextDouble() * 48 * HOUR);
      events.add(
          r.nextBoolean()
              ? Interaction.view(alice, a, t, 5_000)
              : Interaction.of(EventType.SKIP, alice, a, t));
    }
    SignalStore s1 = store();
    s1.recordAll(events);
    List<Interaction> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(4));
    SignalStore s2 = store();
    s2.recordAll(shuffled);
    for (VideoCounter vc : VideoCounter.values()) {
      assertThat(s2.count(a, vc))
          .as("%s seed 3/4", vc)
          .isCloseTo(s1.count(a, vc), within(1e-5 * Math.max(1, s1.count(a, vc))));
      assertThat(s2.total(a, vc)).isEqualTo(s1.total(a, vc));
    }
    int c1 = catalog.creators().indexOf("c1").orElseThrow();
    assertThat(s2.affinity(alice, AffinityKind.CREATOR, c1))
        .isCloseTo(s1.affinity(alice, AffinityKind.CREATOR, c1), within(1e-9));
  }

  @Test
  void affinity_decayAndNegativeFeedback_matchClosedForm() {
    SignalStore s =
        SignalStore.builder(catalog, users)
            .timeSource(time)
            .affinityHalfLife(Duration.ofHours(10))
            .build();
    s.record(Interaction.of(EventType.LIKE, alice, a, T0));
    s.record(Interaction.of(EventType.NOT_INTERESTED, alice, b, T0 - 5 * HOUR));
    time.advance(10 * HOUR);
    int c1 = catalog.creators().indexOf("c1").orElseThrow();
    int c2 = catalog.creators().indexOf("c2").orElseThrow();
    assertThat(s.affinity(alice, AffinityKind.CREATOR, c1)).isCloseTo(1.0, within(1e-12));
    assertThat(s.affinity(alice, AffinityKind.CREATOR, c2))
        .isCloseTo(-5 * Math.pow(2, -1.5), within(1e-12));
    int music = catalog.categories().indexOf("music").orElseThrow();
    assertThat(s.affinity(alice, AffinityKind.CATEGORY, music)).isCloseTo(1.0, within(1e-12));
    int[] keys = new int[4];
    double[] scores = new double[4];
    // only positive affinities are "top"
    assertThat(s.topAffinities(alice, AffinityKind.CREATOR, 4, keys, scores)).isEqualTo(1);
  }

  @Test
  void coEngaged_engagementsCloseInTime_pairBothWaysWithinWindowOnly() {
    SignalStore s =
        SignalStore.builder(catalog, users)
            .timeSource(time)
            .coEngagementWindow(Duration.ofMinutes(30))
            .build();
    s.record(Interaction.view(alice, a, T0 - 3 * HOUR, 9_000));
    s.record(Interaction.view(alice, b, T0 - 60_000, 9_000));
    s.record(Interaction.of(EventType.LIKE, alice, c, T0));
    int[] ids = new int[4];
    float[] w = new float[4];
    assertThat(s.coEngaged(c, 4, ids, w)).isEqualTo(1);
    assertThat(ids[0]).isEqualTo(b);
    assertThat(w[0]).isGreaterThan(0.99f).isLessThanOrEqualTo(1f);
    assertThat(s.coEngaged(b, 4, ids, w)).isEqualTo(1);
    assertThat(ids[0]).isEqualTo(c);
    assertThat(s.coEngaged(a, 4, ids, w)).isZero();
  }

  @Test
  void coEngaged_manyPartners_boundedPerVideo() {
    Catalog cat = Catalog.builder().dimension(4).timeSource(time).build();
    for (int i = 0; i < 40; i++) {
      cat.upsert(video("v" + i, "c", List.of(), "", ""));
    }
    SignalStore s = SignalStore.builder(cat, users).timeSource(time).coEngagedPerVideo(3).build();
    for (int i = 1; i < 40; i++) {
      s.record(Interaction.of(EventType.LIKE, alice, 0, T0 + 2 * i));
      s.record(Interaction.of(EventType.LIKE, alice, i, T0 + 2 * i + 1));
    }
    int[] ids = new int[10];
    float[] w = new float[10];
    assertThat(s.coEngaged(0, 10, ids, w)).isEqualTo(3);
    for (int i = 1; i < 3; i++) {
      assertThat(w[i]).isLessThanOrEqualTo(w[i - 1]);
    }
  }

  @Test
  void historyAndSeenSet_bounded_keepMostRecent() {
    Catalog cat = Catalog.builder().dimension(4).timeSource(time).build();
    for (int i = 0; i < 10; i++) {
      cat.upsert(video("v" + i, "c", List.of(), "", ""));
    }
    SignalStore s =
        SignalStore.builder(cat, users).timeSource(time).historySize(3).seenSetSize(4).build();
    for (int i = 0; i < 10; i++) {
      s.record(Interaction.view(alice, i, T0 + i, 1000));
    }
    int[] hist = new int[10];
    assertThat(s.recentHistory(alice, hist)).isEqualTo(3);
    assertThat(hist).startsWith(9, 8, 7);
    for (int i = 0; i < 10; i++) {
      assertThat(s.hasSeen(alice, i)).as("video %d", i).isEqualTo(i >= 6);
    }
  }

  @Test
  void follow_andAdEvents_trackedPerUser() {
    SignalStore s = store();
    s.record(Interaction.of(EventType.FOLLOW, alice, b, T0));
    s.record(Interaction.of(EventType.AD_IMPRESSION, alice, 12345, T0));
    s.record(Interaction.of(EventType.AD_IMPRESSION, alice, 12345, T0));
    s.record(Interaction.of(EventType.AD_CLICK, alice, 12345, T0));
    int c2 = catalog.creators().indexOf("c2").orElseThrow();
    assertThat(s.follows(alice, c2)).isTrue();
    assertThat(s.follows(bob, c2)).isFalse();
    int[] out = new int[4];
    assertThat(s.followedCreators(alice, out)).isEqualTo(1);
    assertThat(out[0]).isEqualTo(c2);
    assertThat(s.total(b, VideoCounter.FOLLOWS)).isEqualTo(1);
    assertThat(s.adImpressions(alice)).isEqualTo(2);
    assertThat(s.adClicks(alice)).isEqualTo(1);
    assertThat(s.adClicks(bob)).isZero();
  }

  @Test
  void users_idleOrOverMax_ageOut() {
    SignalStore s =
        SignalStore.builder(catalog, users)
            .timeSource(time)
            .userIdleTimeout(Duration.ofMinutes(10))
            .build();
    s.record(Interaction.of(EventType.LIKE, alice, a, T0));
    assertThat(s.isActive(alice)).isTrue();
    time.advance(Duration.ofMinutes(11).toMillis());
    assertThat(s.isActive(alice)).isFalse();
    assertThat(s.affinity(alice, AffinityKind.CREATOR, 0)).isZero();
    assertThat(s.total(a, VideoCounter.LIKES)).isEqualTo(1);

    UserRegistry many = new UserRegistry();
    for (int i = 0; i < 200; i++) {
      many.register("u" + i);
    }
    SignalStore bounded =
        SignalStore.builder(catalog, many).timeSource(time).maxActiveUsers(50).build();
    for (int i = 0; i < 200; i++) {
      bounded.record(Interaction.of(EventType.LIKE, i, a, time.nowMillis()));
    }
    assertThat(bounded.memoryReport().activeUsers()).isLessThanOrEqualTo(50);
  }

  @Test
  void total_beyondIntRange_exactAndSurvivesSnapshot(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    SignalStore s = store();
    for (int i = 0; i < 3; i++) {
      s.record(Interaction.gift(alice, a, T0, Integer.MAX_VALUE));
    }
    s.record(Interaction.gift(alice, a, T0, 5));
    long want = 3L * Integer.MAX_VALUE + 5;
    assertThat(s.total(a, VideoCounter.GIFT_COINS)).isEqualTo(want);
    assertThat(s.count(a, VideoCounter.GIFT_COINS)).isCloseTo(want, within(want * 1e-6));
    s.snapshot(dir);
    SignalStore r = SignalStore.restore(dir, time).signals();
    assertThat(r.total(a, VideoCounter.GIFT_COINS)).isEqualTo(want);
    r.record(Interaction.gift(alice, a, T0, 7));
    assertThat(r.total(a, VideoCounter.GIFT_COINS)).isEqualTo(want + 7);
  }

  @Test
  void record_duplicateEventIds_ignored() {
    SignalStore s = store();
    Interaction e = Interaction.of(EventType.LIKE, alice, a, T0).withEventId(42);
    assertThat(s.record(e)).isTrue();
    assertThat(s.record(e)).isFalse();
    Interaction e2 = Interaction.of(EventType.LIKE, bob, a, T0).withEventId(43);
    assertThat(s.recordAll(List.of(e, e2, e2))).isEqualTo(1);
    assertThat(s.total(a, VideoCounter.LIKES)).isEqualTo(2);
  }

  @Test
  void record_badEvents_rejectedNamingValueAndStoreUnchanged() {
    SignalStore s = store();
    assertThatThrownBy(() -> s.record(Interaction.of(EventType.LIKE, 99, a, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("99");
    assertThatThrownBy(() -> s.record(Interaction.of(EventType.LIKE, alice, 77, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("77");
    assertThatThrownBy(() -> s.record(Interaction.of(EventType.LIKE, alice, a, T0 + HOUR)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(T0 + HOUR));
    assertThatThrownBy(() -> s.record(null)).isInstanceOf(NullPointerException.class);
    catalog.remove("c");
    assertThatThrownBy(() -> s.record(Interaction.of(EventType.LIKE, alice, c, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("removed");
    List<Interaction> batch = new ArrayList<>();
    batch.add(Interaction.of(EventType.LIKE, alice, a, T0).withEventId(5));
    batch.add(Interaction.of(EventType.LIKE, alice, 1234, T0));
    assertThatThrownBy(() -> s.recordAll(batch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("events[1]")
        .hasMessageContaining("1234");
    List<Interaction> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> s.recordAll(withNull))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("events[0]");
    assertThat(s.total(a, VideoCounter.LIKES)).isZero();
    assertThat(s.isActive(alice)).isFalse();
    // the id of the rejected batch was not remembered
    assertThat(s.record(batch.get(0))).isTrue();
  }

  @Test
  void reads_badArguments_rejected() {
    SignalStore s = store();
    assertThatThrownBy(() -> s.count(-1, VideoCounter.LIKES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> s.total(3, VideoCounter.LIKES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
    assertThatThrownBy(() -> s.counts(a, new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.affinity(42, AffinityKind.CREATOR, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("42");
    assertThatThrownBy(
            () -> s.topAffinities(alice, AffinityKind.CREATOR, 0, new int[1], new double[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.coEngaged(a, 5, new int[2], new float[5]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.hasSeen(alice, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.follows(alice, -2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.recentHistory(-5, new int[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.count(a, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void concurrent_fourWritersAndReaders_totalsReconcileExactly() throws Exception {
    long seed = 2024;
    TestWorld w = TestWorld.create(seed, 300, 400, 8, time);
    SignalStore s =
        SignalStore.builder(w.catalog, w.users)
            .timeSource(time)
            .futureTolerance(Duration.ofDays(1))
            .build();
    int writers = 4;
    int perWriter = 25_000;
    List<List<Interaction>> streams = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      streams.add(w.randomEvents(new Random(seed + i), perWriter, T0 - HOUR, 2 * HOUR, false));
    }
    long[][] expected = new long[w.catalog.indexBound()][VideoCounter.values().length];
    for (List<Interaction> st : streams) {
      for (Interaction e : st) {
        if (e.type().isAd()) {
          continue;
        }
        long[] ex = expected[e.item()];
        switch (e.type()) {
          case IMPRESSION -> ex[VideoCounter.IMPRESSIONS.ordinal()]++;
          case VIEW -> {
            ex[VideoCounter.VIEWS.ordinal()]++;
            ex[VideoCounter.WATCH_SECONDS.ordinal()] += e.watchMs();
            if (e.watchMs() >= w.catalog.durationMs(e.item())) {
              ex[VideoCounter.COMPLETES.ordinal()]++;
            }
          }
          case LIKE -> ex[VideoCounter.LIKES.ordinal()]++;
          case SHARE -> ex[VideoCounter.SHARES.ordinal()]++;
          case COMMENT -> ex[VideoCounter.COMMENTS.ordinal()]++;
          case FOLLOW -> ex[VideoCounter.FOLLOWS.ordinal()]++;
          case SKIP -> ex[VideoCounter.SKIPS.ordinal()]++;
          case NOT_INTERESTED -> ex[VideoCounter.NOT_INTERESTED.ordinal()]++;
          case GIFT -> ex[VideoCounter.GIFT_COINS.ordinal()] += e.coins();
          default -> throw new AssertionError();
        }
      }
    }
    AtomicReference<Throwable> error = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      List<Interaction> st = streams.get(i);
      boolean batched = i % 2 == 0;
      threads.add(
          new Thread(
              () -> {
                try {
                  if (batched) {
                    for (int from = 0; from < st.size(); from += 100) {
                      s.recordAll(st.subList(from, Math.min(st.size(), from + 100)));
                    }
                  } else {
                    for (Interaction e : st) {
                      s.record(e);
                    }
                  }
                } catch (Throwable t) {
                  error.compareAndSet(null, t);
                }
              }));
    }
    List<Thread> readers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      readers.add(
          new Thread(
              () -> {
                Random r = new Random(seed);
                double[] out = new double[VideoCounter.values().length];
                int[] ids = new int[10];
                float[] ws = new float[10];
                double[] sc = new double[10];
                try {
                  while (!done.get()) {
                    int v = r.nextInt(w.catalog.indexBound());
                    s.counts(v, out);
                    for (double d : out) {
                      if (!(d >= 0) || Double.isInfinite(d)) {
                        throw new AssertionError("bad count " + d);
                      }
                    }
                    s.coEngaged(v, 10, ids, ws);
                    s.topAffinities(r.nextInt(400), AffinityKind.HASHTAG, 10, ids, sc);
                    s.hasSeen(r.nextInt(400), v);
                  }
                } catch (Throwable t) {
                  error.compareAndSet(null, t);
                }
              }));
    }
    readers.forEach(Thread::start);
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    done.set(true);
    for (Thread t : readers) {
      t.join();
    }
    assertThat(error.get()).as("seed %d", seed).isNull();
    for (int v = 0; v < expected.length; v++) {
      for (VideoCounter vc : VideoCounter.values()) {
        long want = expected[v][vc.ordinal()];
        if (vc == VideoCounter.WATCH_SECONDS) {
          want /= 1000;
        }
        assertThat(s.total(v, vc)).as("seed %d video %d %s", seed, v, vc).isEqualTo(want);
      }
    }
  }

  @Test
  void memoryReport_countsStructures_growsWithUsers() {
    TestWorld w = TestWorld.create(1, 2000, 500, 64, time);
    SignalStore s = SignalStore.builder(w.catalog, w.users).timeSource(time).build();
    s.recordAll(w.randomEvents(new Random(1), 5000, T0 - HOUR, HOUR, true));
    MemoryReport r1 = s.memoryReport();
    assertThat(r1.videos()).isEqualTo(2000);
    assertThat(r1.activeUsers()).isPositive();
    assertThat(r1.catalogBytes()).isGreaterThan(2000L * 64 * 4);
    assertThat(r1.videoSignalBytes()).isGreaterThan(2000L * 11 * 8);
    assertThat(r1.bytesPerVideo()).isGreaterThan(r1.catalogBytes() / 2000.0);
    s.recordAll(w.randomEvents(new Random(2), 20000, T0 - HOUR, HOUR, false));
    MemoryReport r2 = s.memoryReport();
    assertThat(r2.userBytes()).isGreaterThan(r1.userBytes());
  }
}
