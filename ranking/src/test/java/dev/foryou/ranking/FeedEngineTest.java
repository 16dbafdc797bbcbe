package dev.foryou.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.signal.VideoCounter;
import dev.foryou.core.user.UserRegistry;
import dev.foryou.ranking.candidate.Source;
import dev.foryou.ranking.model.Models;
import dev.foryou.ranking.model.Objective;
import dev.foryou.ranking.model.Predictor;
import dev.foryou.ranking.model.TrainingExample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FeedEngineTest {

  @Test
  void feed_unknownUser_getsColdStartPage() {
    World w = new World(1, 400, 5, 8, 16);
    FeedEngine e = w.engine().build();
    FeedPage p = e.feed(10_000, 10, FeedContext.firstPage());
    assertThat(p.coldStart()).isTrue();
    assertThat(p.items()).hasSize(10);
    // a registered user without history is cold too
    assertThat(e.feed(0, 10, FeedContext.firstPage()).coldStart()).isTrue();
  }

  @Test
  void feed_badInput_throwsNamingValue() {
    World w = new World(2, 100, 3, 4, 8);
    FeedEngine e = w.engine().build();
    assertThatThrownBy(() -> e.feed(0, 0, FeedContext.firstPage()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> e.feed(0, FeedEngine.MAX_COUNT + 1, FeedContext.firstPage()))
        .hasMessageContaining(String.valueOf(FeedEngine.MAX_COUNT + 1));
    assertThatThrownBy(() -> e.feed(-3, 5, FeedContext.firstPage())).hasMessageContaining("-3");
    assertThatThrownBy(() -> e.feed(0, 5, FeedContext.firstPage().withCursor("garbage")))
        .hasMessageContaining("garbage");
    assertThatThrownBy(() -> w.engine().candidates(100).candidates(200))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> w.engine().candidates(5)).hasMessageContaining("5");
    assertThatThrownBy(() -> w.engine().exploration(1.5, 0)).hasMessageContaining("1.5");
  }

  @Test
  void record_badEvent_throwsAndChangesNothing() {
    World w = new World(3, 100, 3, 4, 8);
    List<TrainingExample> log = new ArrayList<>();
    FeedEngine e = w.engine().exampleLog(log::add).build();
    assertThatThrownBy(
            () -> e.record(Interaction.of(EventType.IMPRESSION, 0, 5_000, w.time.nowMillis())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(e.flushLearning()).isZero();
    assertThat(log).isEmpty();
  }

  @Test
  void feed_smallCatalog_returnsWhatThereIs() {
    ManualTimeSource time = new ManualTimeSource(World.T0);
    Catalog c = Catalog.builder().dimension(4).timeSource(time).build();
    for (int i = 0; i < 5; i++) {
      c.upsert(
          new Video(
              "v" + i,
              "c" + i,
              10_000,
              World.T0 - 1000,
              "en",
              List.of("t" + i),
              "",
              "x",
              new float[] {1, i, 0, 1},
              false));
    }
    UserRegistry users = new UserRegistry();
    users.register("a");
    SignalStore s = SignalStore.builder(c, users).timeSource(time).build();
    FeedEngine e = FeedEngine.builder(c, s, users).timeSource(time).build();
    FeedPage p = e.feed(0, 20, FeedContext.firstPage());
    assertThat(p.items()).hasSize(5);
    FeedPage next = e.feed(0, 20, FeedContext.firstPage().withCursor(p.cursor()));
    assertThat(next.items()).isEmpty();
  }

  @Test
  void feed_pagination_neverRepeatsEarlierPages() {
    World w = new World(4, 1500, 10, 8, 16);
    FeedEngine e = w.engine().build();
    // give user 1 some history so the warm path runs
    w.react(e, 1, e.feed(1, 10, FeedContext.firstPage()));
    for (int user : new int[] {0, 1}) {
      Set<Integer> all = new HashSet<>();
      FeedContext ctx = FeedContext.firstPage();
      for (int page = 0; page < 12; page++) {
        FeedPage p = e.feed(user, 15, ctx);
        assertThat(p.items()).as("user %d page %d", user, page).hasSize(15);
        for (FeedItem it : p.items()) {
          assertThat(all.add(it.video()))
              .as("user %d page %d repeats video %d", user, page, it.video())
              .isTrue();
        }
        ctx = ctx.withCursor(p.cursor());
      }
    }
  }

  @Test
  void feed_filters_areRespected() {
    World w = new World(5, 800, 5, 6, 16);
    FeedEngine e = w.engine().build();
    w.react(e, 0, e.feed(0, 20, FeedContext.firstPage()));
    Set<String> blocked = new HashSet<>();
    for (int c = 0; c < 6; c++) {
      blocked.add("c0_" + c);
      blocked.add("c1_" + c);
    }
    FeedContext ctx =
        FeedContext.firstPage()
            .withBlockedCreators(blocked)
            .withLanguages(Set.of("en"))
            .withExcludedHashtags(Set.of("topic2"));
    for (int page = 0; page < 5; page++) {
      FeedPage p = e.feed(0, 20, ctx);
      assertThat(p.items()).isNotEmpty();
      for (FeedItem it : p.items()) {
        Video v = w.catalog.video(it.video()).orElseThrow();
        assertThat(blocked).doesNotContain(v.creatorId());
        assertThat(v.language()).isEqualTo("en");
        assertThat(v.hashtags()).doesNotContain("topic2");
      }
      ctx = ctx.withCursor(p.cursor());
    }
  }

  @Test
  void feed_items_explainThemselves() {
    World w = new World(6, 800, 5, 6, 16);
    FeedEngine e = w.engine().build();
    for (int r = 0; r < 5; r++) {
      w.react(e, 0, e.feed(0, 10, FeedContext.firstPage()));
    }
    e.flushLearning();
    FeedPage p = e.feed(0, 10, FeedContext.firstPage());
    assertThat(p.coldStart()).isFalse();
    Set<Source> sources = new HashSet<>();
    for (FeedItem it : p.items()) {
      assertThat(it.sources()).isNotEmpty();
      sources.addAll(it.sources());
      assertThat(it.contributions()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
      assertThat(it.videoId()).isEqualTo(w.catalog.video(it.video()).orElseThrow().id());
      assertThat(Double.isFinite(it.score())).isTrue();
    }
    assertThat(sources).contains(Source.ANN);
  }

  @Test
  void feed_randomSessions_keepSpacingAndNeverRepeatSeen() {
    for (int trial = 0; trial < 6; trial++) {
      long seed = 70 + trial;
      World w = new World(seed, 600, 6, 6, 8);
      SplittableRandom r = new SplittableRandom(seed);
      int spacing = 2 + r.nextInt(3);
      FeedEngine e = w.engine().creatorSpacing(spacing).build();
      for (int round = 0; round < 6; round++) {
        int user = r.nextInt(6);
        FeedPage p = e.feed(user, 5 + r.nextInt(20), FeedContext.firstPage());
        List<FeedItem> items = p.items();
        for (int i = 0; i < items.size(); i++) {
          int v = items.get(i).video();
          assertThat(w.signals.hasSeen(user, v))
              .as("seed %d: user %d shown seen video %d", seed, user, v)
              .isFalse();
          for (int b = Math.max(0, i - spacing + 1); b < i; b++) {
            assertThat(w.catalog.creator(items.get(b).video()))
                .as("seed %d: creator spacing %d broken at %d", seed, spacing, i)
                .isNotEqualTo(w.catalog.creator(v));
          }
        }
        w.react(e, user, p);
      }
    }
  }

  @Test
  void record_feedsStoreAndLearner_andInstalledModelIsUsed() {
    World w = new World(7, 600, 8, 6, 16);
    ConcurrentLinkedQueue<TrainingExample> log = new ConcurrentLinkedQueue<>();
    FeedEngine e = w.engine().exampleLog(log::add).joinWindowMillis(30_000).build();
    Predictor before = e.model();
    for (int round = 0; round < 4; round++) {
      for (int u = 0; u < 8; u++) {
        w.react(e, u, e.feed(u, 10, FeedContext.firstPage()));
      }
    }
    int learnedBeforeFlush = log.size();
    assertThat(learnedBeforeFlush).as("examples learned once the join window passed").isPositive();
    int flushed = e.flushLearning();
    assertThat(learnedBeforeFlush + flushed).isEqualTo(4 * 8 * 10);
    assertThat(log.size()).isEqualTo(4 * 8 * 10);
    assertThat(e.model()).isNotSameAs(before);
    // the signal store saw the impressions
    long impressions = 0;
    for (int i = 0; i < w.catalog.indexBound(); i++) {
      impressions += w.signals.total(i, VideoCounter.IMPRESSIONS);
    }
    assertThat(impressions).isEqualTo(4 * 8 * 10);
    // a batch model trained from the log can be installed and is used
    Predictor batch = Models.smileLogistic(0.1, 100).fit(new ArrayList<>(log));
    e.installModel(batch);
    assertThat(e.model()).isSameAs(batch);
    assertThat(e.feed(0, 10, FeedContext.firstPage()).items()).isNotEmpty();
    e.installModel(null);
    assertThat(e.model()).isNotSameAs(batch);
    float[] p = new float[Objective.count()];
    batch.predict(log.peek().features(), p);
    for (float f : p) {
      assertThat(f).isBetween(0f, 1f);
    }
  }

  @Test
  void upsert_newVideoOfFollowedCreator_isRetrievedAndFresh() {
    World w = new World(8, 400, 3, 4, 8);
    FeedEngine e = w.engine().build();
    int some = 5;
    long now = w.time.nowMillis();
    e.record(Interaction.view(0, some, now, 5_000));
    e.record(Interaction.of(EventType.FOLLOW, 0, some, now));
    String creator = w.catalog.video(some).orElseThrow().creatorId();
    int fresh =
        e.upsert(
            new Video(
                "brand-new",
                creator,
                20_000,
                now,
                "en",
                List.of("newtag"),
                "",
                "cat0",
                new float[] {1, 0, 0, 0, 0, 0, 0, 1},
                false));
    FeedPage p = e.feed(0, 30, FeedContext.firstPage());
    FeedItem item = p.items().stream().filter(i -> i.video() == fresh).findFirst().orElseThrow();
    assertThat(item.sources()).contains(Source.FOLLOWED, Source.FRESH);
  }

  @Test
  void concurrentFeeds_whileEventsStreamIn_stayConsistent() throws Exception {
    World w = new World(9, 1000, 12, 8, 16);
    FeedEngine e = w.engine().build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<Integer>> readers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int seed = t;
      readers.add(
          pool.submit(
              () -> {
                SplittableRandom r = new SplittableRandom(seed);
                int pages = 0;
                while (!stop.get() || pages < 20) {
                  int user = r.nextInt(14); // includes unknown users
                  FeedPage p = e.feed(user, 10, FeedContext.firstPage());
                  Set<Integer> ids = new HashSet<>();
                  for (FeedItem it : p.items()) {
                    assertThat(ids.add(it.video())).isTrue();
                    assertThat(Double.isFinite(it.score())).isTrue();
                  }
                  pages++;
                }
                return pages;
              }));
    }
    Future<Integer> writer =
        pool.submit(
            () -> {
              SplittableRandom r = new SplittableRandom(99);
              int n = 0;
              for (; n < 4000; n++) {
                int user = r.nextInt(12);
                int v = r.nextInt(1000);
                long now = w.time.nowMillis();
                EventType type = EventType.values()[r.nextInt(8)];
                Interaction ev =
                    type == EventType.VIEW
                        ? Interaction.view(user, v, now, r.nextInt(30_000))
                        : Interaction.of(type, user, v, now);
                e.record(ev);
                if (n % 50 == 0) {
                  w.time.advance(1_000);
                }
              }
              return n;
            });
    assertThat(writer.get(120, TimeUnit.SECONDS)).isEqualTo(4000);
    stop.set(true);
    for (Future<Integer> f : readers) {
      assertThat(f.get(120, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(20);
    }
    pool.shutdown();
    e.flushLearning();
    long impressions = 0;
    for (int i = 0; i < 1000; i++) {
      impressions += w.signals.total(i, VideoCounter.IMPRESSIONS);
    }
    assertThat(impressions).isPositive();
  }
}
