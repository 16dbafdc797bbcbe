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
 * <p>Memory: the ids are not kept as {@code String} objects. Each id is a record (its hash, its
 * index, its length and its characters: one byte per character where every character of the id is
 * below U+0100, two otherwise) in 64 KiB pages of bytes, found through an open-addressing table of
 * record addresses (linear probing, load at most 3/4), so a lookup reads one table slot and one
 * record. Pages are filled in turn and never copied (but the first, which starts small, so that a
 * map of a few ids stays small). An id costs its length plus 16 bytes and a table slot (4 bytes, at
 * a load between 3/8 and 3/4), where a table of {@code String}s costs over 50 bytes plus the
 * length. {@link #id} builds a new string on each call.
 */
public final class IdMap {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final VarHandle INT_AT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** A record's header: the hash, the index, then the length in characters (shifted) and coder. */
  private static final int HEADER = 12;

  /**
   * Record pages of 2<sup>16</sup> bytes: a record's address is its page (high bits) and its
   * position in it (low 16 bits); a record larger than a page has a page of its own.
   */
  private static final int PAGE_BITS = 16;

  private static final int PAGE = 1 << PAGE_BITS;

  /** Pages at most, so that an address + 1 is a positive int. */
  private static final int MAX_PAGES = (1 << (31 - PAGE_BITS)) - 1;

  /** Record addresses per page of {@link Data#addresses}. */
  private static final int INDEX_PAGE_BITS = 12;

  /** The table of one generation: record address + 1 per slot, 0 for empty; set with release. */
  private static final class Table {
    final int[] slots;
    final int mask;

    Table(int capacity) {
      slots = new int[capacity];
      mask = capacity - 1;
    }
  }

  /**
   * The record pages and each index's record address, in pages too; replaced (the page tables
   * copied, the pages shared) when a page is added. A record at position r of its page: {@link
   * String#hashCode} at r, the index at r + 4, {@code length << 1 | wide} at r + 8, then the
   * characters (two bytes each, big-endian, where {@code wide}). A record is written before its
   * table slot is published.
   */
  private static final class Data {
    final byte[][] pages;
    final int[][] addresses;

    Data(byte[][] pages, int[][] addresses) {
      this.pages = pages;
      this.addresses = addresses;
    }

    int address(int index) {
      return addresses[index >>> INDEX_PAGE_BITS][index & ((1 << INDEX_PAGE_BITS) - 1)];
    }

    byte[] page(int address) {
      return pages[address >>> PAGE_BITS];
    }

    static int intAt(byte[] page, int at) {
      return (int) INT_AT.get(page, at);
    }

    /** The two-byte (big-endian) character at {@code at}. */
    static char wideChar(byte[] page, int at) {
      return (char) (((page[at] & 0xFF) << 8) | (page[at + 1] & 0xFF));
    }

    /** Whether the record at {@code address} holds {@code id} (whose hash is {@code hash}). */
    boolean matches(int address, String id, int hash) {
      byte[] p = page(address);
      int r = address & (PAGE - 1);
      if (intAt(p, r) != hash) {
        return false;
      }
      int head = intAt(p, r + 8);
      int n = id.length();
      if (head >>> 1 != n) {
        return false;
      }
      int at = r + HEADER;
      if ((head & 1) == 0) {
        for (int k = 0; k < n; k++) {
          if ((p[at + k] & 0xFF) != id.charAt(k)) {
            return false;
          }
        }
        return true;
      }
      for (int k = 0; k < n; k++) {
        if (wideChar(p, at + 2 * k) != id.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    int indexAt(int address) {
      return intAt(page(address), (address & (PAGE - 1)) + 4);
    }

    int hashAt(int address) {
      return intAt(page(address), address & (PAGE - 1));
    }

    String decode(int index) {
      int address = address(index);
      byte[] p = page(address);
      int r = address & (PAGE - 1);
      int head = intAt(p, r + 8);
      int n = head >>> 1;
      int at = r + HEADER;
      if ((head & 1) == 0) {
        return new String(p, at, n, StandardCharsets.ISO_8859_1);
      }
      char[] c = new char[n];
      for (int k = 0; k < n; k++) {
        c[k] = wideChar(p, at + 2 * k);
      }
      return new String(c);
    }
  }

  private volatile Table table = new Table(16);
  private volatile Data data = new Data(new byte[0][], new int[0][]);
  private volatile int size;

  /** The page being filled and the bytes used in it (writer only, under the lock). */
  private int fill = -1;

  private int used = PAGE;

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
        return d.indexAt(s - 1);
      }
      i = (i + 1) & t.mask;
    }
  }

  private static void insert(Table t, int hash, int address) {
    int i = slot(hash, t.mask);
    while (t.slots[i] != 0) {
      i = (i + 1) & t.mask;
    }
    SLOTS.setRelease(t.slots, i, address + 1);
  }

  /**
   * Returns the index of {@code id}, assigning the next free one on first sight.
   *
   * @param id the external id, non-null and non-empty
   * @return its dense index
   * @throws IllegalArgumentException if {@code id} is empty
   * @throws IllegalStateException if the map is full (about 2 GiB of records)
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
      long bytes = HEADER + (long) id.length() * (wide ? 2 : 1);
      Data d = data;
      byte[][] pages = d.pages;
      int page = fill;
      int r = used;
      if (page < 0 || r + bytes > pages[page].length) {
        if (page >= 0 && pages[page].length < PAGE && r + bytes <= PAGE) {
          // the first page starts small and doubles (a copy: readers keep the one they hold)
          pages = pages.clone();
          pages[page] =
              Arrays.copyOf(pages[page], (int) Math.min(PAGE, Math.max(r + bytes, 2L * r)));
        } else { // a new page, of its own for a record larger than a page
          page = pages.length;
          if (page >= MAX_PAGES || bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException(
                "IdMap is full (" + next + " ids, " + page + " pages): cannot add id " + id);
          }
          pages = Arrays.copyOf(pages, page + 1);
          pages[page] =
              new byte[(int) (bytes > PAGE ? bytes : page == 0 ? Math.max(256, bytes) : PAGE)];
          r = 0;
        }
      }
      int[][] addresses = d.addresses;
      int ip = next >>> INDEX_PAGE_BITS;
      int io = next & ((1 << INDEX_PAGE_BITS) - 1);
      if (ip == addresses.length) {
        addresses = Arrays.copyOf(addresses, ip + 1);
        addresses[ip] = new int[ip == 0 ? 16 : 1 << INDEX_PAGE_BITS];
      } else if (io == addresses[ip].length) { // the first page starts small too
        addresses = addresses.clone();
        addresses[ip] = Arrays.copyOf(addresses[ip], 2 * io);
      }
      if (pages != d.pages || addresses != d.addresses) {
        d = new Data(pages, addresses);
      }
      byte[] p = pages[page];
      int hash = id.hashCode();
      INT_AT.set(p, r, hash);
      INT_AT.set(p, r + 4, next);
      INT_AT.set(p, r + 8, id.length() << 1 | (wide ? 1 : 0));
      int at = r + HEADER;
      for (int k = 0; k < id.length(); k++) {
        char ch = id.charAt(k);
        if (wide) {
          p[at + 2 * k] = (byte) (ch >>> 8);
          p[at + 2 * k + 1] = (byte) ch;
        } else {
          p[at + k] = (byte) ch;
        }
      }
      int address = page << PAGE_BITS | r;
      addresses[ip][io] = address;
      fill = page;
      used = (int) (r + bytes);
      data = d; // before the slot is published: a reader that sees the slot sees the record
      if ((next + 1) * 4L > t.slots.length * 3L) {
        Table bigger = new Table(t.slots.length * 2);
        for (int i = 0; i < next; i++) {
          int a = d.address(i);
          insert(bigger, d.hashAt(a), a);
        }
        t = bigger;
      }
      insert(t, hash, address);
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
    long bytes = 3 * 16 + 16 + 4L * t.slots.length;
    bytes += 16 + 4L * d.pages.length + 16 + 4L * d.addresses.length;
    for (byte[] p : d.pages) {
      bytes += (16 + p.length + 7) & ~7L;
    }
    for (int[] a : d.addresses) {
      bytes += 16 + 4L * a.length;
    }
    return bytes;
  }
}
