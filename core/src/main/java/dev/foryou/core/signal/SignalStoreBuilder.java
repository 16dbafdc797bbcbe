package dev.foryou.core.signal;

import dev.foryou.core.TimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.event.EventType;
import dev.foryou.core.user.UserRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Configures and builds a {@link SignalStore} over a catalog and a user registry. Every setting may
 * be given at most once (per counter or event type); a bad value throws {@link
 * IllegalArgumentException} naming it, a repeated setting {@link IllegalStateException}.
 *
 * <p>Defaults: system time; every video counter's half-life 6 h; affinity half-life 7 days;
 * co-engagement half-life 3 days; history 50 videos; seen-set 500 videos; 8 co-engaged videos per
 * video, pairing each engagement with the last 5 history items within 30 min; at most 1,000,000
 * active users, aged out after 24 h idle; at most 200 affinity keys per kind per user; events up to
 * 60 s in the future accepted; event ids de-duplicated over the last 1,000,000 ids. Affinity
 * weights per event: VIEW 1.0 × watch ratio (capped at 1) plus 0.5 on completion, LIKE 2, SHARE 3,
 * COMMENT 2, FOLLOW 4, GIFT 3, SKIP −1, NOT_INTERESTED −5, IMPRESSION 0.
 *
 * <p>Not thread-safe: configure on one thread, then {@link #build()}.
 */
public final class SignalStoreBuilder {
  private final Catalog catalog;
  private final UserRegistry users;
  private TimeSource timeSource;
  private final long[] halfLives = new long[VideoCounter.values().length];
  private long affinityHalfLife = -1;
  private long coEngagementHalfLife = -1;
  private int historySize = -1;
  private int seenSetSize = -1;
  private int coEngagedPerVideo = -1;
  private int coEngagementPairs = -1;
  private long coEngagementWindow = -1;
  private long maxActiveUsers = -1;
  private long userIdleTimeout = -1;
  private int maxAffinityKeys = -1;
  private long futureTolerance = -1;
  private int dedupWindow = -1;
  private final double[] weights = new double[EventType.values().length];
  private final boolean[] weightSet = new boolean[EventType.values().length];

  SignalStoreBuilder(Catalog catalog, UserRegistry users) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.users = Objects.requireNonNull(users, "users");
    Arrays.fill(halfLives, -1);
  }

  /**
   * Sets the clock: decay is read at its now, and timestamps too far ahead of it are rejected.
   *
   * @param timeSource the clock
   * @return this
   */
  public SignalStoreBuilder timeSource(TimeSource timeSource) {
    Objects.requireNonNull(timeSource, "timeSource");
    once(this.timeSource != null, "timeSource");
    this.timeSource = timeSource;
    return this;
  }

  /**
   * Sets one video counter's half-life.
   *
   * @param counter the counter
   * @param halfLife at least 1 ms
   * @return this
   */
  public SignalStoreBuilder halfLife(VideoCounter counter, Duration halfLife) {
    Objects.requireNonNull(counter, "counter");
    once(halfLives[counter.ordinal()] != -1, "halfLife(" + counter + ")");
    halfLives[counter.ordinal()] = positiveMillis(halfLife, "halfLife(" + counter + ")");
    return this;
  }

  /**
   * Sets the half-life of user affinities.
   *
   * @param halfLife at least 1 ms
   * @return this
   */
  public SignalStoreBuilder affinityHalfLife(Duration halfLife) {
    once(affinityHalfLife != -1, "affinityHalfLife");
    affinityHalfLife = positiveMillis(halfLife, "affinityHalfLife");
    return this;
  }

  /**
   * Sets the half-life of co-engagement weights.
   *
   * @param halfLife at least 1 ms
   * @return this
   */
  public SignalStoreBuilder coEngagementHalfLife(Duration halfLife) {
    once(coEngagementHalfLife != -1, "coEngagementHalfLife");
    coEngagementHalfLife = positiveMillis(halfLife, "coEngagementHalfLife");
    return this;
  }

  /**
   * Sets how many recent videos each user's history keeps.
   *
   * @param size 1 to 10,000
   * @return this
   */
  public SignalStoreBuilder historySize(int size) {
    once(historySize != -1, "historySize");
    historySize = range(size, 1, 10_000, "historySize");
    return this;
  }

  /**
   * Sets how many recently seen videos each user's seen-set keeps.
   *
   * @param size 1 to 1,000,000
   * @return this
   */
  public SignalStoreBuilder seenSetSize(int size) {
    once(seenSetSize != -1, "seenSetSize");
    seenSetSize = range(size, 1, 1_000_000, "seenSetSize");
    return this;
  }

  /**
   * Sets how many co-engaged videos each video keeps (the weakest is evicted).
   *
   * @param k 1 to 256
   * @return this
   */
  public SignalStoreBuilder coEngagedPerVideo(int k) {
    once(coEngagedPerVideo != -1, "coEngagedPerVideo");
    coEngagedPerVideo = range(k, 1, 256, "coEngagedPerVideo");
    return this;
  }

  /**
   * Sets how many of the latest history items an engagement is paired with.
   *
   * @param pairs 0 (no co-engagement) to 100
   * @return this
   */
  public SignalStoreBuilder coEngagementPairs(int pairs) {
    once(coEngagementPairs != -1, "coEngagementPairs");
    coEngagementPairs = range(pairs, 0, 100, "coEngagementPairs");
    return this;
  }

  /**
   * Sets how close in time two engagements must be to pair.
   *
   * @param window at least 1 ms
   * @return this
   */
  public SignalStoreBuilder coEngagementWindow(Duration window) {
    once(coEngagementWindow != -1, "coEngagementWindow");
    coEngagementWindow = positiveMillis(window, "coEngagementWindow");
    return this;
  }

  /**
   * Sets how many users may hold in-memory state; beyond it the least valuable age out (Caffeine's
   * size eviction).
   *
   * @param max at least 1
   * @return this
   */
  public SignalStoreBuilder maxActiveUsers(long max) {
    once(maxActiveUsers != -1, "maxActiveUsers");
    if (max < 1) {
      throw new IllegalArgumentException("maxActiveUsers must be >= 1: " + max);
    }
    maxActiveUsers = max;
    return this;
  }

  /**
   * Sets after how long without events or reads a user's state ages out.
   *
   * @param timeout at least 1 ms
   * @return this
   */
  public SignalStoreBuilder userIdleTimeout(Duration timeout) {
    once(userIdleTimeout != -1, "userIdleTimeout");
    userIdleTimeout = positiveMillis(timeout, "userIdleTimeout");
    return this;
  }

  /**
   * Sets how many keys of each {@link AffinityKind} a user keeps (the weakest are evicted).
   *
   * @param max 1 to 100,000
   * @return this
   */
  public SignalStoreBuilder maxAffinityKeys(int max) {
    once(maxAffinityKeys != -1, "maxAffinityKeys");
    maxAffinityKeys = range(max, 1, 100_000, "maxAffinityKeys");
    return this;
  }

  /**
   * Sets how far ahead of the clock an event's timestamp may be.
   *
   * @param tolerance at least zero
   * @return this
   */
  public SignalStoreBuilder futureTolerance(Duration tolerance) {
    Objects.requireNonNull(tolerance, "futureTolerance");
    once(futureTolerance != -1, "futureTolerance");
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("futureTolerance must be >= 0: " + tolerance);
    }
    futureTolerance = tolerance.toMillis();
    return this;
  }

  /**
   * Sets how many of the latest event ids are remembered for de-duplication.
   *
   * @param ids 1 to 100,000,000
   * @return this
   */
  public SignalStoreBuilder dedupWindow(int ids) {
    once(dedupWindow != -1, "dedupWindow");
    dedupWindow = range(ids, 1, 100_000_000, "dedupWindow");
    return this;
  }

  /**
   * Sets the affinity weight of an event type (for VIEW: the weight of a full watch).
   *
   * @param type a video event type (not an ad event)
   * @param weight a finite weight; negative for negative feedback
   * @return this
   */
  public SignalStoreBuilder affinityWeight(EventType type, double weight) {
    Objects.requireNonNull(type, "type");
    if (type.isAd()) {
      throw new IllegalArgumentException("ad events carry no affinity: " + type);
    }
    if (!Double.isFinite(weight)) {
      throw new IllegalArgumentException("affinityWeight(" + type + ") is not finite: " + weight);
    }
    once(weightSet[type.ordinal()], "affinityWeight(" + type + ")");
    weightSet[type.ordinal()] = true;
    weights[type.ordinal()] = weight;
    return this;
  }

  /**
   * Builds an empty store.
   *
   * @return the store
   */
  public SignalStore build() {
    return new DefaultSignalStore(
        catalog, users, settings(), timeSource == null ? TimeSource.SYSTEM : timeSource);
  }

  Settings settings() {
    long[] hl = new long[halfLives.length];
    for (int i = 0; i < hl.length; i++) {
      hl[i] = halfLives[i] == -1 ? 6 * 3_600_000L : halfLives[i];
    }
    double[] w = Settings.defaultWeights();
    for (int i = 0; i < w.length; i++) {
      if (weightSet[i]) {
        w[i] = weights[i];
      }
    }
    return new Settings(
        hl,
        orDefault(affinityHalfLife, 7 * 86_400_000L),
        orDefault(coEngagementHalfLife, 3 * 86_400_000L),
        historySize == -1 ? 50 : historySize,
        seenSetSize == -1 ? 500 : seenSetSize,
        coEngagedPerVideo == -1 ? 8 : coEngagedPerVideo,
        coEngagementPairs == -1 ? 5 : coEngagementPairs,
        orDefault(coEngagementWindow, 30 * 60_000L),
        orDefault(maxActiveUsers, 1_000_000L),
        orDefault(userIdleTimeout, 86_400_000L),
        maxAffinityKeys == -1 ? 200 : maxAffinityKeys,
        orDefault(futureTolerance, 60_000L),
        dedupWindow == -1 ? 1_000_000 : dedupWindow,
        w);
  }

  private static long orDefault(long v, long d) {
    return v == -1 ? d : v;
  }

  private static long positiveMillis(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 ms: " + d);
    }
    return d.toMillis();
  }

  private static int range(int v, int lo, int hi, String name) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "]: " + v);
    }
    return v;
  }

  private static void once(boolean alreadySet, String name) {
    if (alreadySet) {
      throw new IllegalStateException(name + " was already set");
    }
  }
}
