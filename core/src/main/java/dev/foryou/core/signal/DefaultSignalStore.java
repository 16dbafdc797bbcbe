package dev.foryou.core.signal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.foryou.core.TimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.internal.TopK;
import dev.foryou.core.user.UserRegistry;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.apache.lucene.util.RamUsageEstimator;

/*
 * Design. Exponential decay in reference-epoch form (the "forward decay" of Cormode, Shkapenyuk,
 * Srivastava & Xu, "Forward Decay: A Practical Time Decay Model for Streaming Systems", ICDE
 * 2009): an event of weight w at time t adds w·2^((t − t0)/h) to a stored value relative to an
 * epoch t0, and a read at time now multiplies by 2^(−(now − t0)/h). Additions commute, so events
 * arriving out of order give the same value as in order, and a write is one exp and one add. When
 * an event is more than 64 half-lives past t0 the owner (one video, one user) is rebased: t0
 * moves to the event time and its values are scaled down, which keeps magnitudes below 2^64.
 * Per-video decayed values are floats (relative precision about 1e-7, ample for features, and
 * half the memory of doubles); exact totals are ints with a carry map for the rare overflow (so
 * they are exact longs at half the memory); user affinities are doubles, all kinds of one user in
 * one {@link AffinityTable}.
 *
 * Per-video state lives in pages of 1,024 videos of parallel primitive arrays (decayed values,
 * exact totals, epoch, co-engagement list with an epoch of its own), guarded by 4,096 striped
 * locks that are also the stripes' seqlock versions. Per-user state (one affinity table,
 * ring-buffer history, bounded seen-set, follows, ad counters) lives in a Caffeine cache with a
 * size bound and idle expiry, each guarded by its own spin lock. Locks are
 * never nested, so there is no lock ordering to get wrong. Co-engagement keeps the top K partners
 * per video with the Space-Saving rule (Metwally, Agrawal & El Abbadi, "Efficient Computation of
 * Frequent and Top-k Elements in Data Streams", ICDT 2005): a new partner replaces the weakest and
 * inherits its weight. A {@link WriteGate} (striped reader counts, one cache line per thread) is
 * entered shared by recorders and exclusively by snapshot, so a snapshot is a consistent cut and
 * concurrent recorders share no lock word.
 */
final class DefaultSignalStore implements SignalStore {
  static final int PAGE_BITS = 10;
  static final int PAGE = 1 << PAGE_BITS;
  static final int MASK = PAGE - 1;
  static final int NC = VideoCounter.values().length;
  static final long UNSET = Long.MIN_VALUE;
  private static final int STRIPES = 4096;
  private static final double LN2 = Math.log(2);
  private static final double REBASE_HALF_LIVES = 64;
  private static final int WATCH = VideoCounter.WATCH_SECONDS.ordinal();
  private static final int COMPLETES = VideoCounter.COMPLETES.ordinal();
  private static final long CACHE_ENTRY_BYTES = 64;

  final Catalog catalog;
  final UserRegistry users;
  final Settings settings;
  final TimeSource time;
  private final double[] rate = new double[NC];
  private final int[] rateGroup = new int[NC];
  private final double[] groupRate;
  final double affinityRate;
  final double coRate;
  private final long videoRebaseSpan;
  private final long userRebaseSpan;
  private final double[] weights;

  /** Per-thread scratch for an event's hashtag indexes (no allocation per event). */
  private static final ThreadLocal<int[]> TAG_SCRATCH = ThreadLocal.withInitial(() -> new int[16]);

  /** Per-thread scratch for an event's co-engagement partners. */
  private static final ThreadLocal<int[]> PARTNER_SCRATCH =
      ThreadLocal.withInitial(() -> new int[0]);

  private final int[] seq = new int[STRIPES];
  private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(int[].class);
  private final Object pagesLock = new Object();
  private volatile VideoPage[] pages = new VideoPage[16];
  final Cache<Integer, UserState> userStates;
  private static final int USER_PAGE_BITS = 12;
  private static final VarHandle USER_SLOT = MethodHandles.arrayElementVarHandle(UserState[].class);
  private final Object userPagesLock = new Object();
  private volatile UserState[][] userPages = new UserState[16][];
  private final long touchIntervalMs;
  private final long idleMs;
  final EventDedup dedup;
  final WriteGate gate = new WriteGate();

