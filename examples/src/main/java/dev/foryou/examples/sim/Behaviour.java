package dev.foryou.examples.sim;

import java.util.SplittableRandom;

/**
 * How a simulated user reacts to what the feed shows, from hidden taste and quality: appeal =
 * 0.6·taste(topic) + 0.4·quality, damped for a foreign language and for repeats; the probability of
 * a quick skip falls steeply with appeal; watch ratio grows with appeal and falls with length;
 * likes, shares, comments, follows and gifts grow with a power of appeal; each item moves the
 * session's energy up (a good item) or down (a skip, an ad), and the session ends when energy runs
 * out or on an outside interruption.
 *
 * <p>Not thread-safe (one random stream).
 */
final class Behaviour {
  /** Per-item chance that something outside the app ends the session. */
  static final double INTERRUPT = 0.03;

  /** Most items one session shows. */
  static final int MAX_ITEMS = 80;

  private final World world;
  private final SplittableRandom rnd;

  /** What a user did with one organic video. */
  static final class Outcome {
    long watchMs;
    boolean skip;
    boolean complete;
    boolean like;
    boolean share;
    boolean comment;
    boolean follow;
    boolean notInterested;
    int giftCoins;
    double energy;
  }

  Behaviour(World world, long seed) {
    this.world = world;
    this.rnd = new SplittableRandom(seed);
  }

  SplittableRandom random() {
    return rnd;
  }

  /** The hidden appeal of video {@code v} to user {@code u}, in [0, 1]. */
  double appeal(int u, int v, boolean repeat) {
    double a = 0.6 * world.taste[u][world.videoTopic[v]] + 0.4 * world.videoQuality[v];
    if (!world.videoLanguage[v].equals(world.attributes[u].language())) {
      a *= 0.75;
    }
    if (repeat) {
      a *= 0.35;
    }
    return a;
  }

  /** Draws what user {@code u} does with video {@code v}. */
  void watch(int u, int v, boolean repeat, boolean followsCreator, Outcome o) {
    double a = Math.clamp(appeal(u, v, repeat) + 0.05 * rnd.nextGaussian(), 0.0, 1.0);
    long duration = world.videoDurationMs[v];
    o.like = o.share = o.comment = o.follow = o.notInterested = o.complete = false;
    o.giftCoins = 0;
    double pSkip = 1 / (1 + Math.exp(9 * (a - 0.32)));
    if (rnd.nextDouble() < pSkip) {
      o.skip = true;
      o.watchMs = Math.min(duration, 500 + rnd.nextInt(2000));
      o.notInterested = a < 0.15 && rnd.nextDouble() < 0.05;
      o.energy = -1.0;
      return;
    }
    o.skip = false;
    double seconds = duration / 1000.0;
    double lengthFactor = seconds <= 30 ? 1 : Math.pow(30 / seconds, 0.35);
    double ratio = (0.25 + 0.9 * a + 0.15 * rnd.nextGaussian()) * lengthFactor;
    ratio = Math.clamp(ratio, 0.1, 1.0);
    if (ratio >= 0.98) {
      o.complete = true;
      ratio = 1.0;
      if (seconds <= 30 && a > 0.7 && rnd.nextDouble() < 0.3) {
        ratio += 0.5 * rnd.nextDouble(); // a loop: watched again in part
      }
    }
    o.watchMs = Math.max(1, Math.round(ratio * duration));
    o.like = rnd.nextDouble() < 0.02 + 0.3 * a * a * a;
    o.share = rnd.nextDouble() < 0.003 + 0.06 * a * a * a * a;
    o.comment = rnd.nextDouble() < 0.002 + 0.03 * a * a * a;
    o.follow =
        !followsCreator
            && rnd.nextDouble()
                < (0.001 + 0.05 * a * a * a * a) * world.creatorQuality[world.videoCreator[v]];
    if (rnd.nextDouble() < 0.0005 + 0.006 * a * a * a * a) {
      o.giftCoins = 1 + (int) Math.min(499, -Math.log(1 - rnd.nextDouble()) * 20);
    }
    o.energy = -1.2 + 2.2 * a;
  }

  /** The hidden relevance of a campaign's ad to user {@code u}, in [0, 1]. */
  double adRelevance(int u, CampaignSpec c) {
    return world.taste[u][c.topic()];
  }

  /** Draws whether user {@code u} clicks an ad of campaign {@code c}. */
  boolean adClick(int u, CampaignSpec c) {
    double rel = adRelevance(u, c);
    return rnd.nextDouble() < 0.002 + 0.03 * rel * rel;
  }

  /** Draws how long user {@code u} looks at an ad. */
  long adWatchMs(int u, CampaignSpec c) {
    double rel = adRelevance(u, c);
    return rel > 0.5 ? 4000 + rnd.nextInt(8000) : 1000 + rnd.nextInt(2000);
  }

  /** The change of session energy an ad causes. */
  double adEnergy(int u, CampaignSpec c) {
    return -0.4 + 0.5 * adRelevance(u, c);
  }

  /** Draws whether the session ends now for outside reasons. */
  boolean interrupted() {
    return rnd.nextDouble() < INTERRUPT;
  }

  /** Draws the start of a session on a day, following a diurnal curve (UTC hours). */
  long sessionStart(long dayStart) {
    int hour = 0;
    double r = rnd.nextDouble() * DIURNAL_SUM;
    while (hour < 23 && (r -= DIURNAL[hour]) >= 0) {
      hour++;
    }
    return dayStart + hour * 3_600_000L + (long) (rnd.nextDouble() * 3_600_000L);
  }

  /** Draws a Poisson count with mean {@code mean}. */
  int poisson(double mean) {
    double l = Math.exp(-mean);
    int k = 0;
    double p = rnd.nextDouble();
    while (p > l) {
      k++;
      p *= rnd.nextDouble();
    }
    return k;
  }

  /** Relative app opens per hour of the day: quiet at night, peaks at lunch and evening. */
  static final double[] DIURNAL = {
    0.9, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1.0, 1.3, 1.2, 1.2, 1.4, 1.8, 1.7, 1.3, 1.2, 1.4, 1.7, 2.1,
    2.5, 2.8, 2.7, 2.2, 1.5
  };

  static final double DIURNAL_SUM;

  static {
    double s = 0;
    for (double d : DIURNAL) {
      s += d;
    }
    DIURNAL_SUM = s;
  }
}
