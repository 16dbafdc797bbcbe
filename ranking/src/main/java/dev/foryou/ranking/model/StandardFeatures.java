package dev.foryou.ranking.model;

import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.signal.AffinityKind;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.signal.VideoCounter;
import dev.foryou.ranking.candidate.Source;
import it.unimi.dsi.fastutil.ints.Int2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.apache.lucene.util.VectorUtil;
import org.jspecify.annotations.Nullable;

/*
 * Design: rates are smoothed towards each objective's prior with a Beta(s·m, s·(1−m)) prior
 * ("empirical Bayes" smoothing of CTR-like rates, e.g. Chakrabarti et al., WWW 2008) and encoded as
 * a clipped log-lift log(rate / prior) / 3, so a brand-new video sits at 0 and popular and unpopular
 * videos spread symmetrically; affinities pass through tanh.
 *
 * A batch (one feed request) snapshots the user's affinity maps and follows once into local
 * primitive hash maps and the user vector's squared norm, so a candidate costs no lock, cache or
 * user-state lookup; the arithmetic is the same, so the values are the same.
 */
final class StandardFeatures implements FeatureExtractor {
  private static final double DAY_MS = 86_400_000d;
  private static final double LN2 = Math.log(2);
  private static final int COUNTERS = VideoCounter.values().length;

  private final Catalog catalog;
  private final SignalStore signals;
  private final double s;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
  private final float[] zeroLift = new float[Objective.count()];

  private static final int SNAPSHOT_KEYS = 1024;

  private final class Scratch {
    final double[] counts = new double[COUNTERS];
    float[] emb = new float[0];
    int[] tags = new int[16];
    final UserSnapshot snapshot = new UserSnapshot();
  }

  /** The batch: the user's state read once. */
  private final class UserSnapshot implements Batch {
    final Int2DoubleOpenHashMap[] affinity =
        new Int2DoubleOpenHashMap[AffinityKind.values().length];
    final boolean[] complete = new boolean[affinity.length];
    final IntOpenHashSet follows = new IntOpenHashSet();
    boolean followsComplete;
    final int[] keys = new int[SNAPSHOT_KEYS];
    final double[] values = new double[SNAPSHOT_KEYS];
    int[] pre = new int[0];
    double[] preCounts = new double[0];
    int preN;
    int cursor;
    // what each slot's cheap pass read, for refine: valid where cheapGen[slot] == gen
    int[] cheapGen = new int[0];
    int[] cheapVideo = new int[0];
    long[] cheapDuration = new long[0];
    double[] cheapCounts = new double[0];
    boolean[] cheapAtSlot = new boolean[0];
    int gen;
    int user;
    float @Nullable [] userVector;
    float userNorm2;
    boolean cold;
    long now;

    UserSnapshot() {
      for (int k = 0; k < affinity.length; k++) {
        affinity[k] = new Int2DoubleOpenHashMap();
      }
    }

    void load(int user, float @Nullable [] userVector, boolean cold, long now) {
      this.user = user;
      this.userVector = userVector;
      this.cold = cold;
      this.now = now;
      this.preN = 0;
      this.cursor = 0;
      this.gen++;
      if (userVector != null) {
        float[] u =
            userVector.length == catalog.dimension()
                ? userVector
                : java.util.Arrays.copyOf(userVector, catalog.dimension());
        userNorm2 = VectorUtil.dotProduct(u, u);
      }
      if (user < 0) {
        return;
      }
      for (AffinityKind kind : AffinityKind.values()) {
        Int2DoubleOpenHashMap m = affinity[kind.ordinal()];
        m.clear();
        int n = signals.affinities(user, kind, keys, values);
        for (int i = 0; i < n; i++) {
          m.put(keys[i], values[i]);
        }
        complete[kind.ordinal()] = n < SNAPSHOT_KEYS; // else ask the store key by key
      }
      follows.clear();
      int f = signals.followedCreators(user, keys);
      for (int i = 0; i < f; i++) {
        follows.add(keys[i]);
      }
      followsComplete = f < SNAPSHOT_KEYS;
    }

    double affinity(AffinityKind kind, int key) {
      return complete[kind.ordinal()]
          ? affinity[kind.ordinal()].get(key)
          : signals.affinity(user, kind, key);
    }

    boolean follows(int creator) {
      return followsComplete ? follows.contains(creator) : signals.follows(user, creator);
    }