  DefaultSignalStore(Catalog catalog, UserRegistry users, Settings settings, TimeSource time) {
    this.catalog = catalog;
    this.users = users;
    this.settings = settings;
    this.time = Objects.requireNonNull(time, "timeSource");
    double minHl = settings.coEngagementHalfLifeMs();
    double[] groups = new double[NC];
    int nGroups = 0;
    for (int c = 0; c < NC; c++) {
      long hl = settings.halfLivesMs()[c];
      rate[c] = LN2 / hl;
      minHl = Math.min(minHl, hl);
      int g = 0;
      while (g < nGroups && groups[g] != rate[c]) {
        g++;
      }
      if (g == nGroups) {
        groups[nGroups++] = rate[c];
      }
      rateGroup[c] = g;
    }
    groupRate = java.util.Arrays.copyOf(groups, nGroups);
    affinityRate = LN2 / settings.affinityHalfLifeMs();
    coRate = LN2 / settings.coEngagementHalfLifeMs();
    videoRebaseSpan = (long) (REBASE_HALF_LIVES * minHl);
    userRebaseSpan = (long) (REBASE_HALF_LIVES * settings.affinityHalfLifeMs());
    weights = settings.affinityWeights().clone();
    userStates =
        Caffeine.newBuilder()
            .maximumSize(settings.maxActiveUsers())
            .expireAfterAccess(Duration.ofMillis(settings.userIdleTimeoutMs()))
            .ticker(() -> time.nowMillis() * 1_000_000L)
            .executor(Runnable::run)
            .evictionListener(
                (Integer user, UserState state, RemovalCause cause) -> clearSlot(user, state))
            .build();
    idleMs = settings.userIdleTimeoutMs();
    touchIntervalMs = Math.max(1, Math.min(1000, idleMs / 10));
    dedup = new EventDedup(settings.dedupWindow());
  }

  // ---------------------------------------------------------------- per-video pages

  /** Per-video state of 1,024 consecutive video indexes. */
  static final class VideoPage {
    final float[] ref = new float[PAGE * NC];
    final int[] total = new int[PAGE * NC];

    /** Per (offset * NC + counter): the part of a total beyond what the int held; rare. */
    final it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap carry =
        new it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap(0);

    final long[] epoch = new long[PAGE];
    final long[][] co = new long[PAGE][];

    VideoPage() {
      java.util.Arrays.fill(epoch, UNSET);
    }

    long ramBytes() {
      long b =
          RamUsageEstimator.sizeOf(ref)
              + RamUsageEstimator.sizeOf(total)
              + UserState.openMapBytes(carry.size(), Integer.BYTES + Long.BYTES)
              + RamUsageEstimator.sizeOf(epoch)
              + RamUsageEstimator.shallowSizeOf(co)
              + RamUsageEstimator.alignObjectSize(
                  RamUsageEstimator.NUM_BYTES_OBJECT_HEADER
                      + 4L * RamUsageEstimator.NUM_BYTES_OBJECT_REF);
      for (long[] l : co) {
        if (l != null) {
          b += RamUsageEstimator.sizeOf(l);
        }
      }
      return b;
    }
  }

  /*
   * A video's co-engaged partners: Space-Saving top K packed in one long[] per video. Slot 0 holds
   * the list's own epoch (its weights are relative to it, so updating a partner's list touches
   * only that list, not the partner's counters); each further slot holds one entry (partner << 32
   * | float bits of its weight), unused entries -1; grown by doubling from 2 up to K entries.
   */

  static int coSize(long[] l) {
    int n = 1;
    while (n < l.length && l[n] != -1L) {
      n++;
    }
    return n - 1;
  }

  static long coEntry(int id, float w) {
    return ((long) id << 32) | (Float.floatToRawIntBits(w) & 0xFFFFFFFFL);
  }

  static int coId(long entry) {
    return (int) (entry >>> 32);
  }

  static float coWeight(long entry) {
    return Float.intBitsToFloat((int) entry);
  }

  /** A fresh list with its epoch at t. */
  static long[] coNew(long epoch, int k) {
    long[] l = new long[1 + Math.min(2, k)];
    java.util.Arrays.fill(l, -1L);
    l[0] = epoch;
    return l;
  }

  /** Adds weight to a partner; returns the (possibly new) array. */
  static long[] coAdd(long[] l, int id, float weight, int k) {
    int n = 1;
    for (; n < l.length && l[n] != -1L; n++) {
      if (coId(l[n]) == id) {
        l[n] = coEntry(id, coWeight(l[n]) + weight);
        return l;
      }
    }
    if (n == l.length && n - 1 < k) {
      int old = l.length;
      l = java.util.Arrays.copyOf(l, 1 + Math.min(k, (old - 1) * 2));
      java.util.Arrays.fill(l, old, l.length, -1L);
    }
    if (n < l.length) {
      l[n] = coEntry(id, weight);
      return l;
    }
    int min = 1;
    for (int i = 2; i < n; i++) {
      if (coWeight(l[i]) < coWeight(l[min])) {
        min = i;
      }
    }
    l[min] = coEntry(id, coWeight(l[min]) + weight);
    return l;
  }

  /**
   * Under the video's stripe: the video's list made usable at time t (created, or rebased when t is
   * more than 64 half-lives past its epoch), stored back into the page.
   */
  private long[] coFor(VideoPage p, int o, long t) {
    long[] l = p.co[o];
    if (l == null) {
      l = coNew(t, settings.coEngagedPerVideo());
      p.co[o] = l;
    } else if (t - l[0] > videoRebaseSpan) {
      float f = (float) Math.exp(-(t - l[0]) * coRate);
      for (int i = 1; i < l.length && l[i] != -1L; i++) {
        l[i] = coEntry(coId(l[i]), coWeight(l[i]) * f);
      }
      l[0] = t;
    }
    return l;
  }

  VideoPage pageOrNull(int video) {
    return pageIn(pages, video);
  }

