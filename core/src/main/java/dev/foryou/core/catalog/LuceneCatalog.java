package dev.foryou.core.catalog;

import dev.foryou.core.IdMap;
import dev.foryou.core.TimeSource;
import dev.foryou.core.internal.TopK;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntPredicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.VectorUtil;

/*
 * Design: a Lucene in-memory index (ByteBuffersDirectory + IndexWriter + SearcherManager for
 * near-real-time readers) holds one document per live video: a unique key term and doc value with
 * the dense video index and facet terms (creator, hashtags, sound, category, language as dense
 * indexes). Vectors are searched through an HNSW graph by dot product (VectorGraph: Malkov &
 * Yashunin, TPAMI 2018) kept on the heap in flat primitive arrays over the columns' own float[]
 * vectors. It replaced Lucene's KnnFloatVectorField: searching the codec's graph in a
 * ByteBuffersDirectory decodes neighbour lists and copies every visited vector out of the
 * directory's buffers, which cost 1.3 ms per k = 100 query at 1 M vectors, and the graph was built
 * single-threaded inside IndexWriter (about 7 minutes for 1 M). A new or changed vector is
 * appended to the graph at once and scanned exactly by every search until it is linked (by the
 * writer once a small batch has gathered, or at refresh; a large batch is linked by a pool of
 * workers), so vector search sees every upsert immediately. The caller's filter runs inside the
 * graph walk (rejected nodes route but are never results, as in Lucene's filtered HNSW search), so
 * a filter that rejects the query's neighbourhood (what a heavy user has seen) lengthens the walk
 * instead of starving it; past a visit budget the search falls back to an exact scan. Every hit
 * is re-scored with the exact dot product of the current vector.
 *
 * Beside the index, parallel primitive columns (creator, duration, publish time, hashtags -- the
 * count and up to three inline, more in an array of their own --, sound, category, language, flags,
 * one float[] per vector -- VectorUtil has no offset variant, so a vector is its own array) serve
 * the hot path without touching Lucene and are updated at once.
 * Writers serialise on this object; readers are lock-free: columns are replaced (never resized in
 * place), and a video's flags and then its live bit are written with release semantics after its
 * fields (readers check the bit with acquire before reading the fields).
 */
final class LuceneCatalog implements Catalog {
  private static final String KEY = "vid";
  private static final String KEY_DV = "vid_dv";
  private static final byte LIVE = 1;
  private static final byte SPONSORED = 2;
  private static final VarHandle FLAGS = MethodHandles.arrayElementVarHandle(byte[].class);
  private static final VarHandle LIVE_BITS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int[] NO_INTS = new int[0];
  private static final long GRAPH_SEED = 0x5EED_F0F0_1234L;

  /** Unlinked vectors linked by the writer at once (a trickle of uploads). */
  private static final int LINK_BATCH = 256;

  /** Unlinked vectors from which linking uses every core (and the graph depends on scheduling). */
  static final int PARALLEL_LINK_MIN = 50_000;

  /** The widest beam a search may ask for. */
  static final int MAX_BEAM = 100_000;

  private final int dimension;
  private final long maxStalenessMillis;
  private final TimeSource time;
  private final int exactThreshold;
  private final int oversampling;

  private final IdMap videoIds = new IdMap();
  private final IdMap creators = new IdMap();
  private final IdMap hashtags = new IdMap();
  private final IdMap sounds = new IdMap();
  private final IdMap categories = new IdMap();
  private final IdMap languages = new IdMap();

  private volatile Columns cols = new Columns(1024);
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicInteger withVector = new AtomicInteger();

  /** Writers (upsert, remove, refresh) hold this; readers never do. */
  private final ReentrantLock writeLock = new ReentrantLock();

  private final int hnswM;
  private final int hnswBeam;
  private volatile VectorGraph graph;

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final AtomicLong pendingSince = new AtomicLong(Long.MAX_VALUE);

