package dev.foryou.core.catalog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.VectorUtil;

/*
 * Design: a hierarchical navigable small-world graph (Malkov & Yashunin, "Efficient and robust
 * approximate nearest neighbor search using Hierarchical Navigable Small World graphs", TPAMI
 * 2018) by raw dot product (maximum inner product, so embeddings need not be normalised), kept on
 * the heap in flat primitive arrays: level-0 neighbour lists in int[] pages with a fixed stride
 * (count, then up to 2M ids), upper levels (about 1 node in M) in a small int[] per node, the
 * vectors as references to the catalog's own float[] (no copy), and an int8 copy of each vector
 * (its "codes" and a scale, dim + 4 bytes) in byte[] pages like the lists. Linking scores by the
 * floats; a search walks level 0 by the codes (one or two cache lines per node at an address
 * computed from the node, where a float[] is a reference to load and then five lines) and scores
 * the ef nodes it keeps again by the floats, so it returns exact scores. A search touches only
 * neighbour ints and codes: no codec decoding, which is where a Lucene ByteBuffersDirectory graph
 * search spends its time. Neighbours are chosen with the paper's
 * heuristic (Algorithm 4: a candidate is kept only if it is closer to the base than to every
 * neighbour already kept); an overflowing list is re-pruned with the same heuristic.
 *
 * Nodes ("ords") are dense and appended. A node belongs to one video index (video[ord]); a video
 * whose vector changes, or that is removed, leaves its old node as a dead routing node
 * (video[ord] = -1), which searches walk through but never return; the catalog rebuilds the
 * graph when dead nodes pile up.
 *
 * Concurrency: writers are serialised by the caller (the catalog's monitor). A single writer
 * appends and links nodes one at a time; a bulk insert links many nodes with a pool of workers
 * that lock only the one neighbour list they rewrite (striped monitors, never nested). Readers
 * never lock: they follow only nodes below `published` (a volatile written after the node, its
 * vector and its lists, so everything a reader needs of such a node is visible) and read lists
 * that a writer may be rewriting at that moment; every id read is bounds-checked against
 * `published`, so a torn read costs at most a little accuracy, never safety. The arrays are
 * replaced (never resized in place) only by the single writer, between bulk inserts.
 */
final class VectorGraph {
  private static final int LOCK_STRIPES = 1 << 12;

  private static final VarHandle FLOAT_AT =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

  private final int dim;
  private final int m;
  private final int m0;
  private final int beam;
  private final double levelFactor;
  private final long seed;
  private final Object[] locks = new Object[LOCK_STRIPES];
  private final Object topLock = new Object();

  /** Node arrays; replaced as a whole when they grow. */
  private volatile Store store;

  /** What readers may use: the linked nodes and their entry point, replaced as a whole. */
  private volatile View view = new View(-1, 0);

  /** Nodes allocated (vectors set); nodes in [published, allocated) await linking. */
  private volatile int allocated;

  /** Entry node (low 32 bits) and top level (high 32 bits) for writers; -1 when empty. */
  private volatile long top = -1;

  private int dead;

  private final ThreadLocal<Search> searches;

  /** Nodes per page of level-0 lists (a page of M = 32 lists is about 1 MB). */
  static final int PAGE_BITS = 12;

  static final int PAGE = 1 << PAGE_BITS;

  static final class Store {
    final int capacity;
    final int stride;
    final int codeStride;
    final float[][] vectors;
    final int[] video;

    /**
     * Level-0 lists in pages of {@link #PAGE} nodes (node o at {@code links0[o >>> PAGE_BITS]},
     * offset {@code (o & (PAGE - 1)) * stride}), allocated when their first node is appended:
     * growing copies page references instead of the lists, and at most one page is partly unused (a
     * flat array grown by half wasted up to a third). A graph smaller than a page has one smaller
     * page.
     */
    final int[][] links0;

    /**
     * The vectors' int8 codes, paged like {@link #links0}: node o's {@code dim} codes at {@code
     * codes0[o >>> PAGE_BITS]}, offset {@code (o & (PAGE - 1)) * codeStride}, followed by their
     * scale (a little-endian float; see {@link #quantize}).
     */
    final byte[][] codes0;

    final int[][] upper;

    Store(int capacity, int m0, int dim) {
      this(capacity, m0, dim + Float.BYTES, new int[0][], new byte[0][]);
    }

