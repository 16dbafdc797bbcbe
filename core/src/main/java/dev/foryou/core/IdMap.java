package dev.foryou.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * <p>Memory: the ids are not kept as {@code String} objects. Each id is a record in one byte array
 * (its hash, its index, its length and its characters: one byte per character where every character
 * of the id is below U+0100, two otherwise), found through an open-addressing table of record
 * offsets (linear probing, load at most 3/4), so a lookup reads one table slot and one record,
 * usually one cache line each. That is the id's length plus about 30 bytes with the spare capacity,
 * where a table of {@code String}s costs over 50 bytes plus the length (at a million videos or
 * users, about 40 MB less). {@link #id} builds a new string on each call.
 */
public final class IdMap {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final VarHandle INT_AT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** A record's header: the hash, the index, then the length in characters (shifted) and coder. */
  private static final int HEADER = 12;

  /** The most bytes of records (offsets + 1 must fit a table slot's int). */
  private static final int MAX_BYTES = (1 << 30) - 1;

  /** The table of one generation: record offset + 1 per slot, 0 for empty; set with release. */
  private static final class Table {
    final int[] slots;
    final int mask;

    Table(int capacity) {
      slots = new int[capacity];
      mask = capacity - 1;
    }
  }

  /**
   * The records of one generation and each index's record offset. A record at offset r: {@link
   * String#hashCode} at r, the index at r + 4, {@code length << 1 | wide} at r + 8, then the
   * characters (two bytes each, big-endian, where {@code wide}). A record is written before its
   * table slot is published; a generation is replaced when an array grows (an unchanged one is
   * shared).
   */
  private static final class Data {
    final byte[] records;
    final int[] offsets;

    Data(byte[] records, int[] offsets) {
      this.records = records;
      this.offsets = offsets;
    }

    int intAt(int at) {
      return (int) INT_AT.get(records, at);
    }

    /** Whether the record at {@code r} holds {@code id} (whose hash is {@code hash}). */
    boolean matches(int r, String id, int hash) {
      if (intAt(r) != hash) {
        return false;
      }
      int head = intAt(r + 8);
      int n = id.length();
      if (head >>> 1 != n) {
        return false;
      }
      int at = r + HEADER;
      if ((head & 1) == 0) {
        for (int k = 0; k < n; k++) {
          if ((records[at + k] & 0xFF) != id.charAt(k)) {
            return false;
          }
        }
        return true;
      }
      for (int k = 0; k < n; k++) {
        int p = at + 2 * k;
        if ((char) (((records[p] & 0xFF) << 8) | (records[p + 1] & 0xFF)) != id.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    String decode(int index) {
      int r = offsets[index];
      int head = intAt(r + 8);
      int n = head >>> 1;
      int at = r + HEADER;
      if ((head & 1) == 0) {
        return new String(records, at, n, StandardCharsets.ISO_8859_1);
      }
      char[] c = new char[n];
      for (int k = 0; k < n; k++) {
        c[k] = (char) (((records[at + 2 * k] & 0xFF) << 8) | (records[at + 2 * k + 1] & 0xFF));
      }
      return new String(c);
    }
  }

  private volatile Table table = new Table(16);
  private volatile Data data = new Data(new byte[256], new int[8]);
  private volatile int size;

  /** Bytes of records written (writer only, under the lock). */
  private int used;

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
      Data d = data; // read after the slot: holds every record published before it
      if (d.matches(s - 1, id, hash)) {
        return d.intAt(s - 1 + 4);
      }
      i = (i + 1) & t.mask;
    }
  }

  private static void insert(Table t, int hash, int record) {
    int i = slot(hash, t.mask);
    while (t.slots[i] != 0) {
      i = (i + 1) & t.mask;
    }
    SLOTS.setRelease(t.slots, i, record + 1);
  }

  /**
   * Returns the index of {@code id}, assigning the next free one on first sight.
   *
   * @param id the external id, non-null and non-empty
   * @return its dense index
   * @throws IllegalArgumentException if {@code id} is empty
   * @throws IllegalStateException if the map is full: a gigabyte of records
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
      int r = used;
      long end = r + HEADER + (long) id.length() * (wide ? 2 : 1);
      if (end > MAX_BYTES) {
        throw new IllegalStateException(
            "IdMap is full (" + next + " ids, " + r + " bytes): cannot add id " + id);
      }
      Data d = data;
      boolean moreIds = next == d.offsets.length;
      if (moreIds || end > d.records.length) { // a new generation
        int bytes = (int) Math.max(end, Math.min(MAX_BYTES, 2L * d.records.length));
        d =
            new Data(
                end > d.records.length ? Arrays.copyOf(d.records, bytes) : d.records,
                moreIds ? Arrays.copyOf(d.offsets, 2 * next) : d.offsets);
      }
      int hash = id.hashCode();
      INT_AT.set(d.records, r, hash);
      INT_AT.set(d.records, r + 4, next);
      INT_AT.set(d.records, r + 8, id.length() << 1 | (wide ? 1 : 0));
      int at = r + HEADER;
      for (int k = 0; k < id.length(); k++) {
        char ch = id.charAt(k);
        if (wide) {
          d.records[at + 2 * k] = (byte) (ch >>> 8);
          d.records[at + 2 * k + 1] = (byte) ch;
        } else {
          d.records[at + k] = (byte) ch;
        }
      }
      d.offsets[next] = r;
      used = (int) end;
      data = d; // before the slot is published: a reader that sees the slot sees the record
      if ((next + 1) * 4L > t.slots.length * 3L) {
        Table bigger = new Table(t.slots.length * 2);
        for (int i = 0; i < next; i++) {
          int o = d.offsets[i];
          insert(bigger, d.intAt(o), o);
        }
        t = bigger;
      }
      insert(t, hash, r);
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
    // the map, table and data objects; then each array's header and elements
    return 3 * 16
        + 16
        + 4L * t.slots.length
        + ((16 + d.records.length + 7) & ~7L)
        + 16
        + 4L * d.offsets.length;
  }
}