    @Override
    public boolean extract(int video, int sourceMask, float[] out, double @Nullable [] counts) {
      return fill(user, video, sourceMask, userVector, cold, now, out, counts, this, -1, false);
    }

    @Override
    public void prefetch(int[] videos, int n) {
      if (pre.length < n) {
        pre = new int[n];
        preCounts = new double[n * COUNTERS];
      }
      System.arraycopy(videos, 0, pre, 0, n);
      gen++;
      catalog.prefetch(pre, n);
      try {
        signals.counts(pre, n, preCounts);
        preN = n;
      } catch (IllegalArgumentException unknownVideo) {
        preN = 0; // read one by one instead
      }
      cursor = 0;
    }

    @Override
    public boolean extractAt(
        int slot, int video, int sourceMask, float[] out, double @Nullable [] counts) {
      if (slot >= 0 && slot < preN) {
        cursor = slot;
      }
      return extract(video, sourceMask, out, counts);
    }

    @Override
    public boolean extractCheap(int slot, int video, int sourceMask, float[] out, double[] counts) {
      return fill(user, video, sourceMask, userVector, cold, now, out, counts, this, slot, true);
    }

    @Override
    public boolean refine(int slot, int video, int sourceMask, float[] row, double[] counts) {
      if (row.length < Features.SIZE) {
        throw new IllegalArgumentException(
            "row has length " + row.length + ", needs " + Features.SIZE);
      }
      if (slot < 0
          || slot >= cheapGen.length
          || cheapGen[slot] != gen
          || cheapVideo[slot] != video) {
        return extractAt(slot, video, sourceMask, row, counts); // no cheap pass to reuse
      }
      if (!catalog.isLive(video)) {
        return false;
      }
      if (cheapAtSlot[slot]) {
        System.arraycopy(preCounts, slot * COUNTERS, counts, 0, COUNTERS);
      } else {
        System.arraycopy(cheapCounts, slot * COUNTERS, counts, 0, COUNTERS);
      }
      videoRates(counts, 0, cheapDuration[slot], false, row);
      return true;
    }

    /**
     * Records what the cheap pass read for a slot: the duration and, unless they are the slot's
     * prefetched ones ({@code c} null), the counters.
     */
    void remember(int slot, int video, double @Nullable [] c, long duration) {
      if (slot >= cheapGen.length) {
        int n = Math.max(slot + 1, 2 * cheapGen.length);
        cheapGen = java.util.Arrays.copyOf(cheapGen, n);
        cheapVideo = java.util.Arrays.copyOf(cheapVideo, n);
        cheapDuration = java.util.Arrays.copyOf(cheapDuration, n);
        cheapAtSlot = java.util.Arrays.copyOf(cheapAtSlot, n);
        cheapCounts = java.util.Arrays.copyOf(cheapCounts, n * COUNTERS);
      }
      cheapGen[slot] = gen;
      cheapVideo[slot] = video;
      cheapDuration[slot] = duration;
      cheapAtSlot[slot] = c == null;
      if (c != null) {
        System.arraycopy(c, 0, cheapCounts, slot * COUNTERS, COUNTERS);
      }
    }

    /** Copies the prefetched counters of the next video if it is the one asked for. */
    boolean prefetched(int video, double[] out) {
      // a few announced videos may be skipped (removed meanwhile): look a little ahead
      for (int at = cursor, end = Math.min(preN, cursor + 4); at < end; at++) {
        if (pre[at] == video) {
          System.arraycopy(preCounts, at * COUNTERS, out, 0, COUNTERS);
          cursor = at + 1;
          return true;
        }
      }
      return false;
    }
  }

  StandardFeatures(Catalog catalog, SignalStore signals, double smoothing) {
    if (!(smoothing >= 0) || Double.isInfinite(smoothing)) {
      throw new IllegalArgumentException("smoothing must be finite and >= 0: " + smoothing);
    }
    this.catalog = catalog;
    this.signals = signals;
    this.s = smoothing;
    for (Objective o : Objective.values()) {
      zeroLift[o.ordinal()] = lift(0, 0, o.prior(), false);
    }
  }

  @Override
  public Batch batch(int user, float @Nullable [] userVector, boolean coldUser, long nowMillis) {
    UserSnapshot b = scratch.get().snapshot;
    b.load(user, userVector, coldUser, nowMillis);
    return b;
  }

