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
import java.util.function.IntPredicate;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.VectorUtil;

/*
 * Design: a Lucene in-memory index (ByteBuffersDirectory + IndexWriter + SearcherManager for
 * near-real-time readers) holds one document per live video: a unique key term and doc value with
 * the dense video index, facet terms (creator, hashtags, sound, category, language as dense
 * indexes) and a KnnFloatVectorField indexed as an HNSW graph (Malkov & Yashunin, "Efficient and
 * robust approximate nearest neighbor search using Hierarchical Navigable Small World graphs",
 * TPAMI 2018). The similarity is MAXIMUM_INNER_PRODUCT, so embeddings need not be normalised;
 * every hit is re-scored with the exact dot product from the primitive columns, so scores are
 * raw dot products and reflect the latest upsert even before a refresh.
 *
 * Beside the index, parallel primitive columns (creator, duration, publish time, hashtags, sound,
 * category, language, flags, one float[] per vector -- VectorUtil has no offset variant, so a
 * vector is its own array) serve the hot path without touching Lucene and are updated at once.
 * Writers serialise on this object; readers are lock-free: columns are replaced (never resized in
 * place) and a video's flags are written with release semantics after its fields.
 */
final class LuceneCatalog implements Catalog {
  private static final String KEY = "vid";
  private static final String KEY_DV = "vid_dv";
  private static final String VECTOR = "vec";
  private static final byte LIVE = 1;
  private static final byte SPONSORED = 2;
  private static final VarHandle FLAGS = MethodHandles.arrayElementVarHandle(byte[].class);
  private static final int[] NO_INTS = new int[0];

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
    KnnVectorsFormat format = new Lucene99HnswVectorsFormat(m, beamWidth);
    IndexWriterConfig cfg =
        new IndexWriterConfig()
            .setCodec(
                new Lucene104Codec() {
                  @Override
                  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return format;
                  }
                })
            // one big in-memory buffer: a bulk load of up to ~1 M videos is flushed as one
            // segment at the first refresh, with its HNSW graph built once while indexing,
            // instead of many small segments whose graphs merges rebuild again and again
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
    final int capacity;
    final int[] creator;
    final long[] duration;
    final long[] published;
    final int[][] hashtags;
    final int[] sound;
    final int[] category;
    final int[] language;
    final byte[] flags;
    final float[][] vectors;

    Columns(int capacity) {
      this.capacity = capacity;
      creator = new int[capacity];
      duration = new long[capacity];
      published = new long[capacity];
      hashtags = new int[capacity][];
      sound = new int[capacity];
      category = new int[capacity];
      language = new int[capacity];
      flags = new byte[capacity];
      vectors = new float[capacity][];
    }

    Columns grow(int need) {
      Columns c = new Columns(Math.max(need, capacity + (capacity >> 1)));
      System.arraycopy(creator, 0, c.creator, 0, capacity);
      System.arraycopy(duration, 0, c.duration, 0, capacity);
      System.arraycopy(published, 0, c.published, 0, capacity);
      System.arraycopy(hashtags, 0, c.hashtags, 0, capacity);
      System.arraycopy(sound, 0, c.sound, 0, capacity);
      System.arraycopy(category, 0, c.category, 0, capacity);
      System.arraycopy(language, 0, c.language, 0, capacity);
      System.arraycopy(flags, 0, c.flags, 0, capacity);
      System.arraycopy(vectors, 0, c.vectors, 0, capacity);
      return c;
    }

    long ramBytes() {
      return RamUsageEstimator.sizeOf(creator)
          + RamUsageEstimator.sizeOf(duration)
          + RamUsageEstimator.sizeOf(published)
          + RamUsageEstimator.shallowSizeOf(hashtags)
          + RamUsageEstimator.sizeOf(sound)
          + RamUsageEstimator.sizeOf(category)
          + RamUsageEstimator.sizeOf(language)
          + RamUsageEstimator.sizeOf(flags)
          + RamUsageEstimator.shallowSizeOf(vectors);
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
    synchronized (this) {
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
      if (emb != null) {
        doc.add(
            new KnnFloatVectorField(VECTOR, emb, VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT));
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
      c.creator[idx] = creator;
      c.duration[idx] = video.durationMs();
      c.published[idx] = video.publishedAtMillis();
      c.hashtags[idx] = tags;
      c.sound[idx] = sound;
      c.category[idx] = category;
      c.language[idx] = language;
      c.vectors[idx] = emb;
      FLAGS.setRelease(c.flags, idx, (byte) (LIVE | (video.sponsored() ? SPONSORED : 0)));
      if (!wasLive) {
        live.incrementAndGet();
      }
      withVector.addAndGet((emb != null ? 1 : 0) - (hadVector ? 1 : 0));
      markPending();
      return idx;
    }
  }

  @Override
  public boolean remove(String id) {
    Objects.requireNonNull(id, "id");
    synchronized (this) {
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
      if (c.vectors[idx] != null) {
        withVector.decrementAndGet();
      }
      c.vectors[idx] = null;
      live.decrementAndGet();
      markPending();
      return true;
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
    int[] tags = c.hashtags[video];
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
    Columns c = cols;
    return video >= 0
        && video < c.capacity
        && ((byte) FLAGS.getAcquire(c.flags, video) & LIVE) != 0;
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
    if (video < 0 || video >= c.capacity || ((byte) FLAGS.getAcquire(c.flags, video) & LIVE) == 0) {
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
    return liveCols(video).hashtags[video].clone();
  }

  @Override
  public int hashtags(int video, int[] out) {
    int[] h = liveCols(video).hashtags[video];
    System.arraycopy(h, 0, out, 0, Math.min(h.length, out.length));
    return h.length;
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
    int n = withVector.get();
    if (n <= exactThreshold) {
      return scan(query, k, accept, outV, outS);
    }
    refreshIfStale();
    TopK top = new TopK(k);
    int fetch = Math.min(n, Math.max(k * oversampling, k + 10));
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        while (true) {
          top.clear();
          // each leaf is searched directly (no query rewrite, no second scoring pass); bulk loads
          // end up in one segment, so usually this is one graph search
          int found = 0;
          boolean exhausted = true;
          for (LeafReaderContext ctx : leaves) {
            LeafReader reader = ctx.reader();
            if (reader.getFieldInfos().fieldInfo(VECTOR) == null) {
              continue;
            }
            TopDocs hits =
                reader.searchNearestVectors(
                    VECTOR,
                    query,
                    fetch,
                    AcceptDocs.fromLiveDocs(reader.getLiveDocs(), reader.maxDoc()),
                    Integer.MAX_VALUE);
            found += hits.scoreDocs.length;
            exhausted &= hits.scoreDocs.length < fetch;
            collect(reader, hits.scoreDocs, query, accept, top);
          }
          if (top.size() >= k || exhausted || found == 0) {
            break;
          }
          // post-filtering starved: widen once or twice, then fall back to an exact scan
          long wider = (long) fetch * 4;
          if (wider > n / 2) {
            return scan(query, k, accept, outV, outS);
          }
          fetch = (int) wider;
        }
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return top.drainDescending(outV, outS);
  }

  private void collect(
      LeafReader reader, ScoreDoc[] hits, float[] query, IntPredicate accept, TopK top)
      throws IOException {
    int[] docs = new int[hits.length];
    for (int i = 0; i < hits.length; i++) {
      docs[i] = hits[i].doc;
    }
    Arrays.sort(docs);
    NumericDocValues ids = reader.getNumericDocValues(KEY_DV);
    if (ids == null) {
      return;
    }
    Columns c = cols;
    for (int doc : docs) {
      if (!ids.advanceExact(doc)) {
        continue;
      }
      int video = (int) ids.longValue();
      if (video >= c.capacity) {
        c = cols;
      }
      float[] v = c.vectors[video];
      if (v == null || ((byte) FLAGS.getAcquire(c.flags, video) & LIVE) == 0) {
        continue;
      }
      if (accept.test(video)) {
        top.offer(video, VectorUtil.dotProduct(query, v));
      }
    }
  }

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
      if (v != null && ((byte) FLAGS.getAcquire(c.flags, i) & LIVE) != 0 && accept.test(i)) {
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

  private void refreshIfStale() {
    long since = pendingSince.get();
    if (since != Long.MAX_VALUE && time.nowMillis() - since >= maxStalenessMillis) {
      refresh();
    }
  }

  @Override
  public void refresh() {
    pendingSince.set(Long.MAX_VALUE);
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
      int[] t = c.hashtags[i];
      if (t != null && t != NO_INTS) {
        bytes += RamUsageEstimator.sizeOf(t);
      }
    }
    bytes += videoIds.ramBytesUsed() + creators.ramBytesUsed() + hashtags.ramBytesUsed();
    bytes += sounds.ramBytesUsed() + categories.ramBytesUsed() + languages.ramBytesUsed();
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
