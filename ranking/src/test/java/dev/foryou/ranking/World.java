package dev.foryou.ranking;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.user.AgeBand;
import dev.foryou.core.user.DeviceOs;
import dev.foryou.core.user.Gender;
import dev.foryou.core.user.UserAttributes;
import dev.foryou.core.user.UserRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic world for ranking tests: videos about one of {@code topics} topics (category
 * {@code cat<t>}, hashtag {@code topic<t>}, a topic sound, creators specialised per topic, an
 * embedding near the topic's centroid), and users who each like two hidden topics.
 */
public final class World {
  public static final long T0 = 1_700_000_000_000L;
  public final long seed;
  public final int topics;
  public final ManualTimeSource time = new ManualTimeSource(T0);
  public final Catalog catalog;
  public final UserRegistry users = new UserRegistry();
  public final SignalStore signals;
  public final int[] topicOf; // by video index
  public final boolean[][] likes; // [user][topic]
  private final SplittableRandom rnd;

  public World(long seed, int videos, int nUsers, int topics, int dim) {
    this.seed = seed;
    this.topics = topics;
    this.rnd = new SplittableRandom(seed);
    catalog = Catalog.builder().dimension(dim).timeSource(time).maxStaleness(Duration.ZERO).build();
    float[][] centroid = new float[topics][dim];
    for (int t = 0; t < topics; t++) {
      for (int d = 0; d < dim; d++) {
        centroid[t][d] = (float) rnd.nextGaussian();
      }
    }
    topicOf = new int[videos];
    for (int i = 0; i < videos; i++) {
      int t = rnd.nextInt(topics);
      float[] e = new float[dim];
      for (int d = 0; d < dim; d++) {
        e[d] = centroid[t][d] + 0.6f * (float) rnd.nextGaussian();
      }
      List<String> tags = new ArrayList<>();
      tags.add("topic" + t);
      if (rnd.nextInt(3) == 0) {
        tags.add("misc" + rnd.nextInt(40));
      }
      Video v =
          new Video(
              "v" + i,
              "c" + t + "_" + rnd.nextInt(6),
              10_000 + rnd.nextInt(50_000),
              T0 - rnd.nextLong(7 * 86_400_000L),
              rnd.nextInt(5) == 0 ? "de" : "en",
              tags,
              "s" + t + "_" + rnd.nextInt(3),
              "cat" + t,
              e,
              rnd.nextInt(100) == 0);
      int idx = catalog.upsert(v);
      topicOf[idx] = t;
    }
    catalog.refresh();
    likes = new boolean[nUsers][topics];
    for (int u = 0; u < nUsers; u++) {
      users.register(
          "u" + u,
          new UserAttributes(
              AgeBand.values()[1 + rnd.nextInt(AgeBand.values().length - 1)],
              Gender.UNKNOWN,
              u % 3 == 0 ? "DE" : "US",
              "",
              u % 3 == 0 ? "de" : "en",
              DeviceOs.ANDROID,
              false));
      int a = rnd.nextInt(topics);
      int b = (a + 1 + rnd.nextInt(topics - 1)) % topics;
      likes[u][a] = true;
      likes[u][b] = true;
    }
    signals = SignalStore.builder(catalog, users).timeSource(time).build();
  }

  public FeedEngine.Builder engine() {
    return FeedEngine.builder(catalog, signals, users).timeSource(time);
  }

  public boolean liked(int user, int video) {
    return likes[user][topicOf[video]];
  }

  /** The user reacts to a page according to their hidden taste, through the engine. */
  public void react(FeedEngine engine, int user, FeedPage page) {
    for (FeedItem item : page.items()) {
      int v = item.video();
      long now = time.nowMillis();
      engine.record(Interaction.of(EventType.IMPRESSION, user, v, now));
      long dur = catalog.durationMs(v);
      if (liked(user, v)) {
        time.advance(dur);
        engine.record(Interaction.view(user, v, time.nowMillis(), dur));
        if (rnd.nextInt(10) < 6) {
          engine.record(Interaction.of(EventType.LIKE, user, v, time.nowMillis()));
        }
      } else if (rnd.nextInt(10) < 2) {
        time.advance(dur / 5);
        engine.record(Interaction.view(user, v, time.nowMillis(), dur / 5));
      } else {
        time.advance(1_000);
        engine.record(Interaction.of(EventType.SKIP, user, v, time.nowMillis()));
      }
      time.advance(500);
    }
  }
}
