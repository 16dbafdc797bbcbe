package dev.foryou.ranking.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an index loop on a few platform threads with dynamic chunking: the one parallel loop of the
 * embedding trainers and the offline evaluation. Internal (the package is not exported). Stateless
 * and thread-safe.
 */
public final class Parallel {

  /** Loop body; {@code worker} is in {@code [0, threads)} for per-thread scratch buffers. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs one index.
     *
     * @param worker the worker running it
     * @param index the index
     */
    void run(int worker, int index);
  }

  private Parallel() {}

  /**
   * Runs {@code body} for every index in {@code [0, n)}, handing out chunks of {@code chunk}
   * indexes to at most {@code threads} workers (the caller is worker 0); rethrows a worker's
   * failure.
   *
   * @param threads workers at most
   * @param n indexes
   * @param chunk indexes per hand-out, at least 1
   * @param body the loop body
   */
  public static void forRange(int threads, int n, int chunk, Body body) {
    int workers = Math.max(1, Math.min(threads, (n + chunk - 1) / Math.max(1, chunk)));
    if (workers == 1) {
      for (int i = 0; i < n; i++) {
        body.run(0, i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Thread[] ts = new Thread[workers - 1];
    Throwable[] failure = new Throwable[1];
    for (int w = 1; w < workers; w++) {
      int worker = w;
      ts[w - 1] =
          Thread.ofPlatform()
              .name("foryou-parallel-" + w)
              .daemon()
              .start(
                  () -> {
                    try {
                      work(next, n, chunk, worker, body);
                    } catch (Throwable t) {
                      synchronized (failure) {
                        failure[0] = t;
                      }
                    }
                  });
    }
    work(next, n, chunk, 0, body);
    for (Thread t : ts) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running a parallel loop", e);
      }
    }
    synchronized (failure) {
      if (failure[0] instanceof RuntimeException re) {
        throw re;
      } else if (failure[0] instanceof Error er) {
        throw er;
      } else if (failure[0] != null) {
        throw new IllegalStateException(failure[0]);
      }
    }
  }

  private static void work(AtomicInteger next, int n, int chunk, int worker, Body body) {
    for (int start = next.getAndAdd(chunk); start < n; start = next.getAndAdd(chunk)) {
      int end = Math.min(n, start + chunk);
      for (int i = start; i < end; i++) {
        body.run(worker, i);
      }
    }
  }
}
