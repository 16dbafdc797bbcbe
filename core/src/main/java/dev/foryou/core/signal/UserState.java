package dev.foryou.core.signal;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.ints.Int2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.Arrays;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * One active user's state: affinities (reference-epoch form, see {@link DefaultSignalStore}),
 * ring-buffer history, bounded seen-set, follows and ad counters. Guarded by its own monitor;
 * arrays are allocated lazily and grow up to their bounds.
 */
final class UserState {
  long epoch = DefaultSignalStore.UNSET;
  final Int2DoubleOpenHashMap[] affinities =
      new Int2DoubleOpenHashMap[AffinityKind.values().length];
  int[] histVideo;
  long[] histTime;
  int histHead;
  int histSize;
  int[] seenRing;
  int seenHead;
  int seenSize;
  IntOpenHashSet seenSet;
  IntOpenHashSet follows;
  long adImpressions;
  long adClicks;

  void rebase(long newEpoch, double rate) {
    double f = Math.exp(-(newEpoch - epoch) * rate);
    for (Int2DoubleOpenHashMap m : affinities) {
      if (m != null) {
        for (var it = m.int2DoubleEntrySet().fastIterator(); it.hasNext(); ) {
          var e = it.next();
          e.setValue(e.getDoubleValue() * f);
        }
      }
    }
    epoch = newEpoch;
  }

  void addAffinity(AffinityKind kind, int key, double ref, int max) {
    Int2DoubleOpenHashMap m = affinities[kind.ordinal()];
    if (m == null) {
      m = affinities[kind.ordinal()] = new Int2DoubleOpenHashMap(4);
    }
    m.addTo(key, ref);
    if (m.size() > max + (max >> 2) + 1) {
      evictWeakest(m, max);
    }
  }

  /** Keeps the {@code max} entries of largest magnitude. */
  static void evictWeakest(Int2DoubleOpenHashMap m, int max) {
    double[] mags = new double[m.size()];
    int i = 0;
    for (var it = m.values().iterator(); it.hasNext(); ) {
      mags[i++] = Math.abs(it.nextDouble());
    }
    Arrays.sort(mags);
    double threshold = mags[mags.length - max];
    int toRemove = m.size() - max;
    for (var it = m.int2DoubleEntrySet().fastIterator(); it.hasNext() && toRemove > 0; ) {
      if (Math.abs(it.next().getDoubleValue()) < threshold) {
        it.remove();
        toRemove--;
      }
    }
    for (var it = m.int2DoubleEntrySet().fastIterator(); it.hasNext() && toRemove > 0; ) {
      if (Math.abs(it.next().getDoubleValue()) == threshold) {
        it.remove();
        toRemove--;
      }
    }
    m.trim();
  }

  void follow(int creator) {
    if (follows == null) {
      follows = new IntOpenHashSet(4);
    }
    follows.add(creator);
  }

  void seen(int video, int bound) {
    if (seenSet == null) {
      seenSet = new IntOpenHashSet(16);
      seenRing = new int[Math.min(bound, 16)];
    } else if (seenSet.contains(video)) {
      return;
    }
    if (seenSize < bound) {
      if (seenSize == seenRing.length) {
        seenRing = Arrays.copyOf(seenRing, (int) Math.min(bound, seenRing.length * 2L));
      }
      seenRing[seenSize++] = video;
      seenHead = seenSize % bound;
    } else {
      seenSet.remove(seenRing[seenHead]);
      seenRing[seenHead] = video;
      seenHead = (seenHead + 1) % bound;
    }
    seenSet.add(video);
  }

  /** Oldest first. */
  int[] seenInOrder() {
    int[] out = new int[seenSize];
    if (seenSize == 0) {
      return out;
    }
    int start = seenSize < seenRing.length ? 0 : seenHead;
    for (int i = 0; i < seenSize; i++) {
      out[i] = seenRing[(start + i) % seenSize];
    }
    return out;
  }

  void addHistory(int video, long t, int bound) {
    if (histVideo == null) {
      histVideo = new int[bound];
      histTime = new long[bound];
    }
    if (histSize > 0 && histVideo[(histHead - 1 + bound) % bound] == video) {
      return;
    }
    histVideo[histHead] = video;
    histTime[histHead] = t;
    histHead = (histHead + 1) % bound;
    if (histSize < bound) {
      histSize++;
    }
  }

  /** Most recent first. */
  int history(int[] out) {
    int n = Math.min(out.length, histSize);
    int bound = histVideo == null ? 1 : histVideo.length;
    for (int i = 0; i < n; i++) {
      out[i] = histVideo[(histHead - 1 - i + 2 * bound) % bound];
    }
    return n;
  }

  /** The latest distinct history items other than {@code video} within {@code window} of t. */
  int partners(int video, long t, long window, int[] out) {
    int n = 0;
    if (histVideo == null) {
      return 0;
    }
    int bound = histVideo.length;
    for (int i = 0; i < histSize && n < out.length; i++) {
      int slot = (histHead - 1 - i + 2 * bound) % bound;
      int v = histVideo[slot];
      if (v == video || Math.abs(t - histTime[slot]) > window) {
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
                + 6L * RamUsageEstimator.NUM_BYTES_OBJECT_REF
                + 5L * Long.BYTES
                + 4L * Integer.BYTES);
    b += RamUsageEstimator.shallowSizeOf(affinities);
    for (Int2DoubleOpenHashMap m : affinities) {
      if (m != null) {
        b += openMapBytes(m.size(), Integer.BYTES + Double.BYTES);
      }
    }
    if (histVideo != null) {
      b += RamUsageEstimator.sizeOf(histVideo) + RamUsageEstimator.sizeOf(histTime);
    }
    if (seenRing != null) {
      b += RamUsageEstimator.sizeOf(seenRing) + openMapBytes(seenSet.size(), Integer.BYTES);
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
