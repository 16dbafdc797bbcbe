package dev.foryou.ads.targeting;

import dev.foryou.core.user.AgeBand;
import dev.foryou.core.user.DeviceOs;
import dev.foryou.core.user.Gender;
import dev.foryou.core.user.UserAttributes;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntToLongFunction;

/*
 * Design: a boolean-expression index after Whang, Garcia-Molina, Brower, Shanmugasundaram, Vassilvitskii
 * and Yerneni, "Indexing Boolean Expressions", VLDB 2009. Every ad group's spec is a conjunction of
 * "dimension ∈ S" and "dimension ∉ S" predicates. As in the paper, each (dimension, value) term has
 * an ∈ posting list and a ∉ posting list of conjunctions; a conjunction of size K (K = number of
 * ∈ dimensions) matches when all K of its ∈ dimensions are hit and no ∉ term is hit, and size-0
 * conjunctions sit on a separate Z list that matches unless a ∉ term hits. Instead of the paper's
 * sorted-cursor skipping per size partition we count hits with a per-thread, epoch-stamped
 * bitmask of satisfied dimensions packed with the epoch in one int per slot (multi-valued dimensions such as interests then cannot count
 * twice), which touches every posting of the request's terms once: O(Σ postings) per request.
 * The small enumerated dimensions (age band, gender, OS) are not posted at all — their lists would
 * be the longest — but folded into a 16-bit allow mask per conjunction that is checked with one
 * AND for every conjunction that the posted dimensions (or the Z list) admit.
 *
 * Live updates: snapshots are immutable. A put copies only the posting lists of its own terms (plus
 * the term table and the alive bitset) and appends the conjunction in a new slot; a remove clears
 * its alive bit. Dead slots stay in postings until they outnumber live ones (and exceed 1024), then
 * the whole index is rebuilt, so the work per write is amortised O(postings touched + terms +
 * slots/64). Slot arrays grow append-only: a slot is written before the snapshot that covers it is
 * published through the volatile field, and older snapshots never read past their own slot count.
 *
 * Top-k scans (threshold algorithms: Fagin, Lotem and Naor, PODS 2001; block-max early termination
 * as in Ding and Suel, SIGIR 2011): a rebuild numbers the slots by a caller-given upper bound of
 * their score, highest first, and keeps the maximum bound of every block of 128 slots. Postings
 * are sorted by slot, so a scan counts block by block with one cursor per posting list, and before
 * each block the caller compares the largest bound of the remaining blocks with its k-th best: once
 * it is lower, nothing further can enter. Bounds may only rise between rebuilds (the block maxima
 * are raised under the write lock on put and refreshBound; appended slots go to the last blocks),
 * so the suffix maxima a scan takes at its start bound every key it has not returned yet.
 */
final class BooleanExpressionIndex implements TargetingIndex {
  private static final Dimension[] DIMS = Dimension.values();
  private static final int EXCLUDED = 1 << 8;
  private static final int BITS = (1 << 9) - 1;
  private static final int[] EMPTY = new int[0];
  private static final int LOG_BLOCK = 7;
  // the first HOT_BLOCKS blocks hold the best keys; a key of a later block whose bound rises above
  // the hot floor (the bound at the end of the hot blocks at the last rebuild) disorders its block
  private static final int HOT_BLOCKS = 2;
  private static final int MAX_DISORDERED_BLOCKS = 8;
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  @SuppressWarnings("unchecked")
  private final ConcurrentHashMap<String, Integer>[] dict = new ConcurrentHashMap[DIMS.length];