    private Store(int capacity, int m0, int codeStride, int[][] oldPages, byte[][] oldCodes) {
      this.capacity = capacity;
      this.stride = m0 + 1;
      this.codeStride = codeStride;
      vectors = new float[capacity][];
      video = new int[capacity];
      upper = new int[capacity][];
      int pages = (capacity + PAGE - 1) >>> PAGE_BITS;
      links0 = Arrays.copyOf(oldPages, pages);
      codes0 = Arrays.copyOf(oldCodes, pages);
      int first = Math.min(capacity, PAGE);
      // a first page smaller than PAGE grows by copying
      if (links0[0] == null || links0[0].length < first * stride) {
        links0[0] = Arrays.copyOf(links0[0] == null ? new int[0] : links0[0], first * stride);
      }
      if (codes0[0] == null || codes0[0].length < first * codeStride) {
        codes0[0] = Arrays.copyOf(codes0[0] == null ? new byte[0] : codes0[0], first * codeStride);
      }
    }

    /** Writer only, before a node is used: allocates the pages of its level-0 list and codes. */
    void ensurePage(int ord) {
      int p = ord >>> PAGE_BITS;
      if (links0[p] == null) {
        links0[p] = new int[Math.multiplyExact(PAGE, stride)];
      }
      if (codes0[p] == null) {
        codes0[p] = new byte[Math.multiplyExact(PAGE, codeStride)];
      }
    }

    Store grow(int need, int m0) {
      Store s = new Store(Capacity.grown(capacity, need), m0, codeStride, links0, codes0);
      System.arraycopy(vectors, 0, s.vectors, 0, capacity);
      System.arraycopy(video, 0, s.video, 0, capacity);
      System.arraycopy(upper, 0, s.upper, 0, capacity);
      return s;
    }

    /** The page holding a node's level-0 list. */
    int[] links(int ord) {
      return links0[ord >>> PAGE_BITS];
    }

    /** Where a node's level-0 list starts in its page. */
    int linksAt(int ord) {
      return (ord & (PAGE - 1)) * stride;
    }

    /** The page holding a node's codes. */
    byte[] codes(int ord) {
      return codes0[ord >>> PAGE_BITS];
    }

    /** Where a node's codes start in their page. */
    int codesAt(int ord) {
      return (ord & (PAGE - 1)) * codeStride;
    }
  }

  /**
   * Writes {@code x} as int8 codes into {@code out[at, at + x.length)}, each {@code round(x[i] /
   * scale)} with {@code scale = max|x[i]| / 127} (so every code is in [-127, 127]), and, when
   * {@code withScale}, the scale after them as a little-endian float. The dot product of two
   * vectors is then about {@code scale(a) * scale(b) * codes(a) . codes(b)}, each component being
   * off by at most half a step ({@code max|x[i]| / 254}): the walk ranks nodes by it (a quarter of
   * the cache lines of a 64-float vector, at a fixed address with no reference to follow) and the
   * few results are scored again exactly.
   */
  static void quantize(float[] x, byte[] out, int at, boolean withScale) {
    float max = 0;
    for (float f : x) {
      max = Math.max(max, Math.abs(f));
    }
    float inv = max > 0 ? 127f / max : 0f;
    for (int i = 0; i < x.length; i++) {
      out[at + i] = (byte) Math.max(-127, Math.min(127, Math.round(x[i] * inv)));
    }
    if (withScale) {
      FLOAT_AT.set(out, at + x.length, max / 127f);
    }
  }

  /**
   * @param dim the length of every vector
   * @param m maximum neighbours per node on the upper levels (2 m on level 0)
   * @param beam the beam width while linking ({@code efConstruction})
   * @param seed fixes the levels nodes get
   */
  VectorGraph(int dim, int m, int beam, long seed) {
    this.dim = dim;
    this.m = m;
    this.m0 = 2 * m;
    this.beam = beam;
    this.levelFactor = 1 / Math.log(m);
    this.seed = seed;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
    store = new Store(1024, m0, dim);
    searches = ThreadLocal.withInitial(Search::new);
  }

  /**
   * A consistent view for readers: nodes below {@code published} are linked (their vectors and
   * lists visible to whoever reads this view), {@code top} is their entry node (low 32 bits) and
   * top level (high 32 bits), or -1 when none is linked.
   */
  record View(long top, int published) {}

