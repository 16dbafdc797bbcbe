package dev.foryou.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Maps external string ids to dense {@code int} indexes 0, 1, 2, … in order of first sight, and
 * back. Indexes are never reused, so arrays indexed by them stay valid.
 *
 * <p>Thread-safe: lookups are lock-free; {@link #intern} of a new id takes a short lock. Memory: an
 * open-addressing table (linear probing, load at most 3/4) of the id strings and their indexes,
 * about 60 bytes per id beyond the strings themselves less than a {@code ConcurrentHashMap}.
 */
public final class IdMap {
  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(String[].class);

  /** Keys and values of one table generation; a key slot is published after its value. */
  private static final class Table {
    final String[] keys;
    final int[] values;
    final int mask;

    Table(int capacity) {
      keys = new String[capacity];
      values = new int[capacity];
      mask = capacity - 1;
    }
  }

  private volatile Table table = new Table(16);
  private volatile String[] toId = new String[16];
  private volatile int size;

  /** Creates an empty map. */
  public IdMap() {}

  private static int slot(String id, int mask) {
    int h = id.hashCode() * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  private static int find(Table t, String id) {
    int i = slot(id, t.mask);
    while (true) {
      String k = (String) KEYS.getAcquire(t.keys, i);
      if (k == null) {
        return -1;
      }
      if (k.equals(id)) {
        return t.values[i];
      }
      i = (i + 1) & t.mask;
    }
  }

  private static void insert(Table t, String id, int value) {
    int i = slot(id, t.mask);
    while (t.keys[i] != null) {
      i = (i + 1) & t.mask;
    }
    t.values[i] = value;
    KEYS.setRelease(t.keys, i, id);
  }

  /**
   * Returns the index of {@code id}, assigning the next free one on first sight.
   *
   * @param id the external id, non-null and non-empty
   * @return its dense index
   * @throws IllegalArgumentException if {@code id} is empty
   */
  public int intern(String id) {
    int idx = find(table, Objects.requireNonNull(id, "id"));
    if (idx >= 0) {
      return idx;
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    synchronized (this) {
      Table t = table;
      idx = find(t, id);
      if (idx >= 0) {
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
      if ((next + 1) * 4L > t.keys.length * 3L) {
        Table bigger = new Table(t.keys.length * 2);
        for (int i = 0; i < next; i++) {
          insert(bigger, ids[i], i);
        }
        t = bigger;
      }
      insert(t, id, next);
      table = t;
      size = next + 1;
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
    int idx = find(table, Objects.requireNonNull(id, "id"));
    return idx < 0 ? OptionalInt.empty() : OptionalInt.of(idx);
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

  /**
   * Returns the heap bytes this map holds: its arrays plus the id strings (counted here even if
   * shared elsewhere), computed from the actual array and string sizes.
   *
   * @return bytes
   */
  public long ramBytesUsed() {
    Table t = table;
    String[] ids = toId;
    int n = size;
    long bytes = 16 + 16 + 4L * t.keys.length + 16 + 4L * t.values.length + 16 + 4L * ids.length;
    for (int i = 0; i < n; i++) {
      // String object (header, hash, coder, value ref: 24 bytes) + byte[] (16 + length, aligned)
      bytes += 24 + ((16 + ids[i].length() + 7) & ~7L);
    }
    return bytes;
  }
}
