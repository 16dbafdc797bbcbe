package dev.foryou.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Maps external string ids to dense {@code int} indexes 0, 1, 2, … in order of first sight, and
 * back. Indexes are never reused, so arrays indexed by them stay valid.
 *
 * <p>Thread-safe: lookups are lock-free; {@link #intern} of a new id takes a short lock. A lookup
 * racing the first {@code intern} of the same id may not see it yet; {@code intern} itself never
 * assigns one id two indexes.
 *
 * <p>Memory: the ids are not kept as {@code String} objects. Their characters sit back to back in
 * one byte array (one byte per character where every character of the id is below U+0100, two
 * otherwise), with two ints per id (where it ends, its hash) and an open-addressing table of
 * indexes (linear probing, load at most 3/4): the id's length plus about 20 bytes with the spare
 * capacity, where a table of {@code String}s costs over 50 bytes plus the length (at a million
 * videos or users, about 50 MB less). {@link #id} builds a new string on each call.
 */
public final class IdMap {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(int[].class);

  /** The table of one generation: index + 1 per slot, 0 for empty; published with release. */
  private static final class Table {
    final int[] slots;
    final int mask;

    Table(int capacity) {
      slots = new int[capacity];
      mask = capacity - 1;
    }
  }

  /**
   * The ids' characters and per-id ints of one generation. Id i's characters are {@code
   * chars[start(i), ends[i] >>> 1)}, two bytes per character (big-endian) where {@code ends[i] & 1}
   * is set, one otherwise; {@code hashes[i]} is its {@link String#hashCode}. Entries are written
   * before the id's table slot is published, and a generation is replaced as a whole when it grows.
   */
  private static final class Data {
    final byte[] chars;
    final int[] ends;
    final int[] hashes;

    Data(byte[] chars, int[] ends, int[] hashes) {
      this.chars = chars;
      this.ends = ends;
      this.hashes = hashes;
    }

    int start(int index) {
      return index == 0 ? 0 : ends[index - 1] >>> 1;
    }

    boolean matches(int index, String id) {
      int from = start(index);
      int end = ends[index];
      int to = end >>> 1;
      int n = id.length();
      if ((end & 1) == 0) {
        if (to - from != n) {
          return false;
        }
        for (int k = 0; k < n; k++) {
          if ((chars[from + k] & 0xFF) != id.charAt(k)) {
            return false;
          }
        }
        return true;
      }
      if (to - from != 2 * n) {
        return false;
      }
      for (int k = 0; k < n; k++) {
        int p = from + 2 * k;
        if ((char) (((chars[p] & 0xFF) << 8) | (chars[p + 1] & 0xFF)) != id.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    String decode(int index) {
      int from = start(index);
      int end = ends[index];
      int to = end >>> 1;
      if ((end & 1) == 0) {
        return new String(chars, from, to - from, StandardCharsets.ISO_8859_1);
      }
      char[] c = new char[(to - from) / 2];
      for (int k = 0; k < c.length; k++) {
        c[k] = (char) (((chars[from + 2 * k] & 0xFF) << 8) | (chars[from + 2 * k + 1] & 0xFF));
      }
      return new String(c);
    }
  }

  private volatile Table table = new Table(16);
  private volatile Data data = new Data(new byte[64], new int[8], new int[8]);
  private volatile int size;

  /** Creates an empty map. */
  public IdMap() {}

  private static int slot(int hash, int mask) {
    int h = hash * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  private int find(Table t, String id) {
    int hash = id.hashCode();
    int i = slot(hash, t.mask);
    while (true) {
      int s = (int) SLOTS.getAcquire(t.slots, i);
      if (s == 0) {
        return -1;
      }
      Data d = data; // read after the slot: holds every id published before it
      int index = s - 1;
      if (d.hashes[index] == hash && d.matches(index, id)) {
        return index;
      }
      i = (i + 1) & t.mask;
    }
  }

  private static void insert(Table t, int hash, int index) {
    int i = slot(hash, t.mask);
    while (t.slots[i] != 0) {
      i = (i + 1) & t.mask;
    }
    SLOTS.setRelease(t.slots, i, index + 1);
  }

  /**
   * Returns the index of {@code id}, assigning the next free one on first sight.
   *
   * @param id the external id, non-null and non-empty
   * @return its dense index
   * @throws IllegalArgumentException if {@code id} is empty
   * @throws IllegalStateException if the map already holds {@link Integer#MAX_VALUE} ids or a
   *     gigabyte of id characters
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
      boolean wide = false;
      for (int k = 0; k < id.length() && !wide; k++) {
        wide = id.charAt(k) > 0xFF;
      }
      Data d = data;
      int from = d.start(next);
      long to = from + (long) id.length() * (wide ? 2 : 1);
      if (to >= (1 << 30) || next == Integer.MAX_VALUE - 1) {
        throw new IllegalStateException(
            "IdMap is full (" + next + " ids, " + from + " bytes): cannot add id " + id);
      }
      if (next == d.ends.length || to > d.chars.length) {
        int n = next == d.ends.length ? (int) Math.min(Integer.MAX_VALUE - 1, 2L * next) : next + 1;
        byte[] c = d.chars;
        if (to > c.length) {
          c = Arrays.copyOf(c, (int) Math.min((1 << 30) - 1, Math.max(to, 2L * c.length)));
        }
        d =
            new Data(
                c,
                Arrays.copyOf(d.ends, Math.max(n, d.ends.length)),
                Arrays.copyOf(d.hashes, Math.max(n, d.hashes.length)));
      }
      for (int k = 0; k < id.length(); k++) {
        char ch = id.charAt(k);
        if (wide) {
          d.chars[from + 2 * k] = (byte) (ch >>> 8);
          d.chars[from + 2 * k + 1] = (byte) ch;
        } else {
          d.chars[from + k] = (byte) ch;
        }
      }
      d.ends[next] = (int) (to << 1) | (wide ? 1 : 0);
      d.hashes[next] = id.hashCode();
      data = d; // before the slot is published: a reader that sees the slot sees the entry
      if ((next + 1) * 4L > t.slots.length * 3L) {
        Table bigger = new Table(t.slots.length * 2);
        for (int i = 0; i < next; i++) {
          insert(bigger, d.hashes[i], i);
        }
        t = bigger;
      }
      insert(t, d.hashes[next], next);
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
   * Returns the external id of an index, as a new string.
   *
   * @param index an index returned by {@link #intern}
   * @return the external id
   * @throws IllegalArgumentException if {@code index} was never assigned
   */
  public String id(int index) {
    int n = size;
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException("unknown index " + index + " (size " + n + ")");
    }
    return data.decode(index);
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
    Data d = data;
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(d.decode(i));
    }
    return out;
  }

  /**
   * Returns the heap bytes this map holds, computed from the sizes of its arrays (the spare
   * capacity of each included).
   *
   * @return bytes
   */
  public long ramBytesUsed() {
    Table t = table;
    Data d = data;
    return 3 * 16
        + 16
        + 4L * t.slots.length
        + 16
        + ((16 + d.chars.length + 7) & ~7L)
        + 16
        + 4L * d.ends.length
        + 16
        + 4L * d.hashes.length;
  }
}