  private int termCount; // guarded by this
  private final Int2ObjectOpenHashMap<TargetingSpec> specs = new Int2ObjectOpenHashMap<>();
  private final Int2IntOpenHashMap slotOfKey = new Int2IntOpenHashMap();
  private final IntToLongFunction bound;
  // layout disorder since the last rebuild; guarded by this
  private long hotFloor = Long.MIN_VALUE;
  private long[] disorderedBits = new long[1];
  private int disordered;
  private int writesSinceRebuild;
  private volatile Snapshot snap = Snapshot.empty();
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  BooleanExpressionIndex(IntToLongFunction bound) {
    this.bound = bound;
    for (int d = 0; d < DIMS.length; d++) {
      dict[d] = new ConcurrentHashMap<>();
    }
    slotOfKey.defaultReturnValue(-1);
  }

  /** One immutable view of the index. */
  private static final class Snapshot {
    static Snapshot empty() {
      // per index: puts write the slot arrays in place until they grow
      return new Snapshot(
          new int[0][],
          new int[0][],
          new int[16],
          new int[16],
          new long[1],
          EMPTY,
          new long[0],
          0,
          0);
    }

    final int[][] inc;
    final int[][] exc;
    final int[] keyOf;
    final int[] reqMask;
    final long[] alive;
    final int[] zero;
    // per block of 2^LOG_BLOCK slots: the largest bound of its keys; raised in place under the
    // write lock (shared by the snapshots of one slot layout, read as volatile)
    final long[] blockMax;
    final int slots;
    final int live;

    Snapshot(
        int[][] inc,
        int[][] exc,
        int[] keyOf,
        int[] reqMask,
        long[] alive,
        int[] zero,
        long[] blockMax,
        int slots,
        int live) {
      this.blockMax = blockMax;
      this.inc = inc;
      this.exc = exc;
      this.keyOf = keyOf;
      this.reqMask = reqMask;
      this.alive = alive;
      this.zero = zero;
      this.slots = slots;
      this.live = live;
    }
  }

  /**
   * Per-thread counting state: one int per slot holding (epoch << 9) | excluded bit (1 << 8) |
   * satisfied-dimension bits, so a posting costs one read and one write; plus the cursors of the
   * current scan.
   */
  private static final class Scratch implements Scan {
    static final int MAX_EPOCH = (1 << 22) - 1;
    int[] state = EMPTY;
    int[] touched = EMPTY;
    int epoch;
    // the current scan
    Snapshot s;
    int tag;
    int reqEnum;
    int[][] lists = new int[16][];
    int[] bits = new int[16];
    int[] cur = new int[16];
    int nLists;
    int zeroCur;
    int block;
    int nBlocks;
    long[] suffix = new long[1];
    long[] blockVal = new long[1];
    final int[] hits = new int[1 << LOG_BLOCK];

    void addList(int[] list, int bit) {
      if (nLists == lists.length) {
        lists = Arrays.copyOf(lists, nLists * 2);
        bits = Arrays.copyOf(bits, nLists * 2);
        cur = Arrays.copyOf(cur, nLists * 2);
      }
      lists[nLists] = list;
      bits[nLists] = bit;
      cur[nLists] = 0;
      nLists++;
    }

    void start(Snapshot snapshot) {
      s = snapshot;
      tag = epoch << 9;
      zeroCur = 0;
      block = 0;
      int nb = (snapshot.slots + (1 << LOG_BLOCK) - 1) >>> LOG_BLOCK;
      nBlocks = nb;
      if (suffix.length < nb + 1) {
        suffix = new long[Math.max(nb + 1, suffix.length * 2)];
        blockVal = new long[suffix.length];
      }
      long[] bm = snapshot.blockMax;
      long m = Long.MIN_VALUE;
      suffix[nb] = m;
      for (int b = nb - 1; b >= 0; b--) {
        long v = (long) LONGS.getVolatile(bm, b);
        blockVal[b] = v;
        if (v > m) {
          m = v;
        }
        suffix[b] = m;
      }
    }

    void end() {
      for (int i = 0; i < nLists; i++) {
        lists[i] = null;
      }
      nLists = 0;
      s = null;
    }

