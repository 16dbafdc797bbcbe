package dev.foryou.core.signal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * Design. A read-write gate with a striped reader count, in the style of the "big-reader lock"
 * (Linux brlock; Hsieh & Weihl, "Scalable Reader-Writer Locks for Parallel Systems", IPPS 1992):
 * every writer thread (here: a thread recording events) increments and decrements a counter in a
 * cache line of its own, picked by thread id, so concurrent recorders share no line; the rare
 * exclusive holder (a snapshot) closes the gate and waits until every counter is zero. The
 * reader-side increment and the closed-flag read are both volatile (sequentially consistent), and
 * so are the closer's flag write and counter reads: by the Dekker argument either the recorder sees
 * the gate closed and backs off, or the closer sees its count and waits for it.
 */
/** Shared entry for event recording, exclusive entry for snapshots. Thread-safe. */
final class WriteGate {
  private static final int SLOTS = 64;
  private static final int PAD = 16; // longs per slot: 128 bytes, two cache lines
  private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] counts = new long[SLOTS * PAD];
  private final Object exclusive = new Object();
  private volatile boolean closed;

  /** Enters shared; returns the token to pass to {@link #exit}. */
  int enter() {
    int slot = slotOfCurrentThread();
    while (true) {
      COUNT.getAndAdd(counts, slot, 1L);
      if (!closed) {
        return slot;
      }
      COUNT.getAndAdd(counts, slot, -1L);
      synchronized (exclusive) {
        // wait for the exclusive holder to finish
      }
    }
  }

  /** Leaves shared. */
  void exit(int token) {
    COUNT.getAndAddRelease(counts, token, -1L);
  }

  /**
   * Runs {@code action} with the gate closed: no recorder is inside while it runs.
   *
   * @param action the exclusive action
   * @throws E what the action throws
   */
  <E extends Exception> void exclusively(ThrowingRunnable<E> action) throws E {
    synchronized (exclusive) {
      closed = true;
      try {
        for (int i = PAD / 2; i < SLOTS * PAD; i += PAD) {
          while ((long) COUNT.getVolatile(counts, i) != 0) {
            Thread.onSpinWait();
            Thread.yield();
          }
        }
        action.run();
      } finally {
        closed = false;
      }
    }
  }

  /** An action that may throw a checked exception. */
  interface ThrowingRunnable<E extends Exception> {
    void run() throws E;
  }

  private static int slotOfCurrentThread() {
    long id = Thread.currentThread().threadId();
    int h = (int) (id ^ (id >>> 32));
    h *= 0x9E3779B9;
    return ((h >>> 26) & (SLOTS - 1)) * PAD + PAD / 2;
  }
}
