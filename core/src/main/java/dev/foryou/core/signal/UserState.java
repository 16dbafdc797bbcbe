package dev.foryou.core.signal;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * One active user's state: affinities (reference-epoch form, see {@link DefaultSignalStore}),
 * ring-buffer history, bounded seen-set, follows and ad counters. Guarded by its own lock ({@link
 * #lock}, {@link #unlock}); arrays are allocated lazily and grow up to their bounds.
 */
final class UserState extends AffinityTable {
  private static final VarHandle LOCK;
  private static final VarHandle SEEN_SEQ;

  static {
    try {
      LOCK = MethodHandles.lookup().findVarHandle(UserState.class, "lockWord", int.class);
      SEEN_SEQ = MethodHandles.lookup().findVarHandle(UserState.class, "seenSeq", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The seen-set's sequence number (a seqlock): odd while {@link #seen} changes the set, so {@link
   * #hasSeenShared} can read it without the lock and retry under it when a writer interfered.
   */
  @SuppressWarnings("unused")
  private int seenSeq;

  /**
   * 0 free, 1 held. A spin lock rather than the object's monitor: taking it is one CAS and
   * releasing it a plain release store (a monitor costs a CAS on both sides); sections are short,
   * never nest and never block.
   */
  @SuppressWarnings("unused")
  private int lockWord;

  long epoch = DefaultSignalStore.UNSET;

  /**
   * The history ring in one array: entry i is [2i] = its time, [2i + 1] = its video, so the latest
   * entries (all that co-engagement pairing reads) share a cache line.
   */
  long[] hist;

  int histHead;
  int histSize;

  /**
   * The seen-set in one array: [0, seenCap) an open-addressing table (linear probing) of video + 1,
   * 0 meaning empty, load at most 1/2; [seenCap, length) the FIFO ring of videos in arrival order.
   * One array instead of a set object, its table and a ring: fewer cache lines per event.
   */
  int[] seen;

  int seenCap;
  int seenHead;
  int seenSize;
  IntOpenHashSet follows;
  long adImpressions;
  long adClicks;
  long lastAccess = Long.MIN_VALUE / 2;
  long lastTouch = Long.MIN_VALUE / 2;

  void lock() {
    if (!LOCK.compareAndSet(this, 0, 1)) {
      lockSlow();
    }
  }

  private void lockSlow() {
    for (int spins = 0; ; spins++) {
      if ((int) LOCK.getVolatile(this) == 0 && LOCK.compareAndSet(this, 0, 1)) {
        return;
      }
      if (spins < 100) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  void unlock() {
    LOCK.setRelease(this, 0);
  }

  void rebase(long newEpoch, double rate) {
    scale(Math.exp(-(newEpoch - epoch) * rate));
    epoch = newEpoch;
  }

  void addAffinity(AffinityKind kind, int key, double ref, int max) {
    addTo(kind.ordinal(), key, ref, max);
  }

  void follow(int creator) {
    if (follows == null) {
      follows = new IntOpenHashSet(4);
    }
    follows.add(creator);
  }

  boolean hasSeen(int video) {
    int[] a = seen;
    if (a == null) {
      return false;
    }
    int key = video + 1;
    int mask = seenCap - 1;
    for (int i = HashCommon.mix(key) & mask; a[i] != 0; i = (i + 1) & mask) {
      if (a[i] == key) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #hasSeen} without holding the lock: an optimistic read validated by the seen-set's
   * sequence number, falling back to the lock when a writer was busy.
   */
  boolean hasSeenShared(int video) {
    int v1 = (int) SEEN_SEQ.getAcquire(this);
    if ((v1 & 1) == 0) {
      int[] a = seen;
      int cap = seenCap;
      boolean found = false;
      boolean consistent = true;
      if (a != null) {
        // a racing resize may pair one array with the other's capacity: stay in bounds, the
        // sequence check below rejects the answer
        if (cap < 2 || cap > a.length || (cap & (cap - 1)) != 0) {
          consistent = false;
        } else {
          int key = video + 1;
          int mask = cap - 1;
          for (int i = HashCommon.mix(key) & mask, n = 0; n < cap && a[i] != 0; n++) {
            if (a[i] == key) {
              found = true;
              break;
            }
            i = (i + 1) & mask;
          }
        }
      }
      VarHandle.loadLoadFence();
      if (consistent && (int) SEEN_SEQ.getOpaque(this) == v1) {
        return found;
      }
    }
    lock();
    try {
      return hasSeen(video);
    } finally {
      unlock();
    }
  }

  private static int tableCap(int n) {
    return Integer.highestOneBit(Math.max(2, 2 * n - 1)) << 1;
  }

  /** Inserts a key known to be absent. */
  private static void insert(int[] a, int cap, int key) {
    int mask = cap - 1;
    int i = HashCommon.mix(key) & mask;
    while (a[i] != 0) {
      i = (i + 1) & mask;
    }
    a[i] = key;
  }

  /** Removes a key by backward-shift deletion (Knuth, TAOCP vol. 3, 6.4, algorithm R). */
  private static void remove(int[] a, int cap, int key) {
    int mask = cap - 1;
    int i = HashCommon.mix(key) & mask;
    while (a[i] != key) {
      if (a[i] == 0) {
        return;
      }
      i = (i + 1) & mask;
    }
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      int k = a[j];
      if (k == 0) {
        break;
      }
      int h = HashCommon.mix(k) & mask;
      if (i <= j ? (i < h && h <= j) : (i < h || h <= j)) {
        continue;
      }
      a[i] = k;
      i = j;
    }
    a[i] = 0;
  }

  /** Adds a video to the seen-set (under the lock), bumping the sequence around the change. */
  void seen(int video, int bound) {
    if (seen != null && hasSeen(video)) {
      return;
    }
    int v = seenSeq;
    SEEN_SEQ.setOpaque(this, v + 1);
    VarHandle.storeStoreFence();
    try {
      addSeen(video, bound);
    } finally {
      SEEN_SEQ.setRelease(this, v + 2);
    }
  }

  private void addSeen(int video, int bound) {
    int key = video + 1;
    int[] a = seen;
    if (a == null) {
      int ring = Math.min(bound, 16);
      seenCap = tableCap(ring);
      a = seen = new int[seenCap + ring];
    }
    int cap = seenCap;
    if (seenSize < bound) {
      if (seenSize == a.length - cap) {
        int ring = (int) Math.min(bound, 2L * seenSize);
        int newCap = tableCap(ring);
        int[] b = new int[newCap + ring];
        for (int i = 0; i < seenSize; i++) {
          int v = a[cap + i];
          b[newCap + i] = v;
          insert(b, newCap, v + 1);
        }
        a = seen = b;
        cap = seenCap = newCap;
      }
      insert(a, cap, key);
      a[cap + seenSize++] = video;
      seenHead = seenSize % bound;
    } else {
      remove(a, cap, a[cap + seenHead] + 1);
      insert(a, cap, key);
      a[cap + seenHead] = video;
      seenHead = (seenHead + 1) % bound;
    }
  }

  /** Oldest first. */
  int[] seenInOrder() {
    int[] out = new int[seenSize];
    if (seenSize == 0) {
      return out;
    }
    int ring = seen.length - seenCap;
    int start = seenSize < ring ? 0 : seenHead;
    for (int i = 0; i < seenSize; i++) {
      out[i] = seen[seenCap + (start + i) % seenSize];
    }
    return out;
  }

  /** The history's capacity (1 before the first entry). */
  int historyBound() {
    return hist == null ? 1 : hist.length >>> 1;
  }

  int historyVideo(int slot) {
    return (int) hist[2 * slot + 1];
  }

  long historyTime(int slot) {
    return hist[2 * slot];
  }

  void addHistory(int video, long t, int bound) {
    long[] h = hist;
    if (h == null) {
      h = hist = new long[2 * bound];
    }
    if (histSize > 0 && (int) h[2 * ((histHead - 1 + bound) % bound) + 1] == video) {
      return;
    }
    h[2 * histHead] = t;
    h[2 * histHead + 1] = video;
    histHead = (histHead + 1) % bound;
    if (histSize < bound) {
      histSize++;
    }
  }

  /** Most recent first. */
  int history(int[] out) {
    int n = Math.min(out.length, histSize);
    int bound = historyBound();
    for (int i = 0; i < n; i++) {
      out[i] = historyVideo((histHead - 1 - i + 2 * bound) % bound);
    }
    return n;
  }

  /** The latest distinct history items other than {@code video} within {@code window} of t. */
  int partners(int video, long t, long window, int[] out) {
    int n = 0;
    long[] h = hist;
    if (h == null) {
      return 0;
    }
    int bound = h.length >>> 1;
    for (int i = 0; i < histSize && n < out.length; i++) {
      int slot = (histHead - 1 - i + 2 * bound) % bound;
      int v = (int) h[2 * slot + 1];
      if (v == video || Math.abs(t - h[2 * slot]) > window) {
        continue;
      }
      boolean dup = false;
      for (int j = 0; j < n; j++) {
        dup |= out[j] == v;
      }
      if (!dup) {
        out[n++] = v;
      }
    }
    return n;
  }

  long ramBytes() {
    long b =
        RamUsageEstimator.alignObjectSize(
            RamUsageEstimator.NUM_BYTES_OBJECT_HEADER
                + 4L * RamUsageEstimator.NUM_BYTES_OBJECT_REF // slots, hist, seen, follows
                + 5L * Long.BYTES
                + 11L * Integer.BYTES); // 5 table sizes, 2 history, 3 seen, lock
    b += slotBytes();
    if (hist != null) {
      b += RamUsageEstimator.sizeOf(hist);
    }
    if (seen != null) {
      b += RamUsageEstimator.sizeOf(seen);
    }
    if (follows != null) {
      b += openMapBytes(follows.size(), Integer.BYTES);
    }
    return b;
  }

  /** A fastutil open hash table: object plus key (and value) arrays of the table size + 1. */
  static long openMapBytes(int size, int bytesPerSlot) {
    int table = HashCommon.arraySize(Math.max(size, 2), 0.75f) + 1;
    return 64 + (long) table * bytesPerSlot + 2L * RamUsageEstimator.NUM_BYTES_ARRAY_HEADER;
  }
}
