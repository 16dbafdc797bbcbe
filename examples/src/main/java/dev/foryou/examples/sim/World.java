package dev.foryou.examples.sim;

import dev.foryou.core.catalog.Video;
import dev.foryou.core.user.AgeBand;
import dev.foryou.core.user.DeviceOs;
import dev.foryou.core.user.Gender;
import dev.foryou.core.user.UserAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The synthetic world, drawn once from a seed: topics with their hashtags, sounds, users with
 * hidden topic tastes and public attributes, creators, videos with hidden quality and a length, and
 * advertisers' campaigns in every format.
 *
 * <p>Videos are ordered by publish time, so a catalog that upserts them in order gives video {@code
 * i} the dense index {@code i}; users likewise in a user registry. About a fifth of the videos are
 * published during the simulated days (fresh content the engine has to discover).
 *
 * <p>Immutable after construction and safe to read from any thread.
 */
final class World {
  /** Midnight UTC of the first simulated day (a Monday). */
  static final long START_MILLIS = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

  static final long DAY_MILLIS = 86_400_000L;

  static final String[] TOPICS = {
    "comedy", "dance", "food", "travel", "pets", "sports", "gaming", "beauty", "fashion", "music",
    "diy", "science", "fitness", "cars", "books", "finance", "art", "nature", "movies", "tech",
    "parenting", "history", "cooking", "asmr"
  };

  static final int HASHTAGS_PER_TOPIC = 6;

  private static final String[][] COUNTRIES = {
    {"US", "en"}, {"GB", "en"}, {"DE", "de"}, {"FR", "fr"}, {"BR", "pt"}, {"IN", "en"}, {"JP", "ja"}
  };
  private static final double[] COUNTRY_WEIGHTS = {0.34, 0.10, 0.12, 0.10, 0.14, 0.12, 0.08};
  private static final AgeBand[] AGES = {
    AgeBand.AGE_13_17,
    AgeBand.AGE_18_24,
    AgeBand.AGE_25_34,
    AgeBand.AGE_35_44,
    AgeBand.AGE_45_54,
    AgeBand.AGE_55_PLUS,
    AgeBand.UNKNOWN
  };
  private static final double[] AGE_WEIGHTS = {0.14, 0.30, 0.24, 0.14, 0.09, 0.06, 0.03};

  final long seed;
  final int topics = TOPICS.length;
  final String[][] hashtags; // [topic][k]
  final String[] sounds;
  final int[] soundTopic;

  // users
  final int users;
  final UserAttributes[] attributes;
  final float[][] taste; // [user][topic] in [0, 1], hidden
  final double[] activity; // expected sessions per day
  final double[] patience; // initial session energy

  // creators
  final int creators;
  final int[] creatorTopic;
  final double[] creatorQuality;
  final String[] creatorLanguage;

  // videos, by publish time
  final int videos;
  final int[] videoCreator;
  final int[] videoTopic;
  final float[] videoQuality; // hidden, [0, 1]
  final long[] videoDurationMs;
  final long[] videoPublishedAt;
  final int[] videoSound;
  final int[][] videoHashtags; // [video][k] hashtag index topic * HASHTAGS_PER_TOPIC + j
  final String[] videoLanguage;

  final List<CampaignSpec> campaigns;