  @Override
  public boolean extract(
      int user,
      int video,
      int sourceMask,
      float @Nullable [] userVector,
      boolean coldUser,
      long nowMillis,
      float[] out,
      double @Nullable [] counts) {
    return fill(
        user, video, sourceMask, userVector, coldUser, nowMillis, out, counts, null, -1, false);
  }

  /**
   * The features of one video. {@code slot >= 0} reads the counters at that prefetch position (else
   * from the snapshot's prefetch cursor, else from the store); {@code fast} takes the logarithms
   * from {@link #fastLn} (the pre-ranker's cheap pass) instead of {@link Math#log}.
   */
  private boolean fill(
      int user,
      int video,
      int sourceMask,
      float @Nullable [] userVector,
      boolean coldUser,
      long nowMillis,
      float[] out,
      double @Nullable [] counts,
      @Nullable UserSnapshot snap,
      int slot,
      boolean fast) {
    if (out.length < Features.SIZE) {
      throw new IllegalArgumentException(
          "out has length " + out.length + ", needs " + Features.SIZE);
    }
    Scratch sc = scratch.get();
    int creator;
    int nTags;
    int sound;
    int category;
    long duration;
    long published;
    boolean hasEmb = false;
    int dim = catalog.dimension();
    if (sc.emb.length != dim) {
      sc.emb = new float[dim];
    }
    try {
      if (!catalog.isLive(video)) {
        return false;
      }
      creator = catalog.creator(video);
      nTags = catalog.hashtags(video, sc.tags);
      if (nTags > sc.tags.length) {
        sc.tags = new int[nTags];
        nTags = catalog.hashtags(video, sc.tags);
      }
      sound = catalog.sound(video);
      category = catalog.category(video);
      duration = catalog.durationMs(video);
      published = catalog.publishedAtMillis(video);
      if (userVector != null) {
        hasEmb = catalog.embedding(video, sc.emb);
      }
    } catch (IllegalArgumentException removedMeanwhile) {
      return false;
    }
    double[] c = sc.counts;
    int at = 0;
    boolean atSlot = snap != null && slot >= 0 && slot < snap.preN && snap.pre[slot] == video;
    if (atSlot) {
      c = snap.preCounts; // read in place
      at = slot * COUNTERS;
    } else if (snap == null || slot >= 0 || !snap.prefetched(video, c)) {
      signals.counts(video, c);
    }
    if (counts != null) {
      System.arraycopy(c, at, counts, 0, COUNTERS);
    }
    if (fast && snap != null && slot >= 0) {
      snap.remember(slot, video, atSlot ? null : c, duration);
    }
    videoRates(c, at, duration, fast, out);
    if (user < 0) {
      for (int f = Features.AFF_CREATOR; f <= Features.FOLLOWS; f++) {
        out[f] = 0f;
      }
    } else {
      userFeatures(user, creator, sc.tags, nTags, sound, category, out, snap);
    }
    out[Features.EMBEDDING_COSINE] =
        !hasEmb
            ? 0f
            : snap != null
                ? cosine(userVector, snap.userNorm2, sc.emb, dim)
                : cosine(userVector, sc.emb, dim);
    double age = Math.max(0, nowMillis - published);
    out[Features.FRESHNESS] = (float) Math.exp(-age * LN2 / DAY_MS);
    out[Features.USER_COLD] = coldUser ? 1f : 0f;
    for (int b = 0; b < Source.count(); b++) {
      out[Features.SOURCE_FLAGS + b] = (sourceMask & (1 << b)) != 0 ? 1f : 0f;
    }
    return true;
  }