  /** The page of a video in a (read once) page table, or null. */
  private static VideoPage pageIn(VideoPage[] pages, int video) {
    int i = video >>> PAGE_BITS;
    return i < pages.length ? pages[i] : null;
  }

  VideoPage pageForWrite(int video) {
    VideoPage page = pageOrNull(video);
    if (page != null) {
      return page;
    }
    synchronized (pagesLock) {
      VideoPage[] p = pages;
      int i = video >>> PAGE_BITS;
      if (i >= p.length) {
        p = java.util.Arrays.copyOf(p, Math.max(i + 1, p.length * 2));
      }
      if (p[i] == null) {
        p[i] = new VideoPage();
      }
      pages = p;
      return p[i];
    }
  }

  /*
   * Each stripe's lock is its seqlock version (Lamport, "Concurrent reading and writing", CACM
   * 1977): even = free, odd = held. A writer takes it with one CAS (even v -> v + 1) and releases
   * it with a plain release store (v + 2), so a critical section costs one atomic instead of the
   * two of a monitor (enter and exit are both CAS under lightweight locking), and the lock word is
   * the version that lock-free readers of (epoch, ref) check: they retry, or take the lock, if the
   * version was odd or changed while they read. Sections are short and never nest, so a waiter
   * spins briefly, then yields.
   */

  /** Takes the video's stripe lock; returns the (odd) version to pass to {@link #unlockStripe}. */
  int lockStripe(int video) {
    int si = video & (STRIPES - 1);
    int v = (int) SEQ.getOpaque(seq, si);
    if ((v & 1) != 0 || !SEQ.compareAndSet(seq, si, v, v + 1)) {
      v = lockStripeSlow(si);
    }
    VarHandle.storeStoreFence(); // the odd version is visible before any write it guards
    return v + 1;
  }