    /** The first index at or after p whose value is at least target (galloping search). */
    static int advance(int[] a, int p, int target) {
      int len = a.length;
      if (p >= len || a[p] >= target) {
        return p;
      }
      int step = 1;
      int lo = p; // a[lo] < target
      while (lo + step < len && a[lo + step] < target) {
        lo += step;
        step <<= 1;
      }
      int hi = Math.min(lo + step, len); // a[hi] >= target or hi == len
      while (hi - lo > 1) {
        int mid = (lo + hi) >>> 1;
        if (a[mid] < target) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return hi;
    }

    @Override
    public int next(long threshold, IntArrayList out) {
      int b = block;
      if (b >= nBlocks || suffix[b] < threshold) {
        end();
        return -1;
      }
      while (blockVal[b] < threshold) {
        b++; // stops: suffix[block] >= threshold
      }
      if (b != block) {
        int lo = b << LOG_BLOCK;
        for (int i = 0, nl = nLists; i < nl; i++) {
          cur[i] = advance(lists[i], cur[i], lo);
        }
        zeroCur = advance(s.zero, zeroCur, lo);
      }
      block = b + 1;
      final int hi = block << LOG_BLOCK;
      final int tg = tag;
      final int[] st = state;
      final int[] tc = touched;
      int n = 0;
      for (int i = 0, nl = nLists; i < nl; i++) {
        int[] list = lists[i];
        int bit = bits[i];
        int p = cur[i];
        int len = list.length;
        int slot;
        while (p < len && (slot = list[p]) < hi) {
          int v = st[slot];
          if ((v & ~BITS) != tg) {
            v = tg;
            tc[n++] = slot;
          }
          st[slot] = v | bit;
          p++;
        }
        cur[i] = p;
      }
      Snapshot sn = s;
      final int[] hits = this.hits; // a block's slots are distinct: at most 2^LOG_BLOCK hits
      int h = 0;
      final int[] req = sn.reqMask;
      final long[] alive = sn.alive;
      final int[] keyOf = sn.keyOf;
      final int re = reqEnum;
      for (int i = 0; i < n; i++) {
        int slot = tc[i];
        int r = req[slot];
        int posted = r & 0xFF;
        if (posted != 0
            && (st[slot] & BITS) == posted
            && ((r >>> 8) & re) == re
            && (alive[slot >> 6] & (1L << slot)) != 0) {
          hits[h++] = keyOf[slot];
        }
      }
      final int[] zero = sn.zero;
      int z = zeroCur;
      int slot;
      while (z < zero.length && (slot = zero[z]) < hi) {
        int v = st[slot];
        if ((alive[slot >> 6] & (1L << slot)) != 0
            && ((req[slot] >>> 8) & re) == re
            && !((v & ~BITS) == tg && (v & EXCLUDED) != 0)) {
          hits[h++] = keyOf[slot];
        }
        z++;
      }
      zeroCur = z;
      out.addElements(out.size(), hits, 0, h);
      return h;
    }

    void ensure(int slots) {
      if (state.length < slots) {
        int n = Math.max(slots, state.length * 2);
        state = new int[n];
        touched = new int[n];
        epoch = 0;
      }
      if (++epoch == MAX_EPOCH) {
        Arrays.fill(state, 0);
        epoch = 1;
      }
    }
  }

  private int termId(Dimension d, String v) {
    // caller holds the lock
    Integer t = dict[d.ordinal()].get(v);
    if (t == null) {
      t = termCount++;
      dict[d.ordinal()].put(v, t);
    }
    return t;
  }

  private static boolean enumDim(Dimension d) {
    return d == Dimension.AGE || d == Dimension.GENDER || d == Dimension.OS;
  }

  /** Bit of an enum dimension's value in the 16-bit allow mask (AGE 0-6, GENDER 7-10, OS 11-15). */
  private static int enumBit(Dimension d, int ordinal) {
    return switch (d) {
      case AGE -> 1 << ordinal;
      case GENDER -> 1 << (7 + ordinal);
      case OS -> 1 << (11 + ordinal);
      default -> throw new AssertionError(d);
    };
  }