  /**
   * The features that depend only on the video's counters (at {@code c[at, at + COUNTERS)}) and
   * duration, the ones {@code fast} approximates: the smoothed rates, the watch ratio, log
   * impressions and log duration.
   */
  private void videoRates(double[] c, int at, long duration, boolean fast, float[] out) {
    if (fast) {
      cheapRates(c, at, duration, out);
      return;
    }
    double impressions = Math.max(c[at + VideoCounter.IMPRESSIONS.ordinal()], 0);
    double views = Math.max(c[at + VideoCounter.VIEWS.ordinal()], 0);
    double shown = Math.max(impressions, views);
    out[Features.BIAS] = 1f;
    out[Features.RATE_COMPLETE] =
        exactRate(Objective.COMPLETE, c[at + VideoCounter.COMPLETES.ordinal()], views);
    out[Features.RATE_LIKE] =
        exactRate(Objective.LIKE, c[at + VideoCounter.LIKES.ordinal()], shown);
    out[Features.RATE_SHARE] =
        exactRate(Objective.SHARE, c[at + VideoCounter.SHARES.ordinal()], shown);
    out[Features.RATE_COMMENT] =
        exactRate(Objective.COMMENT, c[at + VideoCounter.COMMENTS.ordinal()], shown);
    out[Features.RATE_FOLLOW] =
        exactRate(Objective.FOLLOW, c[at + VideoCounter.FOLLOWS.ordinal()], shown);
    out[Features.RATE_SKIP] =
        exactRate(Objective.SKIP, c[at + VideoCounter.SKIPS.ordinal()], shown);
    out[Features.RATE_NOT_INTERESTED] =
        exactRate(Objective.NOT_INTERESTED, c[at + VideoCounter.NOT_INTERESTED.ordinal()], shown);
    double durSec = duration / 1000.0;
    double watched = c[at + VideoCounter.WATCH_SECONDS.ordinal()] / durSec;
    out[Features.WATCH_RATIO] = exactRate(Objective.WATCH_RATIO, Math.min(watched, views), views);
    out[Features.LOG_IMPRESSIONS] =
        shown == 0 ? 0f : (float) Math.min(1.0, Math.log(1 + shown) / 10);
    out[Features.LOG_DURATION] = (float) Math.min(1.5, Math.log(1 + durSec) / 5);
  }

  /**
   * {@link #videoRates} of the cheap pass. Besides the fast logarithm, a rate without events (most
   * rates of most videos) is the same for every objective at the same trials, log(s / (trials + s))
   * / 3 up to rounding, so it is computed once per video and trial count.
   */
  private void cheapRates(double[] c, int at, long duration, float[] out) {
    double impressions = Math.max(c[at + VideoCounter.IMPRESSIONS.ordinal()], 0);
    double views = Math.max(c[at + VideoCounter.VIEWS.ordinal()], 0);
    double shown = Math.max(impressions, views);
    float zeroShown = zeroEvents(shown);
    float zeroViews = views == shown ? zeroShown : zeroEvents(views);
    out[Features.BIAS] = 1f;
    out[Features.RATE_COMPLETE] =
        cheapRate(Objective.COMPLETE, c[at + VideoCounter.COMPLETES.ordinal()], views, zeroViews);
    out[Features.RATE_LIKE] =
        cheapRate(Objective.LIKE, c[at + VideoCounter.LIKES.ordinal()], shown, zeroShown);
    out[Features.RATE_SHARE] =
        cheapRate(Objective.SHARE, c[at + VideoCounter.SHARES.ordinal()], shown, zeroShown);
    out[Features.RATE_COMMENT] =
        cheapRate(Objective.COMMENT, c[at + VideoCounter.COMMENTS.ordinal()], shown, zeroShown);
    out[Features.RATE_FOLLOW] =
        cheapRate(Objective.FOLLOW, c[at + VideoCounter.FOLLOWS.ordinal()], shown, zeroShown);
    out[Features.RATE_SKIP] =
        cheapRate(Objective.SKIP, c[at + VideoCounter.SKIPS.ordinal()], shown, zeroShown);
    out[Features.RATE_NOT_INTERESTED] =
        cheapRate(
            Objective.NOT_INTERESTED,
            c[at + VideoCounter.NOT_INTERESTED.ordinal()],
            shown,
            zeroShown);
    double durSec = duration / 1000.0;
    double watched = c[at + VideoCounter.WATCH_SECONDS.ordinal()] / durSec;
    out[Features.WATCH_RATIO] =
        cheapRate(Objective.WATCH_RATIO, Math.min(watched, views), views, zeroViews);
    out[Features.LOG_IMPRESSIONS] = shown == 0 ? 0f : (float) Math.min(1.0, fastLn(1 + shown) / 10);
    out[Features.LOG_DURATION] = (float) Math.min(1.5, fastLn(1 + durSec) / 5);
  }

  /** The cheap lift of a rate without events at {@code trials} > 0 trials. */
  private float zeroEvents(double trials) {
    if (!(s > 0) || trials == 0) {
      return 0f; // unused at 0 trials (zeroLift); without smoothing a rate of 0 lifts to 0
    }
    double l = fastLn(s / (trials + s)) / 3;
    return (float) Math.max(-1, Math.min(1, l));
  }

