package dev.foryou.core.signal;

import dev.foryou.core.internal.TopK;
import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.ints.IntArrays;
import org.apache.lucene.util.RamUsageEstimator;

/*
 * Design. One user's affinities of every kind in a single open-addressing hash table with linear
 * probing (Knuth, TAOCP vol. 3, 6.4, algorithm L) whose key and value sit side by side in one
 * long[] (slot i: [2i] = (kind + 1) << 32 | key, [2i + 1] = the double's bits), so an update is
 * one probe into one cache line instead of four maps with separate key and value arrays. Entries
 * are only ever removed by rebuilding the table (when a kind exceeds its bound by a quarter, its
 * weakest entries are dropped), so there are no tombstones. The per-kind sizes are fields, and
 * {@link UserState} extends this class, so a user's lock word, its table reference and these sizes
 * share one object: an update touches that object and the slot's line, nothing in between. The
 * slot array is allocated on the first entry.
 */
/** A user's affinities (reference-epoch values) of all kinds. Not thread-safe: guarded by user. */
class AffinityTable {
  private static final int KINDS = AffinityKind.values().length;
  private static final long[] EMPTY = new long[2];
  private long[] slots = EMPTY;
  private int size;
  private int size0;
  private int size1;
  private int size2;
  private int size3;

  AffinityTable() {}

  static {
    if (KINDS != 4) {
      throw new AssertionError("AffinityTable keeps one size field per kind: " + KINDS);
    }
  }

  /** Whether the table holds no entry of any kind. */
  final boolean isEmpty() {
    return size == 0;
  }

  private int incSize(int kind) {
    return switch (kind) {
      case 0 -> ++size0;
      case 1 -> ++size1;
      case 2 -> ++size2;
      default -> ++size3;
    };
  }

  private void setSize(int kind, int n) {
    switch (kind) {
      case 0 -> size0 = n;
      case 1 -> size1 = n;
      case 2 -> size2 = n;
      default -> size3 = n;
    }
  }

  private static long tag(int kind, int key) {
    return ((long) (kind + 1) << 32) | (key & 0xFFFFFFFFL);
  }

