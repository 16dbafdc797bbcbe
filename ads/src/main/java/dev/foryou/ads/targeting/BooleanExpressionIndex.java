package dev.foryou.ads.targeting;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Design: a boolean-expression index after Whang, Garcia-Molina, Brower, Shanmugasundaram, Vassilvitskii
 * and Yerneni, "Indexing Boolean Expressions", VLDB 2009. Every ad group's spec is a conjunction of
 * "dimension ∈ S" and "dimension ∉ S" predicates. As in the paper, each (dimension, value) term has
 * an ∈ posting list and a ∉ posting list of conjunctions; a conjunction of size K (K = number of
 * ∈ dimensions) matches when all K of its ∈ dimensions are hit and no ∉ term is hit, and size-0
 * conjunctions sit on a separate Z list that matches unless a ∉ term hits. Instead of the paper's
 * sorted-cursor skipping per size partition we count hits with a per-thread, epoch-stamped
 * bitmask of satisfied dimensions (multi-valued dimensions such as interests then cannot count
 * twice), which touches every posting of the request's terms once: O(Σ postings) per request.
 *
 * Live updates: snapshots are immutable. A put copies only the posting lists of its own terms (plus
 * the term table and the alive bitset) and appends the conjunction in a new slot; a remove clears
 * its alive bit. Dead slots stay in postings until they outnumber live ones (and exceed 1024), then
 * the whole index is rebuilt, so the work per write is amortised O(postings touched + terms +
 * slots/64). Slot arrays grow append-only: a slot is written before the snapshot that covers it is
 * published through the volatile field, and older snapshots never read past their own slot count.
 */
final class BooleanExpressionIndex implements TargetingIndex {
  private static final Dimension[] DIMS = Dimension.values();
  private static final int EXCLUDED = 1 << 31;
  private static final int[] EMPTY = new int[0];

  @SuppressWarnings("unchecked")
  private final ConcurrentHashMap<String, Integer>[] dict = new ConcurrentHashMap[DIMS.length];

  private int termCount; // guarded by this
  private final Int2ObjectOpenHashMap<TargetingSpec> specs = new Int2ObjectOpenHashMap<>();
  private final Int2IntOpenHashMap slotOfKey = new Int2IntOpenHashMap();
  private volatile Snapshot snap = Snapshot.EMPTY_SNAPSHOT;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  BooleanExpressionIndex() {
    for (int d = 0; d < DIMS.length; d++) {
      dict[d] = new ConcurrentHashMap<>();
    }
    slotOfKey.defaultReturnValue(-1);
  }

  /** One immutable view of the index. */
  private static final class Snapshot {
    static final Snapshot EMPTY_SNAPSHOT =
        new Snapshot(
            new int[0][], new int[0][], new int[16], new int[16], new long[1], EMPTY, 0, 0);
    final int[][] inc;
    final int[][] exc;
    final int[] keyOf;
    final int[] reqMask;
    final long[] alive;
    final int[] zero;
    final int slots;
    final int live;