  private World(SimulationConfig config) {
    this.seed = config.seed();
    SplittableRandom rnd = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
    hashtags = new String[topics][HASHTAGS_PER_TOPIC];
    for (int t = 0; t < topics; t++) {
      for (int j = 0; j < HASHTAGS_PER_TOPIC; j++) {
        hashtags[t][j] = j == 0 ? TOPICS[t] : TOPICS[t] + j;
      }
    }
    int nSounds = Math.max(20, config.videos() / 50);
    sounds = new String[nSounds];
    soundTopic = new int[nSounds];
    for (int s = 0; s < nSounds; s++) {
      sounds[s] = "sound" + s;
      soundTopic[s] = rnd.nextInt(topics);
    }

    users = config.users();
    attributes = new UserAttributes[users];
    taste = new float[users][topics];
    activity = new double[users];
    patience = new double[users];
    for (int u = 0; u < users; u++) {
      int c = pick(rnd, COUNTRY_WEIGHTS);
      double g = rnd.nextDouble();
      Gender gender = g < 0.49 ? Gender.FEMALE : g < 0.96 ? Gender.MALE : Gender.OTHER;
      double o = rnd.nextDouble();
      DeviceOs os = o < 0.62 ? DeviceOs.ANDROID : o < 0.95 ? DeviceOs.IOS : DeviceOs.WEB;
      attributes[u] =
          new UserAttributes(
              AGES[pick(rnd, AGE_WEIGHTS)],
              gender,
              COUNTRIES[c][0],
              "",
              COUNTRIES[c][1],
              os,
              rnd.nextDouble() < 0.05);
      // 2 to 4 loved topics, a mild baseline elsewhere
      float[] ts = taste[u];
      for (int t = 0; t < topics; t++) {
        ts[t] = (float) (0.03 + 0.3 * rnd.nextDouble() * rnd.nextDouble());
      }
      int loved = 2 + rnd.nextInt(3);
      for (int k = 0; k < loved; k++) {
        ts[rnd.nextInt(topics)] = (float) (0.7 + 0.3 * rnd.nextDouble());
      }
      activity[u] = 0.6 + 2.4 * rnd.nextDouble() * rnd.nextDouble() + 0.6 * rnd.nextDouble();
      patience[u] = 4 + 6 * rnd.nextDouble();
    }

    creators = Math.max(10, config.videos() / 25);
    creatorTopic = new int[creators];
    creatorQuality = new double[creators];
    creatorLanguage = new String[creators];
    for (int c = 0; c < creators; c++) {
      creatorTopic[c] = rnd.nextInt(topics);
      creatorQuality[c] = rnd.nextDouble();
      creatorLanguage[c] = COUNTRIES[pick(rnd, COUNTRY_WEIGHTS)][1];
    }

    videos = config.videos();
    long[] published = new long[videos];
    long span = config.days() * DAY_MILLIS;
    for (int v = 0; v < videos; v++) {
      published[v] =
          rnd.nextDouble() < 0.8
              ? START_MILLIS - 1 - (long) (rnd.nextDouble() * 30 * DAY_MILLIS)
              : START_MILLIS + (long) (rnd.nextDouble() * span);
    }
    Arrays.sort(published);
    videoPublishedAt = published;
    videoCreator = new int[videos];
    videoTopic = new int[videos];
    videoQuality = new float[videos];
    videoDurationMs = new long[videos];
    videoSound = new int[videos];
    videoHashtags = new int[videos][];
    videoLanguage = new String[videos];
    for (int v = 0; v < videos; v++) {
      // popular creators post more: a skewed pick
      int c = (int) (creators * Math.pow(rnd.nextDouble(), 1.6));
      videoCreator[v] = c;
      int topic = rnd.nextDouble() < 0.8 ? creatorTopic[c] : rnd.nextInt(topics);
      videoTopic[v] = topic;
      double q = 0.5 * creatorQuality[c] + 0.5 * rnd.nextDouble();
      videoQuality[v] = (float) q;
      double len = rnd.nextDouble();
      double seconds =
          len < 0.6
              ? 7 + 23 * rnd.nextDouble()
              : len < 0.88 ? 30 + 30 * rnd.nextDouble() : 60 + 120 * rnd.nextDouble();
      videoDurationMs[v] = Math.round(seconds * 1000);
      int sound = rnd.nextInt(nSounds);
      if (soundTopic[sound] != topic && rnd.nextDouble() < 0.6) {
        sound = rnd.nextInt(nSounds); // a second try: sounds cluster loosely by topic
      }
      videoSound[v] = sound;
      int nTags = 1 + rnd.nextInt(3);
      Set<Integer> tags = new LinkedHashSet<>();
      tags.add(topic * HASHTAGS_PER_TOPIC + rnd.nextInt(HASHTAGS_PER_TOPIC));
      while (tags.size() < nTags) {
        int t = rnd.nextDouble() < 0.75 ? topic : rnd.nextInt(topics);
        tags.add(t * HASHTAGS_PER_TOPIC + rnd.nextInt(HASHTAGS_PER_TOPIC));
      }
      videoHashtags[v] = tags.stream().mapToInt(Integer::intValue).toArray();
      videoLanguage[v] = creatorLanguage[c];
    }
    campaigns = drawCampaigns(rnd, config);
  }

  /**
   * Draws the world for a configuration.
   *
   * @param config the configuration (sizes and seed)
   * @return the world
   */
  static World generate(SimulationConfig config) {
    return new World(config);
  }

  String userId(int u) {
    return "u" + u;
  }

  String videoId(int v) {
    return "v" + v;
  }

  String creatorId(int c) {
    return "c" + c;
  }

  String hashtag(int h) {
    return hashtags[h / HASHTAGS_PER_TOPIC][h % HASHTAGS_PER_TOPIC];
  }

  /** The catalog's view of video {@code v}: public metadata only (no quality, no taste). */
  Video video(int v) {
    List<String> tags = new ArrayList<>(videoHashtags[v].length);
    for (int h : videoHashtags[v]) {
      tags.add(hashtag(h));
    }
    return new Video(
        videoId(v),
        creatorId(videoCreator[v]),
        videoDurationMs[v],
        videoPublishedAt[v],
        videoLanguage[v],
        tags,
        sounds[videoSound[v]],
        TOPICS[videoTopic[v]],
        null,
        false);
  }