  private static int enumOrdinal(Dimension d, String v) {
    return switch (d) {
      case AGE -> AgeBand.valueOf(v).ordinal();
      case GENDER -> Gender.valueOf(v).ordinal();
      case OS -> DeviceOs.valueOf(v).ordinal();
      default -> throw new AssertionError(d);
    };
  }

  private static final int[] ENUM_DIM_BITS = {0x7F, 0xF << 7, 0x1F << 11};
  private static final Dimension[] ENUM_DIMS = {Dimension.AGE, Dimension.GENDER, Dimension.OS};

  /**
   * A slot's word: bits 0-7 = the posted (non-enum) dimensions it includes; bits 8-23 = the enum
   * values (age band, gender, OS) it allows after its includes and excludes.
   */
  private static int slotWord(TargetingSpec spec) {
    int m = 0;
    for (Dimension d : spec.include().keySet()) {
      if (!enumDim(d)) {
        m |= 1 << d.ordinal();
      }
    }
    int allow = 0xFFFF;
    for (int i = 0; i < ENUM_DIMS.length; i++) {
      Dimension d = ENUM_DIMS[i];
      Set<String> inc = spec.include().get(d);
      if (inc != null) {
        allow &= ~ENUM_DIM_BITS[i];
        for (String v : inc) {
          allow |= enumBit(d, enumOrdinal(d, v));
        }
      }
      Set<String> exc = spec.exclude().get(d);
      if (exc != null) {
        for (String v : exc) {
          allow &= ~enumBit(d, enumOrdinal(d, v));
        }
      }
    }
    return m | (allow << 8);
  }

