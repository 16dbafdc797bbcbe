package dev.foryou.ranking.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.user.UserRegistry;
import dev.foryou.ranking.embed.UserVectorSource;
import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CandidateSourcesTest {
  static final long T0 = 1_700_000_000_000L;
  ManualTimeSource time;
  Catalog catalog;
  UserRegistry users;
  SignalStore signals;
  ContentIndex content;

  static Video video(
      String id,
      String creator,
      long published,
      String lang,
      List<String> tags,
      String sound,
      String cat,
      float[] emb,
      boolean sponsored) {
    return new Video(id, creator, 20_000, published, lang, tags, sound, cat, emb, sponsored);
  }

  @BeforeEach
  void world() {
    time = new ManualTimeSource(T0);
    catalog = Catalog.builder().dimension(4).timeSource(time).maxStaleness(Duration.ZERO).build();
    content = ContentIndex.create(catalog, 8, 64);
    // 40 videos: creator c(i%5), hashtag t(i%4), sound s(i%3), language en/de, published i minutes
    // apart (v39 newest), embedding pointing at axis i%4
    for (int i = 0; i < 40; i++) {
      float[] e = new float[4];
      e[i % 4] = 1;
      e[(i + 1) % 4] = 0.1f * (i % 7);
      int v =
          catalog.upsert(
              video(
                  "v" + i,
                  "c" + (i % 5),
                  T0 - (40 - i) * 60_000L,
                  i % 2 == 0 ? "en" : "de",
                  List.of("t" + (i % 4)),
                  "s" + (i % 3),
                  "cat" + (i % 4),
                  e,
                  i == 37));
      content.onUpsert(v);
    }
    catalog.refresh();
    users = new UserRegistry();
    users.register("a");
    users.register("b");
    signals = SignalStore.builder(catalog, users).timeSource(time).build();
  }

  Query query(int user, IntPredicate accept) {
    return new Query(user, time.nowMillis(), -1, -1, accept);
  }

  @Test
  void ann_returnsNearestToUserVector_respectingAccept() {
    UserVectorSource axis0 =
        (u, out) -> {
          out[0] = 1;
          out[1] = 0;
          out[2] = 0;
          out[3] = 0;
          return true;
        };
    CandidateSet out = new CandidateSet(100);
    int n = CandidateSources.ann(catalog, axis0).retrieve(query(0, v -> v != 0), 5, out);
    assertThat(n).isEqualTo(5);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.video(i) % 4).as("video %d", out.video(i)).isEqualTo(0);
      assertThat(out.video(i)).isNotZero();
      assertThat(out.sources(i)).isEqualTo(Source.ANN.bit());
    }
    CandidateSet none = new CandidateSet(10);
    assertThat(
            CandidateSources.ann(catalog, (u, o) -> false).retrieve(query(0, v -> true), 5, none))
        .isZero();
    CandidateSet narrow = new CandidateSet(100);
    assertThat(CandidateSources.ann(catalog, axis0, 1).retrieve(query(0, v -> v != 0), 5, narrow))
        .isEqualTo(5);
    for (double bad : new double[] {0.5, 101, Double.NaN}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> CandidateSources.ann(catalog, axis0, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("beamFactor");
    }
  }

  @Test
  void historyUserVectors_followEngagedHistory() {
    UserVectorSource vectors = CandidateSources.historyUserVectors(catalog, signals, 10, 0.9f);
    float[] u = new float[4];
    assertThat(vectors.userVector(0, u)).as("no history yet").isFalse();
    for (int v : new int[] {1, 5, 9}) { // all axis-1 videos
      signals.record(Interaction.view(0, v, time.nowMillis(), 20_000));
      signals.record(Interaction.of(EventType.LIKE, 0, v, time.nowMillis()));
    }
    assertThat(vectors.userVector(0, u)).isTrue();
    assertThat(u[1]).isGreaterThan(0.8f);
    CandidateSet out = new CandidateSet(10);
    CandidateSources.ann(catalog, vectors).retrieve(query(0, v -> true), 3, out);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.video(i) % 4).isEqualTo(1);
    }
    assertThatThrownBy(() -> CandidateSources.historyUserVectors(catalog, signals, 0, 0.5f))
        .hasMessageContaining("historyLength");
  }

  @Test
  void coEngagement_proposesVideosEngagedTogether() {
    // user 1 engages 2 then 3 close in time; user 0 watched 2, so 3 is "because you watched 2"
    long now = time.nowMillis();
    signals.record(Interaction.view(1, 2, now, 20_000));
    signals.record(Interaction.of(EventType.LIKE, 1, 2, now));
    signals.record(Interaction.view(1, 3, now + 1000, 20_000));
    signals.record(Interaction.of(EventType.LIKE, 1, 3, now + 1000));
    signals.record(Interaction.view(0, 2, now + 2000, 20_000));
    time.advance(3000);
    CandidateSet out = new CandidateSet(10);
    int n = CandidateSources.coEngagement(signals, 8).retrieve(query(0, v -> v != 2), 10, out);
    assertThat(n).isPositive();
    assertThat(out.contains(3)).isTrue();
    assertThat(out.contains(2)).isFalse();
    assertThatThrownBy(() -> CandidateSources.coEngagement(signals, 0)).hasMessageContaining("0");
  }

  @Test
  void trending_ranksByDecayedVelocity_globalAndPerSegment() {
    TrendingIndex t = TrendingIndex.create(catalog, 3_600_000L, 16);
    long now = time.nowMillis();
    int us = t.countryIndex("US");
    t.record(4, 5, now - 3 * 3_600_000L, -1); // old burst: decays to 5/8
    t.record(6, 2, now, us);
    t.record(7, 1, now, -1); // de
    t.record(8, 1.5, now, us);
    int[] v = new int[10];
    float[] s = new float[10];
    int n = t.top(-1, -1, now, v, s);
    assertThat(n).isEqualTo(4);
    assertThat(v[0]).isEqualTo(6);
    assertThat(s[0]).isCloseTo(2f, org.assertj.core.data.Offset.offset(1e-3f));
    assertThat(v[3]).isEqualTo(4);
    assertThat(s[3]).isCloseTo(0.625f, org.assertj.core.data.Offset.offset(1e-3f));
    int de = catalog.languages().indexOf("de").getAsInt();
    n = t.top(de, -1, now, v, s);
    assertThat(n).isEqualTo(1);
    assertThat(v[0]).isEqualTo(7);
    n = t.top(-1, us, now, v, s);
    assertThat(n).isEqualTo(2);
    assertThat(new int[] {v[0], v[1]}).containsExactly(6, 8);

    CandidateSet out = new CandidateSet(10);
    CandidateSources.trending(t).retrieve(query(0, x -> x != 6), 3, out);
    assertThat(out.contains(6)).isFalse();
    assertThat(out.contains(8)).isTrue();
    assertThatThrownBy(() -> t.record(1, -1, now, -1)).hasMessageContaining("-1");
  }

  @Test
  void trending_manyVideos_keepsHeavyHittersWithinCapacity() {
    TrendingIndex t = TrendingIndex.create(catalog, 3_600_000L, 8);
    long now = time.nowMillis();
    for (int round = 0; round < 50; round++) {
      for (int v = 0; v < 40; v++) {
        t.record(v, v == 10 || v == 20 ? 5 : 0.1, now + round, -1);
      }
    }
    int[] v = new int[8];
    float[] s = new float[8];
    assertThat(t.top(-1, -1, now + 50, v, s)).isEqualTo(8);
    assertThat(new int[] {v[0], v[1]}).containsExactlyInAnyOrder(10, 20);
  }

  @Test
  void creators_followedAndAffine_newestFirst() {
    long now = time.nowMillis();
    signals.record(Interaction.of(EventType.FOLLOW, 0, 3, now)); // creator c3
    signals.record(Interaction.view(0, 4, now, 20_000)); // c4 affinity
    signals.record(Interaction.of(EventType.LIKE, 0, 4, now));
    signals.record(Interaction.of(EventType.SHARE, 0, 4, now)); // c4 now above the followed c3
    CandidateSet out = new CandidateSet(20);
    int n =
        CandidateSources.followedCreators(signals, content).retrieve(query(0, v -> true), 3, out);
    assertThat(n).isEqualTo(3);
    assertThat(new int[] {out.video(0), out.video(1), out.video(2)}).containsExactly(38, 33, 28);
    out.clear();
    CandidateSources.affineCreators(signals, content).retrieve(query(0, v -> true), 2, out);
    assertThat(out.size()).isEqualTo(2);
    assertThat(catalog.creator(out.video(0))).isEqualTo(catalog.creator(4));
    assertThat(Source.AFFINE_CREATOR.in(out.sources(0))).isTrue();
  }

  @Test
  void hashtagsAndSounds_fromPositiveAffinities() {
    long now = time.nowMillis();
    signals.record(Interaction.of(EventType.LIKE, 0, 1, now)); // t1, s1
    signals.record(Interaction.of(EventType.NOT_INTERESTED, 0, 2, now)); // t2, s2: negative
    CandidateSet out = new CandidateSet(20);
    CandidateSources.hashtags(signals, content).retrieve(query(0, v -> true), 4, out);
    assertThat(out.size()).isEqualTo(4);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.video(i) % 4).isEqualTo(1);
    }
    out.clear();
    CandidateSources.sounds(signals, content).retrieve(query(0, v -> true), 4, out);
    assertThat(out.size()).isEqualTo(4);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.video(i) % 3).isEqualTo(1);
    }
  }

  @Test
  void challenges_proposeVideosOfSponsoredHashtags() {
    int[] tags = new int[4];
    assertThat(content.challengeHashtags(tags)).isEqualTo(1);
    assertThat(catalog.hashtags().id(tags[0])).isEqualTo("t1"); // v37 is sponsored, t(37%4)
    CandidateSet out = new CandidateSet(20);
    CandidateSources.challenges(content).retrieve(query(1, v -> true), 3, out);
    assertThat(out.size()).isEqualTo(3);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.video(i) % 4).isEqualTo(1);
      assertThat(out.sources(i)).isEqualTo(Source.CHALLENGE.bit());
    }
  }

  @Test
  void fresh_onlyYoungAndRarelyShown() {
    // v39 was shown a lot; maxAge 10 minutes keeps v30..v39
    for (int i = 0; i < 5; i++) {
      signals.record(Interaction.of(EventType.IMPRESSION, i % 2, 39, time.nowMillis()));
    }
    CandidateSet out = new CandidateSet(20);
    CandidateSources.fresh(content, signals, catalog, 10 * 60_000L, 3)
        .retrieve(query(0, v -> true), 20, out);
    assertThat(out.size()).isEqualTo(9);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.video(i)).isBetween(30, 38);
    }
    assertThat(out.video(0)).isEqualTo(38);
    assertThatThrownBy(() -> CandidateSources.fresh(content, signals, catalog, 0, 1))
        .hasMessageContaining("maxAgeMillis");
  }

  @Test
  void explore_randomLiveAcceptedVideos_bounded() {
    catalog.remove("v0");
    CandidateSet out = new CandidateSet(100);
    int n = CandidateSources.explore(catalog).retrieve(query(0, v -> v % 2 == 1), 10, out);
    assertThat(n).isBetween(1, 10);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.video(i) % 2).isEqualTo(1);
    }
    assertThat(CandidateSources.explore(catalog).retrieve(query(0, v -> false), 10, out)).isZero();
  }

  @Test
  void contentIndex_boundedPerKey_andReupsertDoesNotDuplicate() {
    int[] buf = new int[20];
    int c0 = catalog.creators().indexOf("c0").getAsInt();
    assertThat(content.byCreator(c0, buf)).isEqualTo(8);
    assertThat(buf[0]).isEqualTo(35);
    content.onUpsert(35);
    assertThat(content.byCreator(c0, buf)).isEqualTo(8);
    assertThat(buf[1]).isEqualTo(30);
    assertThat(content.newest(buf)).isEqualTo(20);
    assertThat(content.ramBytesUsed()).isPositive();
    assertThatThrownBy(() -> ContentIndex.create(catalog, 0, 1)).hasMessageContaining("perKey");
  }
}