  private float cheapRate(Objective o, double events, double trials, float zeroEvents) {
    if (events <= 0) {
      return trials == 0 ? zeroLift[o.ordinal()] : zeroEvents;
    }
    return lift(events, trials, o.prior(), true);
  }

  private static double ln(double x, boolean fast) {
    return fast ? fastLn(x) : Math.log(x);
  }

  /**
   * ln(x) for x > 0 from the binary exponent and a cubic on the mantissa (absolute error below
   * 0.001): an approximation for pre-ranking only.
   */
  static double fastLn(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int e = (int) ((bits >>> 52) & 0x7ff) - 1023;
    double m = Double.longBitsToDouble((bits & 0x000f_ffff_ffff_ffffL) | 0x3ff0_0000_0000_0000L);
    // ln(m) on [1, 2) via t = (m − 1)/(m + 1), ln m = 2·atanh(t) ≈ 2(t + t³/3 + t⁵/5)
    double t = (m - 1) / (m + 1);
    double t2 = t * t;
    return e * LN2 + 2 * t * (1 + t2 * (1.0 / 3 + t2 * (1.0 / 5)));
  }

  private void userFeatures(
      int user,
      int creator,
      int[] tags,
      int nTags,
      int sound,
      int category,
      float[] out,
      @Nullable UserSnapshot snap) {
    out[Features.AFF_CREATOR] = tanh(affinity(snap, user, AffinityKind.CREATOR, creator));
    double bestTag = 0;
    for (int t = 0; t < nTags; t++) {
      double a = affinity(snap, user, AffinityKind.HASHTAG, tags[t]);
      if (Math.abs(a) > Math.abs(bestTag)) {
        bestTag = a;
      }
    }
    out[Features.AFF_HASHTAG] = tanh(bestTag);
    out[Features.AFF_SOUND] =
        sound < 0 ? 0f : tanh(affinity(snap, user, AffinityKind.SOUND, sound));
    out[Features.AFF_CATEGORY] =
        category < 0 ? 0f : tanh(affinity(snap, user, AffinityKind.CATEGORY, category));
    boolean follows = snap != null ? snap.follows(creator) : signals.follows(user, creator);
    out[Features.FOLLOWS] = follows ? 1f : 0f;
  }

  private double affinity(@Nullable UserSnapshot snap, int user, AffinityKind kind, int key) {
    return snap != null ? snap.affinity(kind, key) : signals.affinity(user, kind, key);
  }

  /**
   * The exact (Math.log) lift of a rate; a rate without events and trials (most of a big catalog)
   * takes the objective's precomputed lift and costs no log.
   */
  private float exactRate(Objective o, double events, double trials) {
    if (events == 0 && trials == 0) {
      return zeroLift[o.ordinal()];
    }
    return lift(events, trials, o.prior(), false);
  }

  private float lift(double events, double trials, float prior, boolean fast) {
    double rate = (Math.max(events, 0) + s * prior) / (Math.max(trials, 0) + s);
    if (!(rate > 0)) {
      return 0f;
    }
    double l = ln(rate / prior, fast) / 3;
    return (float) Math.max(-1, Math.min(1, l));
  }

  /**
   * The same value as {@link #cosine(float[], float[], int)}, with u's squared norm given. SIMD
   * through Lucene's {@code VectorUtil} (its summation order differs from a scalar loop's in the
   * last bits; serving and training both use this).
   */
  private static float cosine(float[] u, float nu, float[] v, int dim) {
    if (u.length != dim) {
      u = java.util.Arrays.copyOf(u, dim); // a caller's longer buffer: its first dim values
    }
    float dot = VectorUtil.dotProduct(u, v);
    float nv = VectorUtil.dotProduct(v, v);
    if (!(nu > 0f && nv > 0f)) {
      return 0f;
    }
    return dot / (float) Math.sqrt((double) nu * nv);
  }

  /** (float) tanh(a), without the call for the common a = 0 (keeping the sign of zero). */
  private static float tanh(double a) {
    return a == 0 ? (float) a : (float) Math.tanh(a);
  }

  private static float cosine(float[] u, float[] v, int dim) {
    float[] w = u.length == dim ? u : java.util.Arrays.copyOf(u, dim);
    return cosine(w, VectorUtil.dotProduct(w, w), v, dim);
  }
}