  /** How many videos are published at or before {@code nowMillis}. */
  int publishedBy(long nowMillis) {
    int i = Arrays.binarySearch(videoPublishedAt, nowMillis);
    if (i < 0) {
      return -i - 1;
    }
    while (i + 1 < videos && videoPublishedAt[i + 1] == nowMillis) {
      i++;
    }
    return i + 1;
  }

  private List<CampaignSpec> drawCampaigns(SplittableRandom rnd, SimulationConfig config) {
    // Supply: the engine's third of the users opens about 2 sessions a day with a couple of ad
    // slots each; at a typical eCPM of ~5 that is worth ~0.004 units per user per day. Demand is
    // sized to about 1.3x that value so that budgets bind and pacing matters, and every daily
    // budget covers at least 25 of its largest possible charges.
    double dailyValueMicros = config.users() * 0.004 * 1_000_000;
    int advertisers = Math.max(4, Math.min(40, config.users() / 200));
    int expectedCampaigns = advertisers * 2;
    List<CampaignSpec> out = new ArrayList<>();
    AdFormat[] formats = AdFormat.values();
    int n = 0;
    for (int a = 0; a < advertisers; a++) {
      String adv = "adv" + a;
      int campaignsOf = 1 + rnd.nextInt(3);
      for (int k = 0; k < campaignsOf; k++, n++) {
        // every format appears: the first campaigns cycle through the formats, then mostly in-feed
        AdFormat f =
            n < formats.length
                ? formats[n]
                : rnd.nextDouble() < 0.75 ? AdFormat.IN_FEED : formats[rnd.nextInt(formats.length)];
        // reserved formats (TopView, Brand Takeover) are sold per thousand impressions
        boolean cpc = rnd.nextBoolean() && f != AdFormat.TOP_VIEW && f != AdFormat.BRAND_TAKEOVER;
        int topic = rnd.nextInt(topics);
        long bid =
            cpc
                ? 20_000L + 5_000L * rnd.nextInt(40) // 0.02 to 0.215 per click
                : 1_000_000L + 100_000L * rnd.nextInt(110); // 1.0 to 11.9 per mille
        long maxCharge = cpc ? bid : (bid + 999) / 1000;
        long budget =
            Math.max(
                25 * maxCharge,
                Math.round(1.3 * dailyValueMicros / expectedCampaigns * (0.5 + rnd.nextDouble())));
        budget = Math.max(10_000L, budget / 10_000L * 10_000L); // whole cents
        int cap = 1 + rnd.nextInt(6);
        Set<String> countries = new LinkedHashSet<>();
        if (rnd.nextDouble() < 0.4) {
          for (int j = 0; j < 1 + rnd.nextInt(3); j++) {
            countries.add(COUNTRIES[rnd.nextInt(COUNTRIES.length)][0]);
          }
        }
        Set<AgeBand> ages = EnumSet.noneOf(AgeBand.class);
        if (rnd.nextDouble() < 0.35) {
          ages.add(AgeBand.AGE_18_24);
          ages.add(AgeBand.AGE_25_34);
          if (rnd.nextBoolean()) {
            ages.add(AgeBand.AGE_35_44);
          }
        }
        Set<Gender> genders = EnumSet.noneOf(Gender.class);
        if (rnd.nextDouble() < 0.15) {
          genders.add(rnd.nextBoolean() ? Gender.FEMALE : Gender.MALE);
        }
        Set<DeviceOs> oses = EnumSet.noneOf(DeviceOs.class);
        if (rnd.nextDouble() < 0.15) {
          oses.add(rnd.nextBoolean() ? DeviceOs.IOS : DeviceOs.ANDROID);
        }
        Set<String> interests = new LinkedHashSet<>();
        if (rnd.nextDouble() < 0.5) {
          interests.add(TOPICS[topic]);
        }
        String id = "cmp" + n;
        List<String> creatives = new ArrayList<>();
        int nCreatives = 1 + rnd.nextInt(2);
        for (int j = 0; j < nCreatives; j++) {
          creatives.add(id + "-cr" + j);
        }
        String tag = f == AdFormat.HASHTAG_CHALLENGE ? "challenge" + n : "";
        out.add(
            new CampaignSpec(
                id, adv, f, cpc, bid, budget, cap, countries, ages, genders, oses, interests, topic,
                tag, creatives));
      }
    }
    return List.copyOf(out);
  }

  private static int pick(SplittableRandom rnd, double[] weights) {
    double r = rnd.nextDouble();
    for (int i = 0; i < weights.length - 1; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