  private static int[] append(int[] a, int v) {
    if (a == null) {
      return new int[] {v};
    }
    int[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

  @Override
  public synchronized void put(int key, TargetingSpec spec) {
    if (key < 0) {
      throw new IllegalArgumentException("key must be >= 0: " + key);
    }
    Objects.requireNonNull(spec, "spec");
    Snapshot s = snap;
    int slot = s.slots;
    long[] alive = Arrays.copyOf(s.alive, Math.max(s.alive.length, (slot >> 6) + 1));
    int live = s.live;
    int old = slotOfKey.get(key);
    if (old >= 0) {
      alive[old >> 6] &= ~(1L << old);
      live--;
    }
    int[] keyOf = s.keyOf;
    int[] reqMask = s.reqMask;
    if (slot == keyOf.length) {
      keyOf = Arrays.copyOf(keyOf, slot * 2);
      reqMask = Arrays.copyOf(reqMask, slot * 2);
    }
    keyOf[slot] = key;
    int req = slotWord(spec);
    reqMask[slot] = req;
    int[][] inc = s.inc;
    int[][] exc = s.exc;
    boolean copied = false;
    for (int pass = 0; pass < 2; pass++) {
      Map<Dimension, Set<String>> m = pass == 0 ? spec.include() : spec.exclude();
      for (var e : m.entrySet()) {
        if (enumDim(e.getKey())) {
          continue;
        }
        for (String v : e.getValue()) {
          int t = termId(e.getKey(), v);
          if (!copied || inc.length <= t) {
            inc = Arrays.copyOf(inc, Math.max(termCount, inc.length));
            exc = Arrays.copyOf(exc, Math.max(termCount, exc.length));
            copied = true;
          }
          if (pass == 0) {
            inc[t] = append(inc[t], slot);
          } else {
            exc[t] = append(exc[t], slot);
          }
        }
      }
    }
    int[] zero = (req & 0xFF) == 0 ? append(s.zero, slot) : s.zero;
    alive[slot >> 6] |= 1L << slot;
    long[] blockMax = s.blockMax;
    int b = slot >>> LOG_BLOCK;
    if (b >= blockMax.length) {
      // a new array for this and later snapshots; older ones keep theirs (raised no further)
      blockMax = Arrays.copyOf(blockMax, Math.max(b + 1, blockMax.length * 2));
      Arrays.fill(blockMax, s.blockMax.length, blockMax.length, Long.MIN_VALUE);
    }
    long v = bound.applyAsLong(key);
    raise(blockMax, b, v);
    specs.put(key, spec);
    slotOfKey.put(key, slot);
    snap = new Snapshot(inc, exc, keyOf, reqMask, alive, zero, blockMax, slot + 1, live + 1);
    if (!maybeCompact()) {
      noteWrite(b, v);
    }
  }

  /**
   * Counts a bound written to block b and re-sorts the slots (a rebuild) once at least {@link
   * #MAX_DISORDERED_BLOCKS} blocks beyond the hot ones hold a key above the hot floor, so scans
   * stay short; at most once per max(256, live/8) writes, which amortises the rebuild.
   */
  private void noteWrite(int b, long v) {
    writesSinceRebuild++;
    if (b >= HOT_BLOCKS && v > hotFloor) {
      if (b >= disorderedBits.length << 6) {
        disorderedBits = Arrays.copyOf(disorderedBits, Math.max(b + 1, disorderedBits.length * 2));
      }
      if ((disorderedBits[b >> 6] & (1L << b)) == 0) {
        disorderedBits[b >> 6] |= 1L << b;
        disordered++;
      }
    }
    if (disordered >= MAX_DISORDERED_BLOCKS
        && writesSinceRebuild >= Math.max(256, snap.live >> 3)) {
      reorder();
    }
  }

  /**
   * Renumbers the live slots by bound (highest first, ties by key) and drops the dead ones, from
   * the current snapshot's postings (no spec is read again): O(slots log slots + postings). Caller
   * holds the lock.
   */
  private void reorder() {
    Snapshot s = snap;
    int n = s.live;
    int[] order = new int[n];
    long[] bounds = new long[s.slots];
    int[] oldKeyOf = s.keyOf;
    int j = 0;
    for (int slot = 0; slot < s.slots; slot++) {
      if ((s.alive[slot >> 6] & (1L << slot)) != 0) {
        order[j++] = slot;
        bounds[slot] = bound.applyAsLong(oldKeyOf[slot]);
      }
    }
    IntArrays.quickSort(
        order,
        0,
        j,
        (a, b) -> {
          int c = Long.compare(bounds[b], bounds[a]);
          return c != 0 ? c : Integer.compare(oldKeyOf[a], oldKeyOf[b]);
        });
    int[] newSlot = new int[s.slots];
    Arrays.fill(newSlot, -1);
    int[] keyOf = new int[Math.max(16, n + n / 4)];
    int[] reqMask = new int[keyOf.length];
    long[] alive = new long[(keyOf.length >> 6) + 1];
    long[] blockMax = new long[((n + (1 << LOG_BLOCK) - 1) >>> LOG_BLOCK) + 1];
    Arrays.fill(blockMax, Long.MIN_VALUE);
    slotOfKey.clear();
    for (int i = 0; i < n; i++) {
      int o = order[i];
      newSlot[o] = i;
      keyOf[i] = oldKeyOf[o];
      reqMask[i] = s.reqMask[o];
      alive[i >> 6] |= 1L << i;
      raise(blockMax, i >>> LOG_BLOCK, bounds[o]);
      slotOfKey.put(keyOf[i], i);
    }
    int[][] inc = new int[s.inc.length][];
    int[][] exc = new int[s.exc.length][];
    for (int t = 0; t < inc.length; t++) {
      inc[t] = remap(s.inc[t], newSlot);
      exc[t] = remap(s.exc[t], newSlot);
    }
    int[] zero = remap(s.zero, newSlot);
    int hot = (HOT_BLOCKS << LOG_BLOCK) - 1;
    hotFloor = n > hot ? bounds[order[hot]] : Long.MIN_VALUE;
    disorderedBits = new long[1];
    disordered = 0;
    writesSinceRebuild = 0;
    snap =
        new Snapshot(inc, exc, keyOf, reqMask, alive, zero == null ? EMPTY : zero, blockMax, n, n);
  }

  /** A posting list in new slot numbers, sorted, without dead slots; null if none is left. */
  private static int[] remap(int[] list, int[] newSlot) {
    if (list == null) {
      return null;
    }
    int[] r = new int[list.length];
    int m = 0;
    for (int slot : list) {
      int ns = newSlot[slot];
      if (ns >= 0) {
        r[m++] = ns;
      }
    }
    if (m == 0) {
      return null;
    }
    if (m < r.length) {
      r = Arrays.copyOf(r, m);
    }
    Arrays.sort(r);
    return r;
  }

  private static void raise(long[] blockMax, int b, long v) {
    if (v > (long) LONGS.getVolatile(blockMax, b)) {
      LONGS.setVolatile(blockMax, b, v);
    }
  }

  @Override
  public synchronized void refreshBound(int key) {
    int slot = slotOfKey.get(key);
    if (slot >= 0) {
      long v = bound.applyAsLong(key);
      raise(snap.blockMax, slot >>> LOG_BLOCK, v);
      noteWrite(slot >>> LOG_BLOCK, v);
    }
  }

  @Override
  public synchronized void putAll(int[] keys, List<TargetingSpec> list) {
    if (keys.length != list.size()) {
      throw new IllegalArgumentException(
          "keys and specs differ in length: " + keys.length + " vs " + list.size());
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] < 0) {
        throw new IllegalArgumentException("key must be >= 0: " + keys[i]);
      }
      Objects.requireNonNull(list.get(i), "spec");
    }
    for (int i = 0; i < keys.length; i++) {
      specs.put(keys[i], list.get(i));
    }
    rebuild();
  }

