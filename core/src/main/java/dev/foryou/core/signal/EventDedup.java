package dev.foryou.core.signal;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * Remembers the latest event ids in a bounded window: 64 stripes by id hash, each a FIFO ring of
 * ids plus a hash set, so memory is bounded and each check is O(1). An id evicted from its stripe's
 * ring is forgotten. Thread-safe (a monitor per stripe).
 */
final class EventDedup {
  private static final int STRIPES = 64;
  private final Stripe[] stripes = new Stripe[STRIPES];

  private static final class Stripe {
    final long[] ring;
    int head;
    int size;
    final LongOpenHashSet set = new LongOpenHashSet();

    Stripe(int capacity) {
      ring = new long[capacity];
    }
  }

  EventDedup(int window) {
    int per = Math.max(1, (window + STRIPES - 1) / STRIPES);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe(per);
    }
  }

  private Stripe stripe(long id) {
    return stripes[(int) (it.unimi.dsi.fastutil.HashCommon.mix(id) & (STRIPES - 1))];
  }

  /** Returns false if {@code id} is in the window, else remembers it. */
  boolean add(long id) {
    Stripe s = stripe(id);
    synchronized (s) {
      if (!s.set.add(id)) {
        return false;
      }
      if (s.size == s.ring.length) {
        s.set.remove(s.ring[s.head]);
      } else {
        s.size++;
      }
      s.ring[s.head] = id;
      s.head = (s.head + 1) % s.ring.length;
      return true;
    }
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(STRIPES);
    for (Stripe s : stripes) {
      synchronized (s) {
        out.writeInt(s.size);
        int start = s.size < s.ring.length ? 0 : s.head;
        for (int i = 0; i < s.size; i++) {
          out.writeLong(s.ring[(start + i) % s.ring.length]);
        }
      }
    }
  }

  void read(DataInput in) throws IOException {
    int n = in.readInt();
    if (n != STRIPES) {
      throw new IOException("dedup stripes " + n + ", expected " + STRIPES);
    }
    for (int i = 0; i < STRIPES; i++) {
      int size = in.readInt();
      if (size < 0 || size > 100_000_000) {
        throw new IOException("bad dedup stripe size " + size);
      }
      for (int j = 0; j < size; j++) {
        add(in.readLong());
      }
    }
  }

  long ramBytes() {
    long b = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        b += RamUsageEstimator.sizeOf(s.ring) + UserState.openMapBytes(s.set.size(), Long.BYTES);
      }
    }
    return b;
  }
}
