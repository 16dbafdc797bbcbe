package dev.foryou.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps external string ids to dense {@code int} indexes 0, 1, 2, … in order of first sight, and
 * back. Indexes are never reused, so arrays indexed by them stay valid.
 *
 * <p>Thread-safe: lookups are lock-free; {@link #intern} of a new id takes a short lock.
 */
public final class IdMap {
  private final ConcurrentHashMap<String, Integer> toIndex = new ConcurrentHashMap<>();
  private volatile String[] toId = new String[16];
  private volatile int size;

  /** Creates an empty map. */
  public IdMap() {}

  /**
   * Returns the index of {@code id}, assigning the next free one on first sight.
   *
   * @param id the external id, non-null and non-empty
   * @return its dense index
   * @throws IllegalArgumentException if {@code id} is empty
   */
  public int intern(String id) {
    Integer idx = toIndex.get(Objects.requireNonNull(id, "id"));
    if (idx != null) {
      return idx;
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    synchronized (this) {
      idx = toIndex.get(id);
      if (idx != null) {
        return idx;
      }
      int next = size;
      String[] ids = toId;
      if (next == ids.length) {
        String[] grown = new String[ids.length * 2];
        System.arraycopy(ids, 0, grown, 0, next);
        ids = grown;
      }
      ids[next] = id;
      toId = ids;
      size = next + 1;
      toIndex.put(id, next);
      return next;
    }
  }

  /**
   * Returns the index of {@code id} if it has one.
   *
   * @param id the external id
   * @return its index, or empty if never interned
   */
  public OptionalInt indexOf(String id) {
    Integer idx = toIndex.get(Objects.requireNonNull(id, "id"));
    return idx == null ? OptionalInt.empty() : OptionalInt.of(idx);
  }

  /**
   * Returns the external id of an index.
   *
   * @param index an index returned by {@link #intern}
   * @return the external id
   * @throws IllegalArgumentException if {@code index} was never assigned
   */
  public String id(int index) {
    int n = size;
    String[] ids = toId;
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException("unknown index " + index + " (size " + n + ")");
    }
    return ids[index];
  }

  /**
   * Returns how many ids have been interned; every index is below this.
   *
   * @return the number of ids
   */
  public int size() {
    return size;
  }

  /**
   * Returns the ids in index order, a copy.
   *
   * @return the ids
   */
  public List<String> ids() {
    int n = size;
    String[] ids = toId;
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(ids[i]);
    }
    return out;
  }
}