  @Override
  public synchronized boolean remove(int key) {
    int slot = slotOfKey.remove(key);
    if (slot < 0) {
      return false;
    }
    specs.remove(key);
    Snapshot s = snap;
    long[] alive = s.alive.clone();
    alive[slot >> 6] &= ~(1L << slot);
    snap =
        new Snapshot(
            s.inc, s.exc, s.keyOf, s.reqMask, alive, s.zero, s.blockMax, s.slots, s.live - 1);
    maybeCompact();
    return true;
  }

  private boolean maybeCompact() {
    Snapshot s = snap;
    int dead = s.slots - s.live;
    if (dead > 1024 && dead > s.live) {
      reorder();
      return true;
    }
    return false;
  }

  /** Rebuilds every posting list from {@link #specs}; caller holds the lock. */
  private void rebuild() {
    int n = specs.size();
    int[] keyOf = new int[Math.max(16, n + n / 4)];
    int[] reqMask = new int[keyOf.length];
    long[] alive = new long[(keyOf.length >> 6) + 1];
    slotOfKey.clear();
    int[] keys = specs.keySet().toIntArray();
    Arrays.sort(keys);
    // slots by bound, highest first (ties by key)
    long[] bounds = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      bounds[i] = bound.applyAsLong(keys[i]);
    }
    int[] perm = new int[keys.length];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    IntArrays.stableSort(perm, (a, b) -> Long.compare(bounds[b], bounds[a]));
    long[] blockMax = new long[((keys.length + (1 << LOG_BLOCK) - 1) >>> LOG_BLOCK) + 1];
    Arrays.fill(blockMax, Long.MIN_VALUE);
    int[] sortedKeys = new int[keys.length];
    for (int i = 0; i < perm.length; i++) {
      sortedKeys[i] = keys[perm[i]];
      raise(blockMax, i >>> LOG_BLOCK, bounds[perm[i]]);
    }
    keys = sortedKeys;
    int hot = (HOT_BLOCKS << LOG_BLOCK) - 1;
    hotFloor = keys.length > hot ? bounds[perm[hot]] : Long.MIN_VALUE;
    disorderedBits = new long[1];
    disordered = 0;
    writesSinceRebuild = 0;
    // first pass: intern terms and count postings
    IntArrayList counts = new IntArrayList();
    IntArrayList excCounts = new IntArrayList();
    int zeros = 0;
    for (int key : keys) {
      TargetingSpec spec = specs.get(key);
      if ((slotWord(spec) & 0xFF) == 0) {
        zeros++;
      }
      for (int pass = 0; pass < 2; pass++) {
        IntArrayList c = pass == 0 ? counts : excCounts;
        for (var e : (pass == 0 ? spec.include() : spec.exclude()).entrySet()) {
          if (enumDim(e.getKey())) {
            continue;
          }
          for (String v : e.getValue()) {
            int t = termId(e.getKey(), v);
            while (c.size() <= t) {
              c.add(0);
            }
            c.set(t, c.getInt(t) + 1);
          }
        }
      }
    }
    int[][] inc = new int[termCount][];
    int[][] exc = new int[termCount][];
    int[] incFill = new int[termCount];
    int[] excFill = new int[termCount];
    int[] zero = new int[zeros];
    int z = 0;
    for (int slot = 0; slot < keys.length; slot++) {
      int key = keys[slot];
      TargetingSpec spec = specs.get(key);
      keyOf[slot] = key;
      int req = slotWord(spec);
      reqMask[slot] = req;
      if ((req & 0xFF) == 0) {
        zero[z++] = slot;
      }
      alive[slot >> 6] |= 1L << slot;
      slotOfKey.put(key, slot);
      for (int pass = 0; pass < 2; pass++) {
        int[][] post = pass == 0 ? inc : exc;
        int[] fill = pass == 0 ? incFill : excFill;
        IntArrayList c = pass == 0 ? counts : excCounts;
        for (var e : (pass == 0 ? spec.include() : spec.exclude()).entrySet()) {
          if (enumDim(e.getKey())) {
            continue;
          }
          for (String v : e.getValue()) {
            int t = dict[e.getKey().ordinal()].get(v);
            if (post[t] == null) {
              post[t] = new int[c.getInt(t)];
            }
            post[t][fill[t]++] = slot;
          }
        }
      }
    }
    snap = new Snapshot(inc, exc, keyOf, reqMask, alive, zero, blockMax, n, n);
  }