  LuceneCatalog(
      int dimension,
      long maxStalenessMillis,
      TimeSource time,
      int exactThreshold,
      int m,
      int beamWidth,
      int oversampling) {
    this.dimension = dimension;
    this.maxStalenessMillis = maxStalenessMillis;
    this.time = time;
    this.exactThreshold = exactThreshold;
    this.oversampling = oversampling;
    this.hnswM = m;
    this.hnswBeam = beamWidth;
    this.graph = new VectorGraph(dimension, m, beamWidth, GRAPH_SEED);
    IndexWriterConfig cfg =
        new IndexWriterConfig()
            // one big in-memory buffer: a bulk load is flushed as few segments
            .setRAMBufferSizeMB(ramBufferMb())
            .setUseCompoundFile(false);
    try {
      writer = new IndexWriter(directory, cfg);
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A quarter of the maximum heap, between 32 MB and 1 GB. */
  private static double ramBufferMb() {
    long quarter = Runtime.getRuntime().maxMemory() / 4 / (1 << 20);
    return Math.max(32, Math.min(1024, quarter));
  }

  /** The primitive columns, replaced as a whole when they grow. */
  private static final class Columns {
    static final int TAG_STRIDE = 4;

    final int capacity;
    final int[] creator;
    final long[] duration;
    final long[] published;

    /**
     * Hashtags inline, {@link #TAG_STRIDE} ints per video: the count, then up to three tags (four
     * videos per cache line, so reading a video's tags is one miss, not a reference and an array).
     */
    final int[] tags;

    /** The tags of videos with more than three (their inline slots then hold the first three). */
    final int[][] moreTags;

    final int[] sound;
    final int[] category;
    final int[] language;
    final byte[] flags;

    /**
     * The LIVE flag again, one bit per video (125 KB per million videos instead of 1 MB, so the
     * liveness checks of the hot paths stay in cache); written with release semantics after the
     * flags, read with acquire.
     */
    final long[] liveBits;

    final float[][] vectors;
    final int[] ord;

    Columns(int capacity) {
      this.capacity = capacity;
      creator = new int[capacity];
      duration = new long[capacity];
      published = new long[capacity];
      tags = new int[Math.multiplyExact(capacity, TAG_STRIDE)];
      moreTags = new int[capacity][];
      sound = new int[capacity];
      category = new int[capacity];
      language = new int[capacity];
      flags = new byte[capacity];
      liveBits = new long[(capacity + 63) >>> 6];
      vectors = new float[capacity][];
      ord = new int[capacity];
      Arrays.fill(ord, -1);
    }

    Columns grow(int need) {
      Columns c = new Columns(Capacity.grown(capacity, need));
      System.arraycopy(creator, 0, c.creator, 0, capacity);
      System.arraycopy(duration, 0, c.duration, 0, capacity);
      System.arraycopy(published, 0, c.published, 0, capacity);
      System.arraycopy(tags, 0, c.tags, 0, tags.length);
      System.arraycopy(moreTags, 0, c.moreTags, 0, capacity);
      System.arraycopy(sound, 0, c.sound, 0, capacity);
      System.arraycopy(category, 0, c.category, 0, capacity);
      System.arraycopy(language, 0, c.language, 0, capacity);
      System.arraycopy(flags, 0, c.flags, 0, capacity);
      System.arraycopy(liveBits, 0, c.liveBits, 0, liveBits.length);
      System.arraycopy(vectors, 0, c.vectors, 0, capacity);
      System.arraycopy(ord, 0, c.ord, 0, capacity);
      return c;
    }

    /** Writer only, after the video's flags: publishes whether it is live. */
    void setLive(int video, boolean on) {
      int w = video >>> 6;
      long bit = 1L << video;
      LIVE_BITS.setRelease(liveBits, w, on ? liveBits[w] | bit : liveBits[w] & ~bit);
    }

    /** Whether a video index is live (acquire: its fields are visible after a true). */
    boolean isLive(int video) {
      return video >= 0
          && video < capacity
          && ((long) LIVE_BITS.getAcquire(liveBits, video >>> 6) & (1L << video)) != 0;
    }

    /** Writer only: sets a video's tags (the overflow first, the count last). */
    void setTags(int video, int[] t) {
      int base = video * TAG_STRIDE;
      moreTags[video] = t.length > TAG_STRIDE - 1 ? t : null;
      for (int i = 0; i < TAG_STRIDE - 1; i++) {
        tags[base + 1 + i] = i < t.length ? t[i] : 0;
      }
      tags[base] = t.length;
    }

    /**
     * Copies a video's tags into {@code out} (as many as fit) and returns how many it has. During a
     * concurrent update a reader may see a mix of the old and new tags, as with the other columns.
     */
    int tags(int video, int[] out) {
      int base = video * TAG_STRIDE;
      int n = tags[base];
      if (n >= TAG_STRIDE) {
        int[] more = moreTags[video];
        if (more != null) {
          System.arraycopy(more, 0, out, 0, Math.min(more.length, out.length));
          return more.length;
        }
        n = TAG_STRIDE - 1; // a torn read of an update: the inline ones
      }
      for (int i = 0, m = Math.min(n, out.length); i < m; i++) {
        out[i] = tags[base + 1 + i];
      }
      return n;
    }

    /** A video's tags as a new array of their exact count. */
    int[] tagsOf(int video) {
      while (true) { // again if an update changed the count between the two reads
        int[] out = new int[tags(video, NO_INTS)];
        if (tags(video, out) == out.length) {
          return out;
        }
      }
    }

    long ramBytes() {
      return RamUsageEstimator.sizeOf(creator)
          + RamUsageEstimator.sizeOf(duration)
          + RamUsageEstimator.sizeOf(published)
          + RamUsageEstimator.sizeOf(tags)
          + RamUsageEstimator.shallowSizeOf(moreTags)
          + RamUsageEstimator.sizeOf(sound)
          + RamUsageEstimator.sizeOf(category)
          + RamUsageEstimator.sizeOf(language)
          + RamUsageEstimator.sizeOf(flags)
          + RamUsageEstimator.sizeOf(liveBits)
          + RamUsageEstimator.shallowSizeOf(vectors)
          + RamUsageEstimator.sizeOf(ord);
    }
  }

  @Override
  public int upsert(Video video) {
    Objects.requireNonNull(video, "video");
    float[] emb = video.embedding();
    if (emb != null) {
      if (emb.length != dimension) {
        throw new IllegalArgumentException(
            "embedding of video '"
                + video.id()
                + "' has dimension "
                + emb.length
                + ", catalog dimension is "
                + dimension);
      }
      boolean zero = true;
      for (float f : emb) {
        zero &= f == 0f;
      }
      if (zero) {
        throw new IllegalArgumentException("embedding of video '" + video.id() + "' is all zeros");
      }
    }
    writeLock.lock();
    try {
      int idx = videoIds.intern(video.id());
      Columns c = cols;
      if (idx >= c.capacity) {
        c = c.grow(idx + 1);
        cols = c;
      }
      int creator = creators.intern(video.creatorId());
      int[] tags = NO_INTS;
      if (!video.hashtags().isEmpty()) {
        tags = new int[video.hashtags().size()];
        for (int i = 0; i < tags.length; i++) {
          tags[i] = hashtags.intern(video.hashtags().get(i));
        }
      }
      int sound = video.sound().isEmpty() ? -1 : sounds.intern(video.sound());
      int category = video.category().isEmpty() ? -1 : categories.intern(video.category());
      int language = video.language().isEmpty() ? -1 : languages.intern(video.language());

      String key = Integer.toString(idx);
      Document doc = new Document();
      doc.add(new StringField(KEY, key, Field.Store.NO));
      doc.add(new NumericDocValuesField(KEY_DV, idx));
      doc.add(new StringField("f_creator", Integer.toString(creator), Field.Store.NO));
      for (int t : tags) {
        doc.add(new StringField("f_hashtag", Integer.toString(t), Field.Store.NO));
      }
      if (sound >= 0) {
        doc.add(new StringField("f_sound", Integer.toString(sound), Field.Store.NO));
      }
      if (category >= 0) {
        doc.add(new StringField("f_category", Integer.toString(category), Field.Store.NO));
      }
      if (language >= 0) {
        doc.add(new StringField("f_language", Integer.toString(language), Field.Store.NO));
      }
      boolean wasLive = (c.flags[idx] & LIVE) != 0;
      try {
        if (wasLive) {
          writer.updateDocument(new Term(KEY, key), doc);
        } else {
          writer.addDocument(doc); // no live document has this key: skip the delete lookup
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      boolean hadVector = wasLive && c.vectors[idx] != null;
      float[] old = hadVector ? c.vectors[idx] : null;
      if (old != null && emb != null && Arrays.equals(old, emb)) {
        emb = old; // same vector: keep its graph node
      } else {
        VectorGraph g = graph;
        if (c.ord[idx] >= 0) {
          g.kill(c.ord[idx]);
          c.ord[idx] = -1;
        }
        if (emb != null) {
          c.ord[idx] = g.append(idx, emb);
        }
      }
      c.creator[idx] = creator;
      c.duration[idx] = video.durationMs();
      c.published[idx] = video.publishedAtMillis();
      c.setTags(idx, tags);
      c.sound[idx] = sound;
      c.category[idx] = category;
      c.language[idx] = language;
      c.vectors[idx] = emb;
      FLAGS.setRelease(c.flags, idx, (byte) (LIVE | (video.sponsored() ? SPONSORED : 0)));
      c.setLive(idx, true);
      if (!wasLive) {
        live.incrementAndGet();
      }
      withVector.addAndGet((emb != null ? 1 : 0) - (hadVector ? 1 : 0));
      markPending();
      maybeLinkTrickle();
      return idx;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Links a small batch of new vectors on the writer's thread once it has gathered, so a steady
   * trickle of uploads never waits for a refresh; a bulk load (more unlinked vectors than an eighth
   * of the graph) is left to {@link #refresh()} or the next stale search, which link it on every
   * core when it is large.
   */
  private void maybeLinkTrickle() {
    VectorGraph g = graph;
    int unlinked = g.unlinked();
    if (unlinked >= LINK_BATCH && (long) unlinked * 8 <= g.published()) {
      g.link(1);
    }
  }

  @Override
  public boolean remove(String id) {
    Objects.requireNonNull(id, "id");
    writeLock.lock();
    try {
      OptionalInt found = videoIds.indexOf(id);
      if (found.isEmpty()) {
        return false;
      }
      int idx = found.getAsInt();
      Columns c = cols;
      if ((c.flags[idx] & LIVE) == 0) {
        return false;
      }
      try {
        writer.deleteDocuments(new Term(KEY, Integer.toString(idx)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      FLAGS.setRelease(c.flags, idx, (byte) 0);
      c.setLive(idx, false);
      if (c.vectors[idx] != null) {
        withVector.decrementAndGet();
      }
      c.vectors[idx] = null;
      if (c.ord[idx] >= 0) {
        graph.kill(c.ord[idx]);
        c.ord[idx] = -1;
      }
      live.decrementAndGet();
      markPending();
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  private void markPending() {
    long now = time.nowMillis();
    pendingSince.accumulateAndGet(now, Math::min);
  }

  @Override
  public OptionalInt indexOf(String id) {
    return videoIds.indexOf(id);
  }

  @Override
  public String videoId(int video) {
    if (video < 0 || video >= videoIds.size()) {
      throw new IllegalArgumentException(
          "unknown video index " + video + " (bound " + videoIds.size() + ")");
    }
    return videoIds.id(video);
  }

  @Override
  public Optional<Video> video(int video) {
    if (!isLive(video)) {
      return Optional.empty();
    }
    Columns c = cols;
    int[] tags = c.tagsOf(video);
    List<String> tagIds = new ArrayList<>(tags.length);
    for (int t : tags) {
      tagIds.add(hashtags.id(t));
    }
    return Optional.of(
        new Video(
            videoIds.id(video),
            creators.id(c.creator[video]),
            c.duration[video],
            c.published[video],
            c.language[video] < 0 ? "" : languages.id(c.language[video]),
            tagIds,
            c.sound[video] < 0 ? "" : sounds.id(c.sound[video]),
            c.category[video] < 0 ? "" : categories.id(c.category[video]),
            c.vectors[video],
            (c.flags[video] & SPONSORED) != 0));
  }

  @Override
  public boolean isLive(int video) {
    return cols.isLive(video);
  }

  @Override
  public int size() {
    return live.get();
  }

  @Override
  public int indexBound() {
    return videoIds.size();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  private Columns liveCols(int video) {
    Columns c = cols;
    if (!c.isLive(video)) {
      throw new IllegalArgumentException("video " + video + " is not live");
    }
    return c;
  }

  @Override
  public int creator(int video) {
    return liveCols(video).creator[video];
  }

  @Override
  public long durationMs(int video) {
    return liveCols(video).duration[video];
  }

  @Override
  public long publishedAtMillis(int video) {
    return liveCols(video).published[video];
  }

  @Override
  public int[] hashtags(int video) {
    return liveCols(video).tagsOf(video);
  }

  @Override
  public int hashtags(int video, int[] out) {
    return liveCols(video).tags(video, out);
  }

  @Override
  public int sound(int video) {
    return liveCols(video).sound[video];
  }

  @Override
  public int category(int video) {
    return liveCols(video).category[video];
  }

  @Override
  public int language(int video) {
    return liveCols(video).language[video];
  }

  @Override
  public boolean sponsored(int video) {
    return (liveCols(video).flags[video] & SPONSORED) != 0;
  }

  @Override
  public boolean embedding(int video, float[] out) {
    Objects.requireNonNull(out, "out");
    if (out.length < dimension) {
      throw new IllegalArgumentException("out has length " + out.length + ", needs " + dimension);
    }
    float[] v = liveCols(video).vectors[video];
    if (v == null) {
      return false;
    }
    System.arraycopy(v, 0, out, 0, dimension);
    return true;
  }

  private static final int TOUCH_NEVER = 0x5DEECE66;

  /**
   * Loads each video's column entries (creator, inline tags, sound, category, duration, publish
   * time) and every line of its vector, with a few straight-line instructions per video (see {@link
   * VectorGraph#touchVector} for why few), so the misses of many videos are in flight at once.
   */
  @Override
  public void prefetch(int[] videos, int n) {
    Catalog.super.prefetch(videos, n); // the argument checks
    Columns c = cols;
    int x = 0;
    for (int i = 0; i < n; i++) {
      int v = videos[i];
      if (v < 0 || v >= c.capacity) {
        continue;
      }
      x ^=
          c.creator[v]
              ^ c.tags[v * Columns.TAG_STRIDE]
              ^ c.sound[v]
              ^ c.category[v]
              ^ (int) c.duration[v]
              ^ (int) c.published[v];
      float[] e = c.vectors[v];
      if (e != null) {
        x ^= VectorGraph.touchVector(e, dimension);
      }
    }
    if (x == TOUCH_NEVER) {
      Thread.onSpinWait(); // keeps the loads alive; the value never matters
    }
  }

  private void checkSearch(float[] query, int k, IntPredicate accept, int[] outV, float[] outS) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(accept, "accept");
    Objects.requireNonNull(outV, "outVideos");
    Objects.requireNonNull(outS, "outScores");
    if (query.length != dimension) {
      throw new IllegalArgumentException(
          "query has dimension " + query.length + ", catalog dimension is " + dimension);
    }
    for (int i = 0; i < query.length; i++) {
      if (!Float.isFinite(query[i])) {
        throw new IllegalArgumentException("query[" + i + "] is not finite: " + query[i]);
      }
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    if (outV.length < k || outS.length < k) {
      throw new IllegalArgumentException(
          "output arrays too short for k=" + k + ": " + outV.length + ", " + outS.length);
    }
  }

  @Override
  public int nearest(float[] query, int k, IntPredicate accept, int[] outV, float[] outS) {
    checkSearch(query, k, accept, outV, outS);
    return search(
        query,
        k,
        (int) Math.min(MAX_BEAM, Math.max((long) k * oversampling, k + 10L)),
        accept,
        outV,
        outS);
  }

  @Override
  public int nearest(
      float[] query, int k, int beamWidth, IntPredicate accept, int[] outV, float[] outS) {
    checkSearch(query, k, accept, outV, outS);
    if (beamWidth < k || beamWidth > MAX_BEAM) {
      throw new IllegalArgumentException(
          "beamWidth must be in [k=" + k + ", " + MAX_BEAM + "]: " + beamWidth);
    }
    return search(query, k, beamWidth, accept, outV, outS);
  }

  private int search(
      float[] query, int k, int beam, IntPredicate accept, int[] outV, float[] outS) {
    int n = withVector.get();
    if (n <= exactThreshold) {
      return scan(query, k, accept, outV, outS);
    }
    refreshIfStale();
    VectorGraph g = graph;
    VectorGraph.View view = g.view();
    int fetch = Math.min(n, Math.max(beam, k));
    GraphScratch gs = GRAPH_SCRATCH.get();
    gs.ensure(fetch);
    Columns c = cols;
    TopK top = new TopK(k);
    // the filter runs inside the graph search: a user who has seen most of their neighbourhood
    // costs a longer walk, not a failed search; past the budget an exact scan is cheaper
    // (the walk checks only liveness, one bit; the few results then check that their node still
    // holds the video's current vector)
    IntPredicate admit =
        ord -> {
          int video = g.video(ord);
          return c.isLive(video) && accept.test(video);
        };
    int found = g.search(view, query, fetch, admit, visitBudget(fetch, n), gs.ords, gs.scores);
    for (int i = 0; i < found; i++) {
      int video = currentVideo(g, c, gs.ords[i]);
      if (video >= 0) { // else removed or replaced since the walk accepted it
        top.offer(video, gs.scores[i]); // the graph's exact score of the node's vector
      }
    }
    if (top.size() < k && found < fetch) {
      return scan(query, k, accept, outV, outS); // too selective a filter for the graph
    }
    // vectors not linked yet are scanned exactly, so every upsert is searchable at once
    if (g.allocated() > view.published()) {
      g.scanUnlinked(view, (ord, video, v) -> offer(g, c, ord, query, accept, top));
    }
    return top.drainDescending(outV, outS);
  }

  /**
   * How many nodes a graph search may score before giving up on the graph for an exact scan. On our
   * 2-core box a scan of n vectors costs as much as n / 12 graph visits at 1 M (a visit is cache
   * misses, a scanned vector a streamed SIMD dot product) and n / 5 at 100 k; a walk that has not
   * found its results after n / 16 visits is stopped before it costs more than the scan.
   */
  static int visitBudget(int fetch, int n) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(16L * fetch, n / 16));
  }

  /** Offers a graph node's video if it is live, accepted and the node holds its current vector. */
  private static void offer(
      VectorGraph g, Columns c, int ord, float[] query, IntPredicate accept, TopK top) {
    int video = currentVideo(g, c, ord);
    if (video >= 0 && accept.test(video)) {
      top.offer(video, VectorUtil.dotProduct(query, g.vector(ord)));
    }
  }

  /**
   * The video a graph node answers for, or -1: its video must be live and the node must hold the
   * video's current vector (not one it was replaced by, whose own node answers for it). The node's
   * video is read once: a writer killing the node meanwhile turns it to -1, which a second read
   * would return as a result.
   */
  private static int currentVideo(VectorGraph g, Columns c, int ord) {
    int video = g.video(ord);
    if (!c.isLive(video)) {
      return -1;
    }
    float[] v = c.vectors[video];
    return v != null && v == g.vector(ord) ? video : -1;
  }

  /** Per-thread buffers for graph hits. */
  private static final class GraphScratch {
    int[] ords = new int[0];
    float[] scores = new float[0];

    void ensure(int n) {
      if (ords.length < n) {
        ords = new int[n];
        scores = new float[n];
      }
    }
  }

  private static final ThreadLocal<GraphScratch> GRAPH_SCRATCH =
      ThreadLocal.withInitial(GraphScratch::new);

  @Override
  public int exactNearest(float[] query, int k, IntPredicate accept, int[] outV, float[] outS) {
    checkSearch(query, k, accept, outV, outS);
    return scan(query, k, accept, outV, outS);
  }

  private int scan(float[] query, int k, IntPredicate accept, int[] outV, float[] outS) {
    Columns c = cols;
    int bound = Math.min(videoIds.size(), c.capacity);
    TopK top = new TopK(k);
    for (int i = 0; i < bound; i++) {
      float[] v = c.vectors[i];
      if (v != null && c.isLive(i) && accept.test(i)) {
        top.offer(i, VectorUtil.dotProduct(query, v));
      }
    }
    return top.drainDescending(outV, outS);
  }

  @Override
  public int videosWith(Facet facet, int key, int[] out) {
    Objects.requireNonNull(facet, "facet");
    Objects.requireNonNull(out, "out");
    if (key < 0) {
      throw new IllegalArgumentException("key must be >= 0: " + key);
    }
    refreshIfStale();
    Term term =
        new Term("f_" + facet.name().toLowerCase(java.util.Locale.ROOT), Integer.toString(key));
    int n = 0;
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        for (LeafReaderContext ctx : searcher.getIndexReader().leaves()) {
          LeafReader reader = ctx.reader();
          PostingsEnum postings = reader.postings(term, PostingsEnum.NONE);
          if (postings == null) {
            continue;
          }
          Bits liveDocs = reader.getLiveDocs();
          NumericDocValues ids = reader.getNumericDocValues(KEY_DV);
          for (int d = postings.nextDoc();
              d != DocIdSetIterator.NO_MORE_DOCS && n < out.length;
              d = postings.nextDoc()) {
            if ((liveDocs == null || liveDocs.get(d)) && ids != null && ids.advanceExact(d)) {
              int video = (int) ids.longValue();
              if (isLive(video)) {
                out[n++] = video;
              }
            }
          }
        }
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  /**
   * Refreshes when changes older than the staleness bound are pending, unless a writer holds the
   * lock (then this search goes on with what is visible: unlinked vectors are scanned exactly).
   */
  private void refreshIfStale() {
    long since = pendingSince.get();
    if (since != Long.MAX_VALUE
        && time.nowMillis() - since >= maxStalenessMillis
        && writeLock.tryLock()) {
      try {
        refreshLocked();
      } finally {
        writeLock.unlock();
      }
    }
  }

  @Override
  public void refresh() {
    writeLock.lock();
    try {
      refreshLocked();
    } finally {
      writeLock.unlock();
    }
  }

  private void refreshLocked() {
    pendingSince.set(Long.MAX_VALUE);
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    VectorGraph g = graph;
    if (g.dead() > Math.max(1024, g.allocated() / 4)) {
      rebuildGraph();
    } else {
      g.link(g.unlinked() >= PARALLEL_LINK_MIN ? linkThreads() : 1);
    }
  }

  private static int linkThreads() {
    return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Builds a new graph over the live vectors only (dead nodes dropped), then swaps it in; searches
   * use the old graph meanwhile. Writer only.
   */
  private void rebuildGraph() {
    VectorGraph fresh = new VectorGraph(dimension, hnswM, hnswBeam, GRAPH_SEED);
    Columns c = cols;
    int bound = Math.min(videoIds.size(), c.capacity);
    int[] ords = new int[bound];
    for (int i = 0; i < bound; i++) {
      float[] v = c.vectors[i];
      ords[i] = v != null && (c.flags[i] & LIVE) != 0 ? fresh.append(i, v) : -1;
    }
    fresh.link(fresh.unlinked() >= PARALLEL_LINK_MIN ? linkThreads() : 1);
    graph = fresh;
    System.arraycopy(ords, 0, c.ord, 0, bound);
  }

  @Override
  public IdMap creators() {
    return creators;
  }

  @Override
  public IdMap hashtags() {
    return hashtags;
  }

  @Override
  public IdMap sounds() {
    return sounds;
  }

  @Override
  public IdMap categories() {
    return categories;
  }

  @Override
  public IdMap languages() {
    return languages;
  }

  @Override
  public long ramBytesUsed() {
    long bytes = 0;
    Columns c = cols;
    bytes += c.ramBytes();
    int bound = Math.min(videoIds.size(), c.capacity);
    for (int i = 0; i < bound; i++) {
      float[] v = c.vectors[i];
      if (v != null) {
        bytes += RamUsageEstimator.sizeOf(v);
      }
      int[] t = c.moreTags[i];
      if (t != null) {
        bytes += RamUsageEstimator.sizeOf(t);
      }
    }
    bytes += videoIds.ramBytesUsed() + creators.ramBytesUsed() + hashtags.ramBytesUsed();
    bytes += sounds.ramBytesUsed() + categories.ramBytesUsed() + languages.ramBytesUsed();
    bytes += graph.ramBytesUsed();
    try {
      for (String file : directory.listAll()) {
        try {
          bytes += directory.fileLength(file);
        } catch (IOException ignored) {
          // deleted by a merge meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bytes += writer.ramBytesUsed();
    return bytes;
  }
}