    Snapshot(
        int[][] inc,
        int[][] exc,
        int[] keyOf,
        int[] reqMask,
        long[] alive,
        int[] zero,
        int slots,
        int live) {
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

  /** Per-thread counting state. */
  private static final class Scratch {
    int[] stamp = EMPTY;
    int[] mask = EMPTY;
    int[] touched = EMPTY;
    int epoch;

    void ensure(int slots) {
      if (stamp.length < slots) {
        int n = Math.max(slots, stamp.length * 2);
        stamp = new int[n];
        mask = new int[n];
        touched = new int[n];
        epoch = 0;
      }
      if (++epoch == Integer.MAX_VALUE) {
        Arrays.fill(stamp, 0);
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

  private static int requiredMask(TargetingSpec spec) {
    int m = 0;
    for (Dimension d : spec.include().keySet()) {
      m |= 1 << d.ordinal();
    }
    return m;
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
    int req = requiredMask(spec);
    reqMask[slot] = req;
    int[][] inc = s.inc;
    int[][] exc = s.exc;
    boolean copied = false;
    for (int pass = 0; pass < 2; pass++) {
      Map<Dimension, Set<String>> m = pass == 0 ? spec.include() : spec.exclude();
      for (var e : m.entrySet()) {
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
    int[] zero = req == 0 ? append(s.zero, slot) : s.zero;
    alive[slot >> 6] |= 1L << slot;
    specs.put(key, spec);
    slotOfKey.put(key, slot);
    snap = new Snapshot(inc, exc, keyOf, reqMask, alive, zero, slot + 1, live + 1);
    maybeCompact();
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
    snap = new Snapshot(s.inc, s.exc, s.keyOf, s.reqMask, alive, s.zero, s.slots, s.live - 1);
    maybeCompact();
    return true;
  }

  private void maybeCompact() {
    Snapshot s = snap;
    int dead = s.slots - s.live;
    if (dead > 1024 && dead > s.live) {
      rebuild();
    }
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
    // first pass: intern terms and count postings
    IntArrayList counts = new IntArrayList();
    IntArrayList excCounts = new IntArrayList();
    int zeros = 0;
    for (int key : keys) {
      TargetingSpec spec = specs.get(key);
      if (spec.include().isEmpty()) {
        zeros++;
      }
      for (int pass = 0; pass < 2; pass++) {
        IntArrayList c = pass == 0 ? counts : excCounts;
        for (var e : (pass == 0 ? spec.include() : spec.exclude()).entrySet()) {
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
      int req = requiredMask(spec);
      reqMask[slot] = req;
      if (req == 0) {
        zero[z++] = slot;
      }
      alive[slot >> 6] |= 1L << slot;
      slotOfKey.put(key, slot);
      for (int pass = 0; pass < 2; pass++) {
        int[][] post = pass == 0 ? inc : exc;
        int[] fill = pass == 0 ? incFill : excFill;
        IntArrayList c = pass == 0 ? counts : excCounts;
        for (var e : (pass == 0 ? spec.include() : spec.exclude()).entrySet()) {
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
    snap = new Snapshot(inc, exc, keyOf, reqMask, alive, zero, n, n);
  }

  @Override
  public int size() {
    return snap.live;
  }

  @Override
  public int match(TargetingQuery query, IntArrayList out) {
    Snapshot s = snap;
    Scratch sc = scratch.get();
    sc.ensure(s.slots);
    final int ep = sc.epoch;
    final int[] stamp = sc.stamp;
    final int[] mask = sc.mask;
    final int[] touched = sc.touched;
    int n = 0;
    for (int d = 0; d < DIMS.length; d++) {
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
          for (int slot : ex) {
            if (stamp[slot] != ep) {
              stamp[slot] = ep;
              mask[slot] = 0;
              touched[n++] = slot;
            }
            mask[slot] |= EXCLUDED;
          }
        }
        int[] in = s.inc[t];
        if (in != null) {
          for (int slot : in) {
            if (stamp[slot] != ep) {
              stamp[slot] = ep;
              mask[slot] = 0;
              touched[n++] = slot;
            }
            mask[slot] |= bit;
          }
        }
      }
    }
    int before = out.size();
    final int[] req = s.reqMask;
    final long[] alive = s.alive;
    final int[] keyOf = s.keyOf;
    for (int i = 0; i < n; i++) {
      int slot = touched[i];
      int r = req[slot];
      if (r != 0 && mask[slot] == r && (alive[slot >> 6] & (1L << slot)) != 0) {
        out.add(keyOf[slot]);
      }
    }
    for (int slot : s.zero) {
      if ((alive[slot >> 6] & (1L << slot)) != 0
          && !(stamp[slot] == ep && (mask[slot] & EXCLUDED) != 0)) {
        out.add(keyOf[slot]);
      }
    }
    return out.size() - before;
  }
}