  @Override
  public int size() {
    return snap.live;
  }

  @Override
  public int match(TargetingQuery query, IntArrayList out) {
    Scan sc = scan(query);
    int before = out.size();
    while (sc.next(Long.MIN_VALUE, out) >= 0) {
      // every block
    }
    return out.size() - before;
  }

  @Override
  public Scan scan(TargetingQuery query) {
    Snapshot s = snap;
    Scratch sc = scratch.get();
    sc.ensure(s.slots);
    sc.nLists = 0;
    UserAttributes user = query.user();
    sc.reqEnum =
        enumBit(Dimension.AGE, user.ageBand().ordinal())
            | enumBit(Dimension.GENDER, user.gender().ordinal())
            | enumBit(Dimension.OS, user.os().ordinal());
    for (int d = 0; d < DIMS.length; d++) {
      if (enumDim(DIMS[d])) {
        continue;
      }
      List<String> values = query.values(DIMS[d]);
      if (values.isEmpty()) {
        continue;
      }
      ConcurrentHashMap<String, Integer> dm = dict[d];
      int bit = 1 << d;
      for (int vi = 0, vn = values.size(); vi < vn; vi++) {
        Integer t = dm.get(values.get(vi));
        if (t == null || t >= s.inc.length) {
          continue;
        }
        int[] ex = s.exc[t];
        if (ex != null) {
          sc.addList(ex, EXCLUDED);
        }
        int[] in = s.inc[t];
        if (in != null) {
          sc.addList(in, bit);
        }
      }
    }
    sc.start(s);
    return sc;
  }
}