  /** The readers' current view. */
  View view() {
    return view;
  }

  /** Nodes linked and searchable. */
  int published() {
    return view.published;
  }

  /** Nodes allocated, linked or not. */
  int allocated() {
    return allocated;
  }

  /** Nodes allocated but not yet linked. */
  int unlinked() {
    return allocated - view.published;
  }

  /** Dead nodes (removed or replaced vectors). */
  int dead() {
    return dead;
  }

  /**
   * Appends a node for a video's vector without linking it; readers see it through {@link
   * #scanUnlinked} until {@link #link} has run. Writer only.
   *
   * @return the new node
   */
  int append(int video, float[] vector) {
    if (vector.length != dim) {
      throw new IllegalArgumentException("vector dimension must be " + dim + ": " + vector.length);
    }
    int ord = allocated;
    Store s = store;
    if (ord >= s.capacity) {
      s = s.grow(ord + 1, m0);
      store = s;
    }
    s.ensurePage(ord);
    s.vectors[ord] = vector;
    quantize(vector, s.codes(ord), s.codesAt(ord), true);
    s.video[ord] = video;
    allocated = ord + 1; // volatile: publishes the vector to the readers' scan of unlinked nodes
    return ord;
  }

  /** Marks a node dead: searches still walk through it but never return it. Writer only. */
  void kill(int ord) {
    Store s = store;
    if (ord >= 0 && ord < allocated && s.video[ord] >= 0) {
      s.video[ord] = -1;
      dead++;
    }
  }

  /** The video a node belongs to, or -1 when dead. */
  int video(int ord) {
    return store.video[ord];
  }

