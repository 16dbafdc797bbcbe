package dev.foryou.core.testing;

import dev.foryou.core.TimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.user.AgeBand;
import dev.foryou.core.user.DeviceOs;
import dev.foryou.core.user.Gender;
import dev.foryou.core.user.UserAttributes;
import dev.foryou.core.user.UserRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random worlds for tests in every module: a catalog of videos with embeddings, a user
 * registry with attributes, and streams of interaction events. Same seed, same world.
 *
 * <p>Not thread-safe.
 */
public final class TestWorld {
  private static final String[] LANGS = {"en", "de", "fr", "es", "pt", "ja"};
  private static final String[] COUNTRIES = {"US", "DE", "FR", "ES", "BR", "JP"};

  /** The catalog. */
  public final Catalog catalog;

  /** The users. */
  public final UserRegistry users;

  /** The seed the world was built from. */
  public final long seed;

  private TestWorld(Catalog catalog, UserRegistry users, long seed) {
    this.catalog = catalog;
    this.users = users;
    this.seed = seed;
  }

  /**
   * Builds a world.
   *
   * @param seed random seed
   * @param videos number of videos (ids {@code v0, v1, …}, indexes in that order)
   * @param users number of users ({@code u0, u1, …})
   * @param dimension embedding dimension; every video gets a unit-length embedding
   * @param time the catalog's clock
   * @return the world
   */
  public static TestWorld create(long seed, int videos, int users, int dimension, TimeSource time) {
    Catalog catalog = Catalog.builder().dimension(dimension).timeSource(time).build();
    Random r = new Random(seed);
    int creators = Math.max(1, videos / 20);
    for (int i = 0; i < videos; i++) {
      catalog.upsert(randomVideo(r, "v" + i, creators, dimension));
    }
    catalog.refresh();
    return new TestWorld(catalog, randomUsers(r, users), seed);
  }

  /**
   * A registry of {@code n} users {@code u0…} with random attributes.
   *
   * @param r the randomness
   * @param n how many
   * @return the registry
   */
  public static UserRegistry randomUsers(Random r, int n) {
    UserRegistry reg = new UserRegistry();
    for (int i = 0; i < n; i++) {
      AgeBand[] ages = AgeBand.values();
      reg.register(
          "u" + i,
          new UserAttributes(
              ages[r.nextInt(ages.length)],
              Gender.values()[r.nextInt(Gender.values().length)],
              COUNTRIES[r.nextInt(COUNTRIES.length)],
              "",
              LANGS[r.nextInt(LANGS.length)],
              DeviceOs.values()[r.nextInt(DeviceOs.values().length)],
              r.nextInt(20) == 0));
    }
    return reg;
  }

  /**
   * A random video with a unit-length Gaussian embedding, 0 to 3 hashtags out of 200, a sound out
   * of 100 (or none) and a category out of 12.
   *
   * @param r the randomness
   * @param id the video id
   * @param creators how many creators to pick from ({@code c0…})
   * @param dimension embedding dimension, or 0 for no embedding
   * @return the video
   */
  public static Video randomVideo(Random r, String id, int creators, int dimension) {
    int nTags = r.nextInt(4);
    List<String> tags = new ArrayList<>();
    while (tags.size() < nTags) {
      String t = "tag" + r.nextInt(200);
      if (!tags.contains(t)) {
        tags.add(t);
      }
    }
    return new Video(
        id,
        "c" + r.nextInt(creators),
        5_000 + r.nextInt(115_000),
        1_600_000_000_000L + r.nextInt(1_000_000_000),
        LANGS[r.nextInt(LANGS.length)],
        tags,
        r.nextInt(4) == 0 ? "" : "s" + r.nextInt(100),
        "cat" + r.nextInt(12),
        dimension == 0 ? null : unitVector(r, dimension),
        r.nextInt(50) == 0);
  }

  /**
   * A unit-length vector with Gaussian components.
   *
   * @param r the randomness
   * @param dimension its length
   * @return the vector
   */
  public static float[] unitVector(Random r, int dimension) {
    float[] v = new float[dimension];
    double norm = 0;
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) r.nextGaussian();
      norm += v[i] * v[i];
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < dimension; i++) {
      v[i] *= inv;
    }
    return v;
  }

  /**
   * A realistic random event mix over this world's users and live videos: mostly impressions and
   * views, some likes, shares, comments, skips, a few follows, gifts, "not interested" and ad
   * events, with timestamps in [start, start + spreadMillis).
   *
   * @param r the randomness
   * @param n how many events
   * @param start first timestamp
   * @param spreadMillis spread of timestamps (they are not sorted)
   * @param withIds true to give each event a distinct event id
   * @return the events
   */
  public List<Interaction> randomEvents(
      Random r, int n, long start, long spreadMillis, boolean withIds) {
    int bound = catalog.indexBound();
    int[] liveVideos = new int[catalog.size()];
    int nLive = 0;
    for (int v = 0; v < bound; v++) {
      if (catalog.isLive(v)) {
        liveVideos[nLive++] = v;
      }
    }
    List<Interaction> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int user = r.nextInt(users.size());
      // skewed popularity: square of a uniform picks low indexes more often
      double u = r.nextDouble();
      int video = liveVideos[(int) (u * u * nLive)];
      long ts = start + (long) (r.nextDouble() * spreadMillis);
      int p = r.nextInt(1000);
      Interaction e;
      if (p < 400) {
        e = Interaction.of(EventType.IMPRESSION, user, video, ts);
      } else if (p < 750) {
        long dur = catalog.durationMs(video);
        e = Interaction.view(user, video, ts, (long) (r.nextDouble() * 1.3 * dur));
      } else if (p < 830) {
        e = Interaction.of(EventType.LIKE, user, video, ts);
      } else if (p < 850) {
        e = Interaction.of(EventType.SHARE, user, video, ts);
      } else if (p < 870) {
        e = Interaction.of(EventType.COMMENT, user, video, ts);
      } else if (p < 940) {
        e = Interaction.of(EventType.SKIP, user, video, ts);
      } else if (p < 950) {
        e = Interaction.of(EventType.FOLLOW, user, video, ts);
      } else if (p < 955) {
        e = Interaction.gift(user, video, ts, 1 + r.nextInt(100));
      } else if (p < 960) {
        e = Interaction.of(EventType.NOT_INTERESTED, user, video, ts);
      } else if (p < 995) {
        e = Interaction.of(EventType.AD_IMPRESSION, user, r.nextInt(1000), ts);
      } else {
        e = Interaction.of(EventType.AD_CLICK, user, r.nextInt(1000), ts);
      }
      out.add(withIds ? e.withEventId(i + 1L) : e);
    }
    return out;
  }
}
