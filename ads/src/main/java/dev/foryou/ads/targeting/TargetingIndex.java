package dev.foryou.ads.targeting;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * A live index from ad groups (dense int keys) to their {@link TargetingSpec}s that returns every
 * key whose spec matches a request — exactly the keys for which {@link
 * TargetingSpec#matches(TargetingQuery)} is true, in no particular order.
 *
 * <p>Thread-safe: any number of threads may {@link #match} or {@link #scan} while others {@link
 * #put}, {@link #remove} and {@link #refreshBound}. Readers never block; they see an immutable
 * snapshot (plus block bounds that only rise). Each write publishes a new snapshot at once
 * (copy-on-write of the touched posting lists only), so a put or remove is visible to every request
 * that starts after it returns; writes are serialised, and an occasional one re-sorts the slots by
 * bound (see {@link #create(IntToLongFunction)}).
 */
public interface TargetingIndex {

  /**
   * Creates an empty boolean-expression index (Whang et al., VLDB 2009).
   *
   * @return a new index
   */
  static TargetingIndex create() {
    return new BooleanExpressionIndex(key -> Long.MAX_VALUE);
  }

  /**
   * Creates an empty boolean-expression index whose {@link #scan} visits keys in blocks ordered by
   * a caller-defined upper bound of each key's score (e.g. the best eCPM an ad group can reach), so
   * that a top-k caller can stop as soon as no unvisited key can beat its k-th best.
   *
   * <p>The index calls {@code bound} (under its write lock) for every key it (re)places — on {@link
   * #put}, {@link #putAll} and compactions — and on {@link #refreshBound}; the caller must call
   * {@link #refreshBound} after anything that may raise a key's bound, and {@code bound} must be
   * fast, thread-safe and must not call the index.
   *
   * @param bound the current upper bound of a key's score
   * @return a new index
   */
  static TargetingIndex create(IntToLongFunction bound) {
    return new BooleanExpressionIndex(java.util.Objects.requireNonNull(bound, "bound"));
  }

  /**
   * Re-reads the bound of a key (see {@link #create(IntToLongFunction)}) after it may have risen; a
   * no-op for an absent key. Requests that start after this returns see the new bound.
   *
   * @param key the key
   */
  void refreshBound(int key);

  /**
   * Starts a block-wise scan of the keys matching a query, highest bounds first. The returned
   * object is this thread's scratch: it is valid until the thread's next {@code scan} or {@link
   * #match}, and must not be shared.
   *
   * @param query the request
   * @return the scan
   */
  Scan scan(TargetingQuery query);

  /** A block-wise scan over the matches of one query (see {@link #scan}). Not thread-safe. */
  interface Scan {
    /**
     * Appends to {@code out} the matching keys of the next block that may hold a key whose bound is
     * at least {@code threshold}, skipping the blocks that cannot (bounds as of the scan's start).
     * Thresholds may differ from call to call (a top-k caller passes its current k-th best); the
     * keys of a skipped block are never returned later.
     *
     * @param threshold the least bound of interest ({@link Long#MIN_VALUE} for every match)
     * @param out receives the keys (not cleared)
     * @return the number of keys appended (possibly 0), or -1 when no remaining block can hold a
     *     key whose bound reaches the threshold (the scan is then over)
     */
    int next(long threshold, IntArrayList out);
  }

  /**
   * Adds or replaces the spec of a key. Costs O(postings of its values + number of distinct values
   * + keys/64); for bulk loads use {@link #putAll}.
   *
   * @param key the ad group's dense index, at least 0
   * @param spec its targeting
   * @throws IllegalArgumentException if {@code key} is negative
   */
  void put(int key, TargetingSpec spec);

  /**
   * Adds or replaces many specs with one rebuild, in O(total postings).
   *
   * @param keys the keys, each at least 0
   * @param specs their specs, same length
   * @throws IllegalArgumentException if a key is negative or the lengths differ
   */
  void putAll(int[] keys, List<TargetingSpec> specs);

  /**
   * Removes a key.
   *
   * @param key the key
   * @return true if it was present
   */
  boolean remove(int key);

  /**
   * Returns the number of keys.
   *
   * @return the size
   */
  int size();

  /**
   * Appends to {@code out} every key whose spec matches the query. Allocation-free apart from
   * per-thread scratch grown with the index.
   *
   * @param query the request
   * @param out receives the matching keys (not cleared)
   * @return the number of keys appended
   */
  int match(TargetingQuery query, IntArrayList out);
}