  /**
   * Links every unlinked node. With {@code threads > 1} the nodes are linked by that many workers
   * at once (the graph then depends on scheduling); otherwise one by one, each published as soon as
   * it is linked. Writer only.
   */
  void link(int threads) {
    int from = view.published;
    int to = allocated;
    if (from >= to) {
      return;
    }
    if (threads <= 1 || to - from < 2 * threads) {
      for (int ord = from; ord < to; ord++) {
        insert(ord);
        publish(ord + 1);
      }
      return;
    }
    if (top == -1) { // the first node alone, so the workers share an entry point
      insert(from);
      from++;
    }
    AtomicInteger next = new AtomicInteger(from);
    int end = to;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "foryou-vector-graph");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<?>[] work = new Future<?>[threads];
      for (int w = 0; w < threads; w++) {
        work[w] =
            pool.submit(
                () -> {
                  for (int ord = next.getAndIncrement(); ord < end; ord = next.getAndIncrement()) {
                    insert(ord);
                  }
                });
      }
      for (Future<?> f : work) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while linking vectors", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("linking vectors failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    publish(end);
  }

  private void publish(int n) {
    synchronized (topLock) {
      view = new View(top, n);
    }
  }

  private int levelOf(int ord) {
    long z = seed + (ord + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    double u = ((z >>> 11) + 1) * 0x1.0p-53; // (0, 1]
    return Math.min(30, (int) (-Math.log(u) * levelFactor));
  }

  private void insert(int q) {
    Store s = store;
    float[] v = s.vectors[q];
    int level = levelOf(q);
    if (level > 0) {
      s.upper[q] = new int[level * (m + 1)];
    }
    long t;
    synchronized (topLock) {
      t = top;
      if (t == -1) {
        top = ((long) level << 32) | q;
        return;
      }
    }
    int ep = (int) t;
    int topLevel = (int) (t >>> 32);
    Search ctx = searches.get();
    int limit = allocated;
    for (int l = topLevel; l > level; l--) {
      ep = greedy(s, v, ep, l, limit);
    }
    for (int l = Math.min(level, topLevel); l >= 0; l--) {
      int n = ctx.searchLevel(this, s, v, ep, beam, l, limit);
      ep = ctx.outOrds[0];
      int max = l == 0 ? m0 : m;
      int kept = select(s, ctx.outOrds, ctx.outScores, n, max, ctx.selected);
      int[] arr = l == 0 ? s.links(q) : s.upper[q];
      int off = l == 0 ? s.linksAt(q) : (l - 1) * (m + 1);
      synchronized (lock(q)) {
        for (int i = 0; i < kept; i++) {
          arr[off + 1 + i] = ctx.selected[i];
        }
        arr[off] = kept;
      }
      for (int i = 0; i < kept; i++) {
        int nb = ctx.selected[i];
        addLink(s, nb, q, l, ctx);
      }
    }
    if (level > topLevel) {
      synchronized (topLock) {
        if (level > (int) (top >>> 32)) {
          top = ((long) level << 32) | q;
        }
      }
    }
  }

  private Object lock(int ord) {
    return locks[ord & (LOCK_STRIPES - 1)];
  }

  /**
   * Loads every cache line of a vector of {@code dim} floats (one float per 16, and the last) and
   * folds the values into an int that means nothing: a touch ahead of the reads, so that the misses
   * of many vectors are in flight at once. Few instructions per line, as that is what lets many
   * lines be in flight: straight-line loads for the first 64 (the common dimension), int xor, and
   * the last line addressed by {@code dim}, not {@code x.length}, so its address does not wait for
   * the header's line.
   */
  static int touchVector(float[] x, int dim) {
    int t = Float.floatToRawIntBits(x[dim - 1]);
    int d = 0;
    if (dim >= 64) {
      t ^=
          (Float.floatToRawIntBits(x[0]) ^ Float.floatToRawIntBits(x[16]))
              ^ (Float.floatToRawIntBits(x[32]) ^ Float.floatToRawIntBits(x[48]));
      d = 64;
    }
    for (; d < dim; d += 16) {
      t ^= Float.floatToRawIntBits(x[d]);
    }
    return t;
  }

  /** Greedy walk on one upper level towards the best-scoring node. */
  private int greedy(Store s, float[] v, int ep, int level, int limit) {
    float best = VectorUtil.dotProduct(v, s.vectors[ep]);
    boolean moved = true;
    while (moved) {
      moved = false;
      int[] arr = s.upper[ep];
      int off = (level - 1) * (m + 1);
      if (arr == null || arr.length < off + m + 1) {
        break;
      }
      int count = Math.min(arr[off], m);
      for (int i = 0; i < count; i++) {
        int nb = arr[off + 1 + i];
        if (nb < 0 || nb >= limit) {
          continue;
        }
        float[] x = s.vectors[nb];
        if (x == null) {
          continue;
        }
        float sc = VectorUtil.dotProduct(v, x);
        if (sc > best) {
          best = sc;
          ep = nb;
          moved = true;
        }
      }
    }
    return ep;
  }

  /**
   * The paper's neighbour heuristic over candidates sorted best first: keeps a candidate only if it
   * scores higher with the base than with every neighbour kept so far.
   */
  private static int select(Store s, int[] cand, float[] scores, int n, int max, int[] out) {
    int kept = 0;
    for (int i = 0; i < n && kept < max; i++) {
      int c = cand[i];
      float[] cv = s.vectors[c];
      boolean diverse = true;
      for (int j = 0; j < kept; j++) {
        if (VectorUtil.dotProduct(cv, s.vectors[out[j]]) > scores[i]) {
          diverse = false;
          break;
        }
      }
      if (diverse) {
        out[kept++] = c;
      }
    }
    return kept;
  }

  /** Adds q to nb's list on a level, re-pruning the list with the heuristic when it is full. */
  private void addLink(Store s, int nb, int q, int level, Search ctx) {
    int max = level == 0 ? m0 : m;
    int[] arr = level == 0 ? s.links(nb) : s.upper[nb];
    int off = level == 0 ? s.linksAt(nb) : (level - 1) * (m + 1);
    if (arr == null || arr.length < off + max + 1) {
      return;
    }
    synchronized (lock(nb)) {
      int count = arr[off];
      for (int i = 0; i < count; i++) {
        if (arr[off + 1 + i] == q) {
          return;
        }
      }
      if (count < max) {
        arr[off + 1 + count] = q;
        arr[off] = count + 1;
        return;
      }
      float[] base = s.vectors[nb];
      int[] c = ctx.pruneOrds;
      float[] sc = ctx.pruneScores;
      for (int i = 0; i < count; i++) {
        c[i] = arr[off + 1 + i];
        sc[i] = VectorUtil.dotProduct(base, s.vectors[c[i]]);
      }
      c[count] = q;
      sc[count] = VectorUtil.dotProduct(base, s.vectors[q]);
      sortDescending(c, sc, count + 1);
      int kept = select(s, c, sc, count + 1, max, ctx.pruned);
      for (int i = 0; i < kept; i++) {
        arr[off + 1 + i] = ctx.pruned[i];
      }
      arr[off] = kept;
    }
  }

  /** Insertion sort of parallel arrays by score, best first (short lists). */
  private static void sortDescending(int[] ords, float[] scores, int n) {
    for (int i = 1; i < n; i++) {
      int o = ords[i];
      float f = scores[i];
      int j = i - 1;
      while (j >= 0 && scores[j] < f) {
        ords[j + 1] = ords[j];
        scores[j + 1] = scores[j];
        j--;
      }
      ords[j + 1] = o;
      scores[j + 1] = f;
    }
  }

  /**
   * Searches the linked nodes for the {@code ef} best by dot product with {@code query} among the
   * live nodes {@code accept} accepts. The walk on level 0 ranks nodes by their int8 codes (see
   * {@link #quantize}) and the {@code ef} it keeps are then scored exactly and sorted, so the
   * scores returned are exact dot products and only which nodes make the {@code ef} can differ from
   * a walk on the floats (recall within a point at 1 M, see {@code benchmarks/README.md}). The
   * filter is applied during the search, as Lucene's filtered HNSW search does: dead and rejected
   * nodes are walked through but never returned, so a selective filter makes the search go further
   * instead of returning fewer results. {@code accept} is asked only about nodes whose score would
   * place them among the results so far. Lock-free.
   *
   * @param view the view to search (from {@link #view()})
   * @param accept which live nodes (by ord) may be returned
   * @param maxVisits the search stops after scoring about this many nodes, returning the best found
   *     so far (then possibly fewer than ef)
   * @param outOrds receives nodes, best first (length at least ef)
   * @param outScores receives their exact dot products
   * @return how many were written
   */
  int search(
      View view,
      float[] query,
      int ef,
      IntPredicate accept,
      int maxVisits,
      int[] outOrds,
      float[] outScores) {
    long t = view.top;
    int limit = view.published;
    if (t == -1 || limit == 0) {
      return 0;
    }
    Store s = store;
    int ep = (int) t;
    for (int l = (int) (t >>> 32); l > 0; l--) {
      ep = greedy(s, query, ep, l, limit);
    }
    Search ctx = searches.get();
    ctx.setQuery(query);
    int n = ctx.codeWalk(s, ep, ef, limit, m0, accept, maxVisits);
    ctx.rescore(s, query, n, outOrds, outScores);
    return n;
  }

  /** Calls {@code visitor} for every live node allocated but not linked in {@code view}. */
  void scanUnlinked(View view, NodeVisitor visitor) {
    int to = allocated;
    int from = view.published;
    Store s = store;
    for (int o = from; o < to && o < s.capacity; o++) {
      float[] v = s.vectors[o];
      int video = s.video[o];
      if (v != null && video >= 0) {
        visitor.visit(o, video, v);
      }
    }
  }

  /** Receives nodes from {@link #scanUnlinked}. */
  interface NodeVisitor {
    void visit(int ord, int video, float[] vector);
  }

  /** The vector of a node (the catalog's own array). */
  float[] vector(int ord) {
    return store.vectors[ord];
  }

  long ramBytesUsed() {
    Store s = store;
    long bytes =
        RamUsageEstimator.sizeOf(s.video)
            + RamUsageEstimator.shallowSizeOf(s.links0)
            + RamUsageEstimator.shallowSizeOf(s.codes0)
            + RamUsageEstimator.shallowSizeOf(s.vectors)
            + RamUsageEstimator.shallowSizeOf(s.upper);
    for (int[] page : s.links0) {
      if (page != null) {
        bytes += RamUsageEstimator.sizeOf(page);
      }
    }
    for (byte[] page : s.codes0) {
      if (page != null) {
        bytes += RamUsageEstimator.sizeOf(page);
      }
    }
    int n = allocated;
    for (int i = 0; i < n; i++) {
      int[] u = s.upper[i];
      if (u != null) {
        bytes += RamUsageEstimator.sizeOf(u);
      }
    }
    return bytes;
  }

  /** Per-thread search state: heaps, visited set and result buffers, reused across searches. */
  static final class Search {
    private long[] visited = new long[16];
    private int[] touched = new int[64];
    private int touchedCount;
    private long[] results = new long[256]; // min-heap of (score, ord) keys
    private int resultCount;
    private long[] candidates = new long[256]; // min-heap of inverted keys: best first
    private int candidateCount;
    int[] outOrds = new int[256];
    float[] outScores = new float[256];
    int[] selected = new int[64];
    private int[] gathered = new int[64];
    private float[][] gatheredVectors = new float[64][];
    private byte[] queryCodes = new byte[0];
    private byte[] nodeCodes = new byte[0];

    /** Keeps the touching loads of the walks and {@link #rescore} from being optimised away. */
    int sink;

    int[] pruneOrds = new int[65];
    float[] pruneScores = new float[65];
    int[] pruned = new int[65];

    private void ensure(int ef, int capacity, int m0) {
      if (outOrds.length < ef) {
        outOrds = new int[ef];
        outScores = new float[ef];
      }
      if (results.length < ef + 1) {
        results = new long[ef + 1];
      }
      int words = (capacity + 63) >>> 6;
      if (visited.length < words) {
        visited = new long[words];
        touchedCount = 0;
        // a word cleared one by one is a random store, a filled one part of a sequential line: past
        // about an eighth of the words the fill is cheaper
        touched = new int[Math.max(64, words / 8)];
      }
      if (selected.length < m0) {
        selected = new int[m0];
        gathered = new int[m0];
        gatheredVectors = new float[m0][];
        pruneOrds = new int[m0 + 1];
        pruneScores = new float[m0 + 1];
        pruned = new int[m0 + 1];
      }
    }

    /** Encodes the query for a walk on the codes. */
    void setQuery(float[] q) {
      if (queryCodes.length != q.length) {
        queryCodes = new byte[q.length];
        nodeCodes = new byte[q.length];
      }
      quantize(q, queryCodes, 0, false);
    }

    /**
     * The query's code dot product with a node's codes, times the node's scale: the dot product
     * over the query's scale, near enough to rank by (see {@link #quantize}). Lucene's dot product
     * takes whole arrays, so the codes are copied out of their page first (from the cache, since
     * the walk touched them).
     */
    private float codeScore(byte[] page, int at) {
      byte[] x = nodeCodes;
      System.arraycopy(page, at, x, 0, x.length);
      return VectorUtil.dotProduct(queryCodes, x) * (float) FLOAT_AT.get(page, at + x.length);
    }

    /**
     * Scores the {@code n} nodes a code walk left in its result heap exactly and writes them best
     * first (ties by the larger ord first, like the walk) to {@code ords} and {@code scores}: in
     * chunks, whose vectors are touched before they are read (see {@link #searchLevel}).
     */
    void rescore(Store s, float[] q, int n, int[] ords, float[] scores) {
      int dim = q.length;
      float[][] all = s.vectors;
      float[][] vs = gatheredVectors;
      int chunk = vs.length;
      long[] keys = results; // (code score, ord) keys in heap order, rewritten with exact scores
      for (int from = 0; from < n; from += chunk) {
        int to = Math.min(n, from + chunk);
        int touch = 0;
        for (int i = from; i < to; i++) {
          float[] x = all[(int) keys[i]];
          vs[i - from] = x;
          touch ^= touchVector(x, dim);
        }
        sink = touch;
        for (int i = from; i < to; i++) {
          keys[i] = key(VectorUtil.dotProduct(q, vs[i - from]), (int) keys[i]);
          vs[i - from] = null;
        }
      }
      Arrays.sort(keys, 0, n);
      for (int i = 0; i < n; i++) {
        long k = keys[n - 1 - i];
        ords[i] = (int) k;
        scores[i] = score(k);
      }
    }

    /**
     * Marks the unvisited neighbours among the {@code count} of the list at {@code arr[off]} (ids
     * past {@code limit} or torn are skipped) and writes them to {@code gathered}.
     *
     * @return how many were written
     */
    private int gather(int[] arr, int off, int count, int limit) {
      int[] gat = gathered;
      int u = 0;
      for (int i = 1; i <= count; i++) {
        int nb = arr[off + i];
        if (nb >= 0 && nb < limit && visit(nb)) {
          gat[u++] = nb;
        }
      }
      return u;
    }

    private boolean visit(int ord) {
      int w = ord >>> 6;
      long bit = 1L << ord;
      long word = visited[w];
      if ((word & bit) != 0) {
        return false;
      }
      if (word == 0) {
        if (touchedCount < touched.length) {
          touched[touchedCount] = w;
        }
        touchedCount++; // past the list's length, clearVisited clears the whole set instead
      }
      visited[w] = word | bit;
      return true;
    }

    /**
     * Clears the visited set: word by word from the list of touched words while that list is short
     * (a search of a few thousand visits), the whole set at once when a long walk (a filter that
     * rejects the query's neighbourhood) touched more words than a sequential fill costs.
     */
    private void clearVisited() {
      if (touchedCount > touched.length) {
        Arrays.fill(visited, 0L);
      } else {
        for (int i = 0; i < touchedCount; i++) {
          visited[touched[i]] = 0;
        }
      }
      touchedCount = 0;
    }

    /**
     * Beam search on one level by the exact dot products, over every node (dead ones too), while
     * linking; leaves the best {@code ef} in outOrds/outScores, best first.
     */
    int searchLevel(VectorGraph g, Store s, float[] q, int ep, int ef, int level, int limit) {
      ensure(ef, s.capacity, g.m0);
      resultCount = 0;
      candidateCount = 0;
      clearVisited();
      int m = g.m;
      int max = level == 0 ? g.m0 : m;
      int dim = q.length; // every vector's (the catalog checks the query's)
      visit(ep);
      float es = VectorUtil.dotProduct(q, s.vectors[ep]);
      pushResult(key(es, ep), ef);
      pushCandidate(~key(es, ep));
      while (candidateCount > 0) {
        long ck = ~popCandidate();
        float cs = score(ck);
        if (resultCount >= ef && cs < score(results[0])) {
          break;
        }
        int c = (int) ck;
        int[] arr;
        int off;
        if (level == 0) {
          arr = s.links(c);
          off = s.linksAt(c);
        } else {
          arr = s.upper[c];
          off = (level - 1) * (m + 1);
          if (arr == null || arr.length < off + m + 1) {
            continue;
          }
        }
        int count = Math.min(arr[off], max);
        // Java has no prefetch instruction, so the cache misses are overlapped by phases of short,
        // independent loads (a long loop body would fill the reorder buffer after a few
        // neighbours): gather the unvisited neighbours, load their vector references, touch every
        // cache line of each vector (a 64-float array spans five lines with its header) and the
        // next candidate's neighbour list, and only then score from the cache
        int u = gather(arr, off, count, limit);
        int[] gat = gathered;
        float[][] vs = gatheredVectors;
        float[][] all = s.vectors;
        int w = 0;
        for (int i = 0; i < u; i++) {
          float[] x = all[gat[i]];
          if (x != null) {
            gat[w] = gat[i];
            vs[w++] = x;
          }
        }
        // as few instructions per neighbour as possible, so that more neighbours' loads are in
        // flight at once within the reorder buffer (see touchVector; a float-add chain and a loop
        // per vector, the earlier forms, made the walk 6-10 % slower at 300 k-1 M)
        int touch = 0;
        for (int i = 0; i < w; i++) {
          touch ^= touchVector(vs[i], dim);
        }
        if (level == 0 && candidateCount > 0) {
          touch ^= touchList(s, (int) ~candidates[0]);
        }
        sink = touch;
        for (int i = 0; i < w; i++) {
          int nb = gat[i];
          float sc = VectorUtil.dotProduct(q, vs[i]);
          vs[i] = null; // no reference kept past the search
          if (resultCount < ef || sc > score(results[0])) {
            long k = key(sc, nb);
            pushCandidate(~k);
            pushResult(k, ef);
          }
        }
      }
      int n = resultCount;
      for (int i = n - 1; i >= 0; i--) {
        long k = popResult();
        outOrds[i] = (int) k;
        outScores[i] = score(k);
      }
      return n;
    }

    /**
     * The search's walk on level 0, like {@link #searchLevel} but ranking nodes by their codes (see
     * {@link #quantize}) and only among the live nodes {@code accept} accepts (dead and rejected
     * nodes route but are never results); stops once about {@code maxVisits} nodes are scored.
     * Leaves the best {@code ef} in the result heap, unordered, for {@link #rescore}. The codes are
     * at addresses known without a reference to follow, so the touching phase is two loads per node
     * (a block may straddle two lines) and the video, which the filter reads next.
     */
    int codeWalk(Store s, int ep, int ef, int limit, int m0, IntPredicate accept, int maxVisits) {
      ensure(ef, s.capacity, m0);
      resultCount = 0;
      candidateCount = 0;
      clearVisited();
      byte[][] pages = s.codes0;
      int last = s.codeStride - 1;
      int[] videos = s.video;
      int[] gat = gathered;
      visit(ep);
      float es = codeScore(s.codes(ep), s.codesAt(ep));
      if (admits(accept, s, ep)) {
        pushResult(key(es, ep), ef);
      }
      pushCandidate(~key(es, ep));
      int visits = 1;
      while (candidateCount > 0 && visits < maxVisits) {
        long ck = ~popCandidate();
        if (resultCount >= ef && score(ck) < score(results[0])) {
          break;
        }
        int c = (int) ck;
        int[] arr = s.links(c);
        int off = s.linksAt(c);
        int u = gather(arr, off, Math.min(arr[off], m0), limit);
        int touch = 0;
        for (int i = 0; i < u; i++) {
          int nb = gat[i];
          byte[] page = pages[nb >>> PAGE_BITS];
          int at = s.codesAt(nb);
          touch ^= page[at] ^ page[at + last] ^ videos[nb];
        }
        if (candidateCount > 0) {
          touch ^= touchList(s, (int) ~candidates[0]);
        }
        sink = touch;
        visits += u;
        for (int i = 0; i < u; i++) {
          int nb = gat[i];
          float sc = codeScore(pages[nb >>> PAGE_BITS], s.codesAt(nb));
          if (resultCount < ef || sc > score(results[0])) {
            long k = key(sc, nb);
            pushCandidate(~k);
            if (admits(accept, s, nb)) {
              pushResult(k, ef);
            }
          }
        }
      }
      return resultCount;
    }

    /** Loads every cache line of a node's level-0 list (see {@link #touchVector}). */
    private static int touchList(Store s, int ord) {
      int[] l0 = s.links(ord);
      int t = 0;
      for (int at = s.linksAt(ord), end = at + s.stride; at < end; at += 16) {
        t ^= l0[at];
      }
      return t;
    }

    private static boolean admits(IntPredicate accept, Store s, int ord) {
      return s.video[ord] >= 0 && accept.test(ord);
    }

    /** Orders by score, then by ord: a float's bits made sortable as a signed int, high half. */
    private static long key(float score, int ord) {
      int bits = Float.floatToRawIntBits(score);
      bits ^= (bits >> 31) & 0x7fffffff;
      return ((long) bits << 32) | (ord & 0xffffffffL);
    }

    private static float score(long key) {
      int bits = (int) (key >> 32);
      bits ^= (bits >> 31) & 0x7fffffff;
      return Float.intBitsToFloat(bits);
    }

    private void pushResult(long k, int ef) {
      if (resultCount < ef) {
        results[resultCount] = k;
        siftUp(results, resultCount++);
      } else if (k > results[0]) {
        results[0] = k;
        siftDown(results, resultCount);
      }
    }

    private long popResult() {
      long top = results[0];
      results[0] = results[--resultCount];
      siftDown(results, resultCount);
      return top;
    }

    private void pushCandidate(long k) {
      if (candidateCount == candidates.length) {
        candidates = Arrays.copyOf(candidates, candidateCount * 2);
      }
      candidates[candidateCount] = k;
      siftUp(candidates, candidateCount++);
    }

    private long popCandidate() {
      long top = candidates[0];
      candidates[0] = candidates[--candidateCount];
      siftDown(candidates, candidateCount);
      return top;
    }

    private static void siftUp(long[] h, int i) {
      long k = h[i];
      while (i > 0) {
        int p = (i - 1) >>> 1;
        if (h[p] <= k) {
          break;
        }
        h[i] = h[p];
        i = p;
      }
      h[i] = k;
    }

    private static void siftDown(long[] h, int n) {
      if (n == 0) {
        return;
      }
      long k = h[0];
      int i = 0;
      int half = n >>> 1;
      while (i < half) {
        int c = 2 * i + 1;
        if (c + 1 < n && h[c + 1] < h[c]) {
          c++;
        }
        if (k <= h[c]) {
          break;
        }
        h[i] = h[c];
        i = c;
      }
      h[i] = k;
    }
  }
}