  private int find(long tag) {
    int mask = (slots.length >>> 1) - 1;
    int i = (int) HashCommon.mix(tag) & mask;
    while (true) {
      long t = slots[2 * i];
      if (t == tag || t == 0) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  /** The value, or 0 if absent. */
  final double get(int kind, int key) {
    if (size == 0) {
      return 0;
    }
    int i = find(tag(kind, key));
    return slots[2 * i] == 0 ? 0 : Double.longBitsToDouble(slots[2 * i + 1]);
  }

  final int size(int kind) {
    return switch (kind) {
      case 0 -> size0;
      case 1 -> size1;
      case 2 -> size2;
      default -> size3;
    };
  }

  /** Loads the line of the slot where this key is or would go (the value is meaningless). */
  final long touch(int kind, int key) {
    long[] a = slots;
    int i = (int) HashCommon.mix(tag(kind, key)) & ((a.length >>> 1) - 1);
    return a[2 * i];
  }

  /** Adds {@code delta}; keeps at most about {@code max} keys of this kind (see the class). */
  final void addTo(int kind, int key, double delta, int max) {
    if (slots == EMPTY) {
      slots = new long[2 * 8];
    }
    long tag = tag(kind, key);
    int i = find(tag);
    if (slots[2 * i] == tag) {
      slots[2 * i + 1] =
          Double.doubleToRawLongBits(Double.longBitsToDouble(slots[2 * i + 1]) + delta);
      return;
    }
    slots[2 * i] = tag;
    slots[2 * i + 1] = Double.doubleToRawLongBits(delta);
    size++;
    if (incSize(kind) > max + (max >> 2) + 1) {
      evictWeakest(kind, max);
    } else if (size * 4 > (slots.length >>> 1) * 3) {
      rehash(slots.length);
    }
  }

  /** Sets a value (restore). */
  final void put(int kind, int key, double value) {
    if (slots == EMPTY) {
      slots = new long[2 * 8];
    }
    long tag = tag(kind, key);
    int i = find(tag);
    if (slots[2 * i] != tag) {
      slots[2 * i] = tag;
      size++;
      incSize(kind);
    }
    slots[2 * i + 1] = Double.doubleToRawLongBits(value);
    if (size * 4 > (slots.length >>> 1) * 3) {
      rehash(slots.length);
    }
  }

  /** Multiplies every value by f. */
  final void scale(double f) {
    for (int i = 0; i < slots.length; i += 2) {
      if (slots[i] != 0) {
        slots[i + 1] = Double.doubleToRawLongBits(Double.longBitsToDouble(slots[i + 1]) * f);
      }
    }
  }

  /** Writes the entries of one kind as (int key, double value) pairs. */
  final void write(int kind, java.io.DataOutput out) throws java.io.IOException {
    long k1 = (long) (kind + 1);
    for (int i = 0; i < slots.length; i += 2) {
      if ((slots[i] >>> 32) == k1) {
        out.writeInt((int) slots[i]);
        out.writeDouble(Double.longBitsToDouble(slots[i + 1]));
      }
    }
  }

  /** Copies up to {@code cap} entries of one kind, each value times {@code f}; returns how many. */
  final int copy(int kind, double f, int[] outKeys, double[] outValues, int cap) {
    long k1 = (long) (kind + 1);
    int n = 0;
    for (int i = 0; i < slots.length && n < cap; i += 2) {
      if ((slots[i] >>> 32) == k1) {
        outKeys[n] = (int) slots[i];
        outValues[n++] = Double.longBitsToDouble(slots[i + 1]) * f;
      }
    }
    return n;
  }

  /** Offers the positive entries of one kind. */
  final void offerPositive(int kind, TopK top) {
    long k1 = (long) (kind + 1);
    for (int i = 0; i < slots.length; i += 2) {
      if ((slots[i] >>> 32) == k1) {
        double v = Double.longBitsToDouble(slots[i + 1]);
        if (v > 0) {
          top.offer((int) slots[i], v);
        }
      }
    }
  }

  /**
   * Keeps the {@code max} entries of this kind of largest magnitude (ties: the smaller key stays),
   * rebuilding the table.
   */
  private void evictWeakest(int kind, int max) {
    int n = size(kind);
    int[] keys = new int[n];
    double[] mags = new double[n];
    int[] order = new int[n];
    long k1 = (long) (kind + 1);
    int j = 0;
    for (int i = 0; i < slots.length; i += 2) {
      if ((slots[i] >>> 32) == k1) {
        keys[j] = (int) slots[i];
        mags[j] = Math.abs(Double.longBitsToDouble(slots[i + 1]));
        order[j] = j;
        j++;
      }
    }
    IntArrays.quickSort(
        order,
        (a, b) -> {
          int c = Double.compare(mags[b], mags[a]);
          return c != 0 ? c : Integer.compare(keys[a], keys[b]);
        });
    it.unimi.dsi.fastutil.ints.IntOpenHashSet drop =
        new it.unimi.dsi.fastutil.ints.IntOpenHashSet();
    for (int r = max; r < n; r++) {
      drop.add(keys[order[r]]);
    }
    long[] old = slots;
    slots = new long[old.length];
    size = 0;
    for (int k = 0; k < KINDS; k++) {
      setSize(k, 0);
    }
    for (int i = 0; i < old.length; i += 2) {
      long t = old[i];
      if (t != 0 && !((t >>> 32) == k1 && drop.contains((int) t))) {
        int s = find(t);
        slots[2 * s] = t;
        slots[2 * s + 1] = old[i + 1];
        size++;
        incSize((int) (t >>> 32) - 1);
      }
    }
  }

  private void rehash(int oldLength) {
    long[] old = slots;
    slots = new long[oldLength * 2];
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0) {
        int s = find(old[i]);
        slots[2 * s] = old[i];
        slots[2 * s + 1] = old[i + 1];
      }
    }
  }

  /** The slot array's bytes (the fields are counted with the owning object). */
  final long slotBytes() {
    return slots == EMPTY ? 0 : RamUsageEstimator.sizeOf(slots);
  }
}
