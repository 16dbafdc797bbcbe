package dev.foryou.benchmarks;

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
import dev.foryou.ranking.FeedEngine;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, irregular catalog for the ranking benchmarks: videos about one of 200 topics with
 * embeddings near their topic's centroid (so nearest-neighbour structure is realistic), Zipf-ish
 * creator, hashtag and sound popularity, and users who each like a few topics.
 */
final class RankingWorld {
  static final long T0 = 1_700_000_000_000L;
  static final int TOPICS = 200;
  final ManualTimeSource time = new ManualTimeSource(T0);
  final Catalog catalog;
  final int[] topicOf;
  final float[][] centroids;
  final int dim;

  RankingWorld(long seed, int videos, int dim) {
    this.dim = dim;
    SplittableRandom r = new SplittableRandom(seed);
    catalog = Catalog.builder().dimension(dim).timeSource(time).build();
    centroids = new float[TOPICS][dim];
    for (int t = 0; t < TOPICS; t++) {
      for (int d = 0; d < dim; d++) {
        centroids[t][d] = (float) r.nextGaussian();
      }
    }
    topicOf = new int[videos];
    int creators = Math.max(10, videos / 20);
    String[] langs = {"en", "en", "en", "es", "de", "pt", "ja"};
    for (int i = 0; i < videos; i++) {
      int t = zipf(r, TOPICS);
      float[] e = near(r, t);
      List<String> tags =
          r.nextInt(3) == 0 ? List.of("topic" + t) : List.of("topic" + t, "h" + zipf(r, 5000));
      int idx =
          catalog.upsert(
              new Video(
                  "v" + i,
                  "c" + zipf(r, creators),
                  5_000 + r.nextInt(55_000),
                  T0 - r.nextLong(30L * 86_400_000L),
                  langs[r.nextInt(langs.length)],
                  tags,
                  r.nextInt(4) == 0 ? "" : "s" + zipf(r, 10_000),
                  "cat" + (t % 30),
                  e,
                  r.nextInt(1000) == 0));
      topicOf[idx] = t;
    }
    catalog.refresh();
  }

  /** A vector near a topic: its centroid plus Gaussian noise (σ = 0.8 per dimension). */
  private float[] near(SplittableRandom r, int topic) {
    float[] e = new float[dim];
    for (int d = 0; d < dim; d++) {
      e[d] = centroids[topic][d] + 0.8f * (float) r.nextGaussian();
    }
    return e;
  }

  /** Query vectors drawn as the videos' embeddings are: near a skewed random topic each. */
  float[][] queries(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] q = new float[n][];
    for (int i = 0; i < n; i++) {
      q[i] = near(r, zipf(r, TOPICS));
    }
    return q;
  }

  /** A skewed index in [0, n): roughly Zipf through an inverse power transform. */
  static int zipf(SplittableRandom r, int n) {
    double u = r.nextDouble();
    return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1.0, u) - 1));
  }

  /** Users with attributes and histories: each views and likes videos of two topics. */
  static UserRegistry users(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    UserRegistry users = new UserRegistry();
    String[] countries = {"US", "ES", "DE", "BR", "JP"};
    String[] langs = {"en", "es", "de", "pt", "ja"};
    for (int u = 0; u < n; u++) {
      int c = r.nextInt(countries.length);
      users.register(
          "u" + u,
          new UserAttributes(
              AgeBand.values()[r.nextInt(AgeBand.values().length)],
              Gender.UNKNOWN,
              countries[c],
              "",
              langs[c],
              DeviceOs.ANDROID,
              false));
    }
    return users;
  }

  /**
   * The feed benchmarks' engine over this world: {@code users} users ({@link #users}, seed 43), 30
   * history items each ({@link #history}, seed 44) recorded and learned from.
   */
  FeedEngine feedEngine(int users, int candidates) {
    UserRegistry registry = users(users, 43);
    FeedEngine engine =
        FeedEngine.builder(catalog, signals(registry), registry)
            .timeSource(time)
            .candidates(candidates)
            .build();
    history(engine::record, users, 30, 44);
    engine.flushLearning();
    return engine;
  }

  SignalStore signals(UserRegistry users) {
    return SignalStore.builder(catalog, users)
        .timeSource(time)
        .futureTolerance(Duration.ofDays(1))
        .build();
  }

  /** Picks a random video of a topic by rejection over random indexes (bounded tries). */
  int videoOfTopic(SplittableRandom r, int topic) {
    int any = r.nextInt(topicOf.length);
    for (int tries = 0; tries < 2000; tries++) {
      int v = r.nextInt(topicOf.length);
      if (topicOf[v] == topic) {
        return v;
      }
    }
    return any;
  }

  /** Streams history events: every user views (and sometimes likes) videos of two topics. */
  void history(java.util.function.Consumer<Interaction> sink, int users, int perUser, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int u = 0; u < users; u++) {
      int a = zipf(r, TOPICS);
      int b = zipf(r, TOPICS);
      for (int i = 0; i < perUser; i++) {
        int v = videoOfTopic(r, i % 2 == 0 ? a : b);
        long now = time.nowMillis();
        sink.accept(Interaction.of(EventType.IMPRESSION, u, v, now));
        sink.accept(Interaction.view(u, v, now, 10_000 + r.nextInt(20_000)));
        if (r.nextInt(3) == 0) {
          sink.accept(Interaction.of(EventType.LIKE, u, v, now));
        }
        time.advance(1_000);
      }
    }
  }
}