  private int lockStripeSlow(int si) {
    for (int spins = 0; ; spins++) {
      int v = (int) SEQ.getVolatile(seq, si);
      if ((v & 1) == 0 && SEQ.compareAndSet(seq, si, v, v + 1)) {
        return v;
      }
      if (spins < 100) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  void unlockStripe(int video, int version) {
    SEQ.setRelease(seq, video & (STRIPES - 1), version + 1);
  }

  /** Under the video's stripe: makes t usable against the video's epoch, returns the epoch. */
  private long epochFor(VideoPage p, int o, long t) {
    long e = p.epoch[o];
    if (e == UNSET) {
      p.epoch[o] = t;
      return t;
    }
    if (t - e > videoRebaseSpan) {
      double[] factor = new double[groupRate.length];
      for (int g = 0; g < factor.length; g++) {
        factor[g] = Math.exp(-(t - e) * groupRate[g]);
      }
      int base = o * NC;
      for (int c = 0; c < NC; c++) {
        p.ref[base + c] *= factor[rateGroup[c]];
      }
      p.epoch[o] = t;
      return t;
    }
    return e;
  }

  // ---------------------------------------------------------------- ingestion

  @Override
  public boolean record(Interaction event) {
    Objects.requireNonNull(event, "event");
    long duration = validate(event, time.nowMillis());
    int gateToken = gate.enter();
    try {
      if (event.eventId() != Interaction.NO_ID && !dedup.add(event.eventId())) {
        return false;
      }
      apply(event, duration, time.nowMillis());
      return true;
    } finally {
      gate.exit(gateToken);
    }
  }

  @Override
  public int recordAll(Collection<Interaction> events) {
    Objects.requireNonNull(events, "events");
    Interaction[] batch = events.toArray(new Interaction[0]);
    long[] durations = new long[batch.length];
    long now = time.nowMillis();
    for (int i = 0; i < batch.length; i++) {
      if (batch[i] == null) {
        throw new IllegalArgumentException("events[" + i + "] is null");
      }
      try {
        durations[i] = validate(batch[i], now);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("events[" + i + "]: " + e.getMessage(), e);
      }
    }
    int applied = 0;
    int gateToken = gate.enter();
    try {
      for (int i = 0; i < batch.length; i++) {
        if ((i & (TOUCH_CHUNK - 1)) == 0
            && touchBatch(batch, i, Math.min(batch.length, i + TOUCH_CHUNK)) == (int) TOUCH_NEVER) {
          Thread.onSpinWait(); // keeps the loads alive; the value never matters
        }
        Interaction e = batch[i];
        if (e.eventId() != Interaction.NO_ID && !dedup.add(e.eventId())) {
          continue;
        }
        apply(e, durations[i], now);
        applied++;
      }
    } finally {
      gate.exit(gateToken);
    }
    return applied;
  }

  /** Events of a batch whose first lines {@link #touchBatch} loads at once. */
  private static final int TOUCH_CHUNK = 32;

  /**
   * Loads the first lines of the next events' state (the user's state object, the video's epoch and
   * counters) with a few instructions per event, so that their cache misses are in flight together
   * instead of each event's waiting behind the previous event's work; the events are then applied
   * one by one as before. Plain reads: the values are never used.
   */
  private int touchBatch(Interaction[] batch, int from, int to) {
    VideoPage[] pg = pages;
    int x = 0;
    for (int i = from; i < to; i++) {
      Interaction e = batch[i];
      UserState us = slot(e.user());
      if (us != null) {
        x ^= (int) us.epoch;
      }
      VideoPage p = e.type().isAd() ? null : pageIn(pg, e.item());
      if (p != null) {
        int o = e.item() & MASK;
        x ^= (int) p.epoch[o] ^ p.total[o * NC] ^ Float.floatToRawIntBits(p.ref[o * NC]);
      }
    }
    return x;
  }

  /** Checks an event against the registry, catalog and clock; returns the video's duration. */
  private long validate(Interaction e, long now) {
    if (!users.contains(e.user())) {
      throw new IllegalArgumentException("unknown user " + e.user() + " in " + e);
    }
    if (e.timestampMillis() > now + settings.futureToleranceMs()) {
      throw new IllegalArgumentException(
          "timestampMillis "
              + e.timestampMillis()
              + " is more than "
              + settings.futureToleranceMs()
              + " ms after now ("
              + now
              + ") in "
              + e);
    }
    if (e.type().isAd()) {
      return 0;
    }
    if (!catalog.isLive(e.item())) {
      throw new IllegalArgumentException("unknown or removed video " + e.item() + " in " + e);
    }
    try {
      return catalog.durationMs(e.item());
    } catch (IllegalArgumentException removedMeanwhile) {
      throw new IllegalArgumentException("unknown or removed video " + e.item() + " in " + e);
    }
  }

  private void apply(Interaction e, long durationMs, long now) {
    long t = e.timestampMillis();
    EventType type = e.type();
    if (type.isAd()) {
      UserState us = userForWrite(e.user(), now);
      us.lock();
      try {
        us.lastAccess = Math.max(us.lastAccess, now);
        if (type == EventType.AD_CLICK) {
          us.adClicks++;
        } else {
          us.adImpressions++;
        }
      } finally {
        us.unlock();
      }
      return;
    }
    int video = e.item();
    // Plain loads of the user's and the video's state first (no lock yet; the values are re-read
    // under the locks): their cache misses then overlap with the catalog reads below instead of
    // each waiting behind a lock acquisition.
    UserState us = userForWrite(e.user(), now);
    VideoPage p = pageForWrite(video);
    int o = video & MASK;
    long touch = p.epoch[o] ^ p.total[o * NC] ^ Float.floatToRawIntBits(p.ref[o * NC]);
    boolean complete = type == EventType.VIEW && e.watchMs() >= durationMs;
    double ratio = type == EventType.VIEW ? Math.min(1.0, e.watchMs() / (double) durationMs) : 0;
    double w = weights[type.ordinal()];
    if (type == EventType.VIEW) {
      w = w * ratio + (complete ? 0.5 * weights[type.ordinal()] : 0);
    }
    // read the video's metadata before changing anything (a concurrent removal leaves it intact);
    // hashtags, sound and category only when the event moves affinities (not for impressions)
    int creator;
    int[] tags = null;
    int nTags = 0;
    int sound = -1;
    int category = -1;
    try {
      creator = catalog.creator(video);
      if (w != 0) {
        tags = TAG_SCRATCH.get();
        nTags = catalog.hashtags(video, tags);
        if (nTags > tags.length) {
          tags = new int[nTags];
          TAG_SCRATCH.set(tags);
          nTags = catalog.hashtags(video, tags);
        }
        sound = catalog.sound(video);
        category = catalog.category(video);
      }
    } catch (IllegalArgumentException removed) {
      creator = -1;
    }

    boolean positive =
        switch (type) {
          case VIEW -> ratio >= 0.5;
          case LIKE, SHARE, COMMENT, FOLLOW, GIFT -> true;
          default -> false;
        };
    boolean toHistory = positive || type == EventType.VIEW;
    int[] partners = null;
    int nPartners = 0;
    // the user first: its history gives the co-engagement partners, so the video's counters and
    // its own co-engagement list are then updated under one stripe lock
    us.lock();
    try {
      us.lastAccess = Math.max(us.lastAccess, now);
      us.seen(video, settings.seenSetSize());
      if (creator >= 0) {
        if (us.epoch == UNSET) {
          us.epoch = t;
        } else if (t - us.epoch > userRebaseSpan) {
          us.rebase(t, affinityRate);
        }
        if (w != 0) {
          double ref = w * Math.exp((t - us.epoch) * affinityRate);
          int max = settings.maxAffinityKeys();
          us.addAffinity(AffinityKind.CREATOR, creator, ref, max);
          for (int i = 0; i < nTags; i++) {
            us.addAffinity(AffinityKind.HASHTAG, tags[i], ref, max);
          }
          if (sound >= 0) {
            us.addAffinity(AffinityKind.SOUND, sound, ref, max);
          }
          if (category >= 0) {
            us.addAffinity(AffinityKind.CATEGORY, category, ref, max);
          }
        }
        if (type == EventType.FOLLOW) {
          us.follow(creator);
        }
      }
      if (toHistory) {
        if (positive && settings.coEngagementPairs() > 0) {
          partners = PARTNER_SCRATCH.get();
          if (partners.length != settings.coEngagementPairs()) {
            partners = new int[settings.coEngagementPairs()];
            PARTNER_SCRATCH.set(partners);
          }
          nPartners = us.partners(video, t, settings.coEngagementWindowMs(), partners);
          touch ^= touchCo(partners, nPartners);
        }
        us.addHistory(video, t, settings.historySize());
      }
    } finally {
      us.unlock();
    }

    int version = lockStripe(video); // lock-free readers of (epoch, ref) retry meanwhile
    try {
      long dt = t - epochFor(p, o, t);
      int base = o * NC;
      int c = counterOf(type);
      double f = Math.exp(dt * rate[c]);
      switch (type) {
        case VIEW -> {
          add(p, base, c, f, 1);
          double fw = rateGroup[WATCH] == rateGroup[c] ? f : Math.exp(dt * rate[WATCH]);
          add(p, base, WATCH, fw * (e.watchMs() / 1000.0), e.watchMs());
          if (complete) {
            double fc = rateGroup[COMPLETES] == rateGroup[c] ? f : Math.exp(dt * rate[COMPLETES]);
            add(p, base, COMPLETES, fc, 1);
          }
        }
        case GIFT -> add(p, base, c, f * e.coins(), e.coins());
        case IMPRESSION, LIKE, SHARE, COMMENT, FOLLOW, SKIP, NOT_INTERESTED ->
            add(p, base, c, f, 1);
        default -> throw new AssertionError(type);
      }
      if (nPartners > 0) { // the video's own co-engagement list, under the same lock
        long[] l = coFor(p, o, t);
        float cw = (float) Math.exp((t - l[0]) * coRate);
        int k = settings.coEngagedPerVideo();
        for (int i = 0; i < nPartners; i++) {
          l = coAdd(l, partners[i], cw, k);
        }
        p.co[o] = l;
      }
    } finally {
      unlockStripe(video, version);
    }
    if (touch == TOUCH_NEVER) {
      Thread.onSpinWait(); // keeps the early loads alive; the value never matters
    }
    for (int i = 0; i < nPartners; i++) {
      addCo(partners[i], video, t);
    }
  }

  /** The counter an event type counts (for a view: the view count). */
  private static int counterOf(EventType type) {
    return switch (type) {
      case IMPRESSION -> VideoCounter.IMPRESSIONS.ordinal();
      case VIEW -> VideoCounter.VIEWS.ordinal();
      case LIKE -> VideoCounter.LIKES.ordinal();
      case SHARE -> VideoCounter.SHARES.ordinal();
      case COMMENT -> VideoCounter.COMMENTS.ordinal();
      case FOLLOW -> VideoCounter.FOLLOWS.ordinal();
      case SKIP -> VideoCounter.SKIPS.ordinal();
      case NOT_INTERESTED -> VideoCounter.NOT_INTERESTED.ordinal();
      case GIFT -> VideoCounter.GIFT_COINS.ordinal();
      default -> throw new AssertionError(type);
    };
  }

  /** Under the stripe: adds a value already scaled to the video's epoch, and the exact amount. */
  private static void add(VideoPage p, int base, int c, double scaled, long exact) {
    p.ref[base + c] += (float) scaled;
    long sum = p.total[base + c] + exact;
    if (sum > Integer.MAX_VALUE) {
      synchronized (p.carry) {
        p.carry.addTo(base + c, sum);
      }
      sum = 0;
    }
    p.total[base + c] = (int) sum;
  }

  private static final long TOUCH_NEVER = 0x5DEECE66DL;

  /**
   * Loads the first line of each partner's co-engagement list without a lock (the value is not
   * used, only brought into cache), so the misses of all partners overlap instead of following one
   * another behind each stripe lock.
   */
  private long touchCo(int[] partners, int n) {
    long x = 0;
    for (int i = 0; i < n; i++) {
      VideoPage pp = pageOrNull(partners[i]);
      if (pp != null) {
        long[] l = pp.co[partners[i] & MASK];
        if (l != null) {
          x ^= l[0];
        }
      }
    }
    return x;
  }

  private void addCo(int video, int partner, long t) {
    VideoPage p = pageForWrite(video);
    int o = video & MASK;
    int lockV = lockStripe(video);
    try {
      long[] l = coFor(p, o, t);
      float w = (float) Math.exp((t - l[0]) * coRate);
      p.co[o] = coAdd(l, partner, w, settings.coEngagedPerVideo());
    } finally {
      unlockStripe(video, lockV);
    }
  }

  // ---------------------------------------------------------------- video reads

  private void checkVideo(int video) {
    if (video < 0 || video >= catalog.indexBound()) {
      throw new IllegalArgumentException(
          "unknown video " + video + " (index bound " + catalog.indexBound() + ")");
    }
  }

  @Override
  public double count(int video, VideoCounter counter) {
    Objects.requireNonNull(counter, "counter");
    checkVideo(video);
    VideoPage p = pageOrNull(video);
    if (p == null) {
      return 0;
    }
    long now = time.nowMillis();
    int o = video & MASK;
    int lockV = lockStripe(video);
    try {
      long e = p.epoch[o];
      if (e == UNSET) {
        return 0;
      }
      int c = counter.ordinal();
      return p.ref[o * NC + c] * Math.exp((e - now) * rate[c]);
    } finally {
      unlockStripe(video, lockV);
    }
  }

  @Override
  public void counts(int video, double[] out) {
    Objects.requireNonNull(out, "out");
    checkVideo(video);
    if (out.length < NC) {
      throw new IllegalArgumentException("out has length " + out.length + ", needs " + NC);
    }
    readCounts(video, time.nowMillis(), out, 0);
  }

  @Override
  public void counts(int[] videos, int n, double[] out) {
    Objects.requireNonNull(videos, "videos");
    Objects.requireNonNull(out, "out");
    if (n < 0 || n > videos.length) {
      throw new IllegalArgumentException("n must be in [0, " + videos.length + "]: " + n);
    }
    if (out.length < (long) n * NC) {
      throw new IllegalArgumentException("out has length " + out.length + ", needs " + n * NC);
    }
    int bound = catalog.indexBound();
    for (int i = 0; i < n; i++) {
      if (videos[i] < 0 || videos[i] >= bound) {
        throw new IllegalArgumentException(
            "unknown video " + videos[i] + " at " + i + " (index bound " + bound + ")");
      }
    }
    long now = time.nowMillis();
    if (touch(videos, n) == (int) TOUCH_NEVER) {
      Thread.onSpinWait(); // keeps the loads alive; the value never matters
    }
    for (int i = 0; i < n; i++) {
      readCounts(videos[i], now, out, i * NC);
    }
  }

  /**
   * Loads every video's epoch and both ends of its counters (40 bytes, often across two lines) with
   * a few instructions per video, so that the cache misses of all of them are in flight at once;
   * the reads that follow (an exponential each) then find their lines in cache instead of waiting
   * on one video's misses after another's.
   */
  private int touch(int[] videos, int n) {
    VideoPage[] pg = pages;
    int x = 0;
    for (int i = 0; i < n; i++) {
      VideoPage p = pageIn(pg, videos[i]);
      if (p != null) {
        int o = videos[i] & MASK;
        x ^=
            (int) p.epoch[o]
                ^ Float.floatToRawIntBits(p.ref[o * NC])
                ^ Float.floatToRawIntBits(p.ref[o * NC + NC - 1]);
      }
    }
    return x;
  }

  /** Writes one video's decayed counters at now into out[at, at + NC); lock-free when quiet. */
  private void readCounts(int video, long now, double[] out, int at) {
    VideoPage p = pageOrNull(video);
    if (p == null) {
      java.util.Arrays.fill(out, at, at + NC, 0.0);
      return;
    }
    int o = video & MASK;
    int si = video & (STRIPES - 1);
    int base = o * NC;
    int v1 = (int) SEQ.getAcquire(seq, si);
    if ((v1 & 1) == 0) {
      long e = p.epoch[o];
      if (e == UNSET) {
        VarHandle.loadLoadFence();
        if ((int) SEQ.getOpaque(seq, si) == v1) {
          java.util.Arrays.fill(out, at, at + NC, 0.0);
          return;
        }
      } else {
        decay(p, base, e, now, out, at);
        VarHandle.loadLoadFence();
        if ((int) SEQ.getOpaque(seq, si) == v1) {
          return;
        }
      }
    }
    int lockV = lockStripe(video); // a writer was busy: read under its lock
    try {
      long e = p.epoch[o];
      if (e == UNSET) {
        java.util.Arrays.fill(out, at, at + NC, 0.0);
        return;
      }
      decay(p, base, e, now, out, at);
    } finally {
      unlockStripe(video, lockV);
    }
  }

  private void decay(VideoPage p, int base, long e, long now, double[] out, int at) {
    if (groupRate.length == 1) {
      double f = Math.exp((e - now) * groupRate[0]);
      for (int c = 0; c < NC; c++) {
        out[at + c] = p.ref[base + c] * f;
      }
      return;
    }
    for (int c = 0; c < NC; c++) {
      out[at + c] = p.ref[base + c] * Math.exp((e - now) * groupRate[rateGroup[c]]);
    }
  }

  @Override
  public long total(int video, VideoCounter counter) {
    Objects.requireNonNull(counter, "counter");
    checkVideo(video);
    VideoPage p = pageOrNull(video);
    if (p == null) {
      return 0;
    }
    int c = counter.ordinal();
    long v;
    int lockV = lockStripe(video);
    try {
      v = totalOf(p, (video & MASK) * NC + c);
    } finally {
      unlockStripe(video, lockV);
    }
    return c == WATCH ? v / 1000 : v;
  }

  @Override
  public int coEngaged(int video, int k, int[] outVideos, float[] outWeights) {
    checkVideo(video);
    Objects.requireNonNull(outVideos, "outVideos");
    Objects.requireNonNull(outWeights, "outWeights");
    checkK(k, outVideos.length, outWeights.length);
    VideoPage p = pageOrNull(video);
    if (p == null) {
      return 0;
    }
    int o = video & MASK;
    int[] ids;
    float[] ws;
    int n;
    long e;
    int lockV = lockStripe(video);
    try {
      long[] l = p.co[o];
      if (l == null) {
        return 0;
      }
      n = coSize(l);
      ids = new int[n];
      ws = new float[n];
      for (int i = 0; i < n; i++) {
        ids[i] = coId(l[1 + i]);
        ws[i] = coWeight(l[1 + i]);
      }
      e = l[0];
    } finally {
      unlockStripe(video, lockV);
    }
    float f = (float) Math.exp((e - time.nowMillis()) * coRate);
    TopK top = new TopK(k);
    for (int i = 0; i < n; i++) {
      top.offer(ids[i], ws[i]);
    }
    int[] keys = new int[k];
    double[] vals = new double[k];
    int m = top.drainDescending(keys, vals);
    for (int i = 0; i < m; i++) {
      outVideos[i] = keys[i];
      outWeights[i] = (float) (vals[i] * f);
    }
    return m;
  }

  private static void checkK(int k, int len1, int len2) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    if (len1 < k || len2 < k) {
      throw new IllegalArgumentException(
          "output arrays shorter than k=" + k + ": " + len1 + ", " + len2);
    }
  }

  // ---------------------------------------------------------------- user reads

  /*
   * Users: Caffeine owns the policy (size bound, idle expiry, eviction); a dense array of user
   * slots is the hot-path lookup (no hashing, no boxing). A slot is cleared by Caffeine's eviction
   * listener; the Caffeine entry's recency is refreshed at most every touchIntervalMs per user, so
   * idle expiry is precise to within that interval (at most 1 s).
   */

  private UserState slot(int user) {
    UserState[][] pages = userPages;
    int p = user >>> USER_PAGE_BITS;
    if (p >= pages.length || pages[p] == null) {
      return null;
    }
    return (UserState) USER_SLOT.getAcquire(pages[p], user & ((1 << USER_PAGE_BITS) - 1));
  }

  void setSlot(int user, UserState state) {
    int p = user >>> USER_PAGE_BITS;
    UserState[][] pages = userPages;
    if (p >= pages.length || pages[p] == null) {
      synchronized (userPagesLock) {
        pages = userPages;
        if (p >= pages.length) {
          pages = java.util.Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        }
        if (pages[p] == null) {
          pages[p] = new UserState[1 << USER_PAGE_BITS];
        }
        userPages = pages;
      }
    }
    USER_SLOT.setRelease(pages[p], user & ((1 << USER_PAGE_BITS) - 1), state);
  }

  private void clearSlot(Integer user, UserState state) {
    if (user == null) {
      return;
    }
    UserState[][] pages = userPages;
    int p = user >>> USER_PAGE_BITS;
    if (p < pages.length && pages[p] != null) {
      USER_SLOT.compareAndSet(pages[p], user & ((1 << USER_PAGE_BITS) - 1), state, null);
    }
  }

  private UserState userForWrite(int user, long now) {
    UserState us = slot(user);
    if (us != null && now - us.lastAccess <= idleMs) {
      if (now - us.lastTouch < touchIntervalMs) {
        return us;
      }
      us.lastTouch = now;
      if (userStates.getIfPresent(user) == us) {
        return us;
      }
    }
    us = userStates.get(user, k -> new UserState());
    us.lastTouch = now;
    setSlot(user, us);
    return us;
  }

  private UserState userOrNull(int user) {
    if (!users.contains(user)) {
      throw new IllegalArgumentException(
          "unknown user " + user + " (registered " + users.size() + ")");
    }
    UserState us = slot(user);
    if (us == null) {
      return null;
    }
    long now = time.nowMillis();
    if (now - us.lastAccess > idleMs) {
      return null;
    }
    us.lastAccess = Math.max(us.lastAccess, now);
    if (now - us.lastTouch >= touchIntervalMs) {
      us.lastTouch = now;
      userStates.getIfPresent(user);
    }
    return us;
  }

  @Override
  public double affinity(int user, AffinityKind kind, int key) {
    Objects.requireNonNull(kind, "kind");
    UserState us = userOrNull(user);
    if (us == null) {
      return 0;
    }
    long now = time.nowMillis();
    us.lock();
    try {
      AffinityTable m = us;
      if (m.isEmpty() || us.epoch == UNSET) {
        return 0;
      }
      return m.get(kind.ordinal(), key) * Math.exp((us.epoch - now) * affinityRate);
    } finally {
      us.unlock();
    }
  }

  @Override
  public int topAffinities(int user, AffinityKind kind, int k, int[] outKeys, double[] outScores) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outKeys, "outKeys");
    Objects.requireNonNull(outScores, "outScores");
    checkK(k, outKeys.length, outScores.length);
    UserState us = userOrNull(user);
    if (us == null) {
      return 0;
    }
    long now = time.nowMillis();
    TopK top = new TopK(k);
    double f;
    us.lock();
    try {
      AffinityTable m = us;
      if (m.size(kind.ordinal()) == 0) {
        return 0;
      }
      f = Math.exp((us.epoch - now) * affinityRate);
      m.offerPositive(kind.ordinal(), top);
    } finally {
      us.unlock();
    }
    int n = top.drainDescending(outKeys, outScores);
    for (int i = 0; i < n; i++) {
      outScores[i] *= f;
    }
    return n;
  }

  @Override
  public int affinities(int user, AffinityKind kind, int[] outKeys, double[] outScores) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outKeys, "outKeys");
    Objects.requireNonNull(outScores, "outScores");
    UserState us = userOrNull(user);
    if (us == null) {
      return 0;
    }
    long now = time.nowMillis();
    int cap = Math.min(outKeys.length, outScores.length);
    us.lock();
    try {
      AffinityTable m = us;
      if (m.isEmpty() || us.epoch == UNSET) {
        return 0;
      }
      double f = Math.exp((us.epoch - now) * affinityRate);
      return m.copy(kind.ordinal(), f, outKeys, outScores, cap);
    } finally {
      us.unlock();
    }
  }

  @Override
  public int recentHistory(int user, int[] out) {
    Objects.requireNonNull(out, "out");
    UserState us = userOrNull(user);
    if (us == null) {
      return 0;
    }
    us.lock();
    try {
      return us.history(out);
    } finally {
      us.unlock();
    }
  }

  @Override
  public boolean hasSeen(int user, int video) {
    checkVideo(video);
    UserState us = userOrNull(user);
    return us != null && us.hasSeenShared(video);
  }

  @Override
  public IntPredicate seenSet(int user) {
    UserState us = userOrNull(user);
    if (us == null) {
      return video -> {
        checkVideo(video);
        return false;
      };
    }
    return video -> {
      checkVideo(video);
      return us.hasSeenShared(video);
    };
  }

  @Override
  public boolean follows(int user, int creator) {
    if (creator < 0) {
      throw new IllegalArgumentException("creator must be >= 0: " + creator);
    }
    UserState us = userOrNull(user);
    if (us == null) {
      return false;
    }
    us.lock();
    try {
      return us.follows != null && us.follows.contains(creator);
    } finally {
      us.unlock();
    }
  }

  @Override
  public int followedCreators(int user, int[] out) {
    Objects.requireNonNull(out, "out");
    UserState us = userOrNull(user);
    if (us == null) {
      return 0;
    }
    int[] all;
    us.lock();
    try {
      if (us.follows == null) {
        return 0;
      }
      all = us.follows.toIntArray();
    } finally {
      us.unlock();
    }
    java.util.Arrays.sort(all);
    int n = Math.min(all.length, out.length);
    System.arraycopy(all, 0, out, 0, n);
    return n;
  }

  @Override
  public long adImpressions(int user) {
    UserState us = userOrNull(user);
    if (us == null) {
      return 0;
    }
    us.lock();
    try {
      return us.adImpressions;
    } finally {
      us.unlock();
    }
  }

  @Override
  public long adClicks(int user) {
    UserState us = userOrNull(user);
    if (us == null) {
      return 0;
    }
    us.lock();
    try {
      return us.adClicks;
    } finally {
      us.unlock();
    }
  }

  @Override
  public boolean isActive(int user) {
    return userOrNull(user) != null;
  }

  // ---------------------------------------------------------------- memory, snapshot

  @Override
  public MemoryReport memoryReport() {
    userStates.cleanUp();
    long videoBytes = RamUsageEstimator.shallowSizeOf(pages);
    for (VideoPage p : pages) {
      if (p != null) {
        synchronized (pagesLock) {
          videoBytes += p.ramBytes();
        }
      }
    }
    videoBytes += RamUsageEstimator.sizeOf(seq);
    long userBytes = 0;
    int active = 0;
    for (UserState us : userStates.asMap().values()) {
      us.lock();
      try {
        userBytes += us.ramBytes() + CACHE_ENTRY_BYTES;
      } finally {
        us.unlock();
      }
      active++;
    }
    for (UserState[] page : userPages) {
      if (page != null) {
        userBytes += RamUsageEstimator.shallowSizeOf(page);
      }
    }
    userBytes += dedup.ramBytes();
    return new MemoryReport(catalog.size(), active, catalog.ramBytesUsed(), videoBytes, userBytes);
  }

  @Override
  public void snapshot(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    gate.exclusively(() -> Snapshots.write(this, dir));
  }

  VideoPage[] pages() {
    return pages;
  }

  /** Restores per-video state into a fresh store (used by {@link Snapshots}). */
  /** Under the video's stripe: the exact total of one (offset, counter) slot. */
  static long totalOf(VideoPage p, int slot) {
    long v = p.total[slot];
    if (!p.carry.isEmpty()) {
      synchronized (p.carry) {
        v += p.carry.get(slot);
      }
    }
    return v;
  }

  void restoreVideo(
      int video, long epoch, float[] ref, long[] total, long coEpoch, int[] coIds, float[] coW) {
    VideoPage p = pageForWrite(video);
    int o = video & MASK;
    p.epoch[o] = epoch;
    System.arraycopy(ref, 0, p.ref, o * NC, NC);
    for (int c = 0; c < NC; c++) {
      long hi = total[c] / Integer.MAX_VALUE * Integer.MAX_VALUE;
      p.total[o * NC + c] = (int) (total[c] - hi);
      if (hi > 0) {
        p.carry.put(o * NC + c, hi);
      }
    }
    if (coIds.length > 0) {
      long[] l = new long[1 + coIds.length];
      l[0] = coEpoch;
      for (int i = 0; i < coIds.length; i++) {
        l[1 + i] = coEntry(coIds[i], coW[i]);
      }
      p.co[o] = l;
    }
  }
}
