package dev.foryou.ranking.candidate;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Per-key ring buffers of the most recent values (video indexes) added under each dense int key.
 * Memory is {@code ringSize} ints per key that ever received a value.
 *
 * <p>Thread-safe: a read-write lock; writes are rare (catalog upserts) next to reads.
 */
final class KeyedRecent {
  private final int ringSize;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private int[][] rings = new int[64][];
  private long[] writes = new long[64];

  KeyedRecent(int ringSize) {
    if (ringSize < 1) {
      throw new IllegalArgumentException("ringSize must be >= 1: " + ringSize);
    }
    this.ringSize = ringSize;
  }

  void add(int key, int value) {
    if (key < 0) {
      return;
    }
    lock.writeLock().lock();
    try {
      if (key >= rings.length) {
        int n = Math.max(rings.length * 2, key + 1);
        rings = Arrays.copyOf(rings, n);
        writes = Arrays.copyOf(writes, n);
      }
      int[] ring = rings[key];
      if (ring == null) {
        ring = rings[key] = new int[ringSize];
      }
      long w = writes[key];
      // re-upserts of the newest value do not crowd the ring
      if (w > 0 && ring[(int) ((w - 1) % ringSize)] == value) {
        return;
      }
      ring[(int) (w % ringSize)] = value;
      writes[key] = w + 1;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Copies the key's values, newest first, into out; returns how many. */
  int recent(int key, int[] out, int max) {
    if (key < 0) {
      return 0;
    }
    lock.readLock().lock();
    try {
      if (key >= rings.length || rings[key] == null) {
        return 0;
      }
      int[] ring = rings[key];
      long w = writes[key];
      int n = (int) Math.min(Math.min(w, ringSize), Math.min(out.length, max));
      for (int i = 0; i < n; i++) {
        out[i] = ring[(int) ((w - 1 - i) % ringSize)];
      }
      return n;
    } finally {
      lock.readLock().unlock();
    }
  }

  long bytes() {
    lock.readLock().lock();
    try {
      long b = 16L + rings.length * 12L;
      for (int[] r : rings) {
        if (r != null) {
          b += 16 + 4L * r.length;
        }
      }
      return b;
    } finally {
      lock.readLock().unlock();
    }
  }
}
