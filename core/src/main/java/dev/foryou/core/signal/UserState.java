package dev.foryou.core.signal;

import it.unimi.dsi.fastutil.HashCommon;
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
  AffinityTable affinities;
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
  long lastAccess = Long.MIN_VALUE / 2;
  long lastTouch = Long.MIN_VALUE / 2;

  void rebase(long newEpoch, double rate) {
    if (affinities != null) {
      affinities.scale(Math.exp(-(newEpoch - epoch) * rate));
    }
    epoch = newEpoch;
  }

  void addAffinity(AffinityKind kind, int key, double ref, int max) {
    AffinityTable m = affinities;
    if (m == null) {
      m = affinities = new AffinityTable();
    }
    m.addTo(kind.ordinal(), key, ref, max);
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
                + 7L * Long.BYTES
                + 4L * Integer.BYTES);
    if (affinities != null) {
      b += affinities.ramBytes();
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
