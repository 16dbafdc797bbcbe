package dev.foryou.ads.targeting;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.List;

/**
 * A live index from ad groups (dense int keys) to their {@link TargetingSpec}s that returns every
 * key whose spec matches a request — exactly the keys for which {@link
 * TargetingSpec#matches(TargetingQuery)} is true, in no particular order.
 *
 * <p>Thread-safe: any number of threads may {@link #match} while others {@link #put} and {@link
 * #remove}. Readers never block; they see an immutable snapshot. Each write publishes a new
 * snapshot at once (copy-on-write of the touched posting lists only), so a put or remove is visible
 * to every request that starts after it returns; writes are serialised.
 */
public interface TargetingIndex {

  /**
   * Creates an empty boolean-expression index (Whang et al., VLDB 2009).
   *
   * @return a new index
   */
  static TargetingIndex create() {
    return new BooleanExpressionIndex();
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
