package dev.foryou.ranking.rerank;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.apache.lucene.util.VectorUtil;
import org.jspecify.annotations.Nullable;

/**
 * Scored candidates of one request on parallel primitive arrays, the working set of the re-rankers.
 * Reused across requests ({@link #clear()}).
 *
 * <p>Each entry has: the video, its creator, hashtags and category, publish time, the value score,
 * an optional unit-normalised embedding (for MMR), an early-engagement record (successes out of
 * trials, for exploration), a "new" flag (eligible for exploration), an "explore" flag (chosen for
 * an exploration slot) with its sampled value, and a caller tag (e.g. the candidate slot).
 *
 * <p>Not thread-safe: one per request thread.
 */
public final class RankedList {
  private final int dimension;
  private final int[] video;
  private final int[] creator;
  private final int[][] hashtags;
  private final int[][] ownTags; // per-entry copies made by the copying add, reused
  private final int[] category;
  private final long[] published;
  private final double[] score;
  private final float[][] embedding;
  private final boolean[] hasEmbedding;
  private final float[] successes;
  private final float[] trials;
  private final boolean[] isNew;
  private final boolean[] explore;
  private final double[] exploreValue;
  private final int[] tag;
  private int size;

  /**
   * Creates an empty list.
   *
   * @param capacity the most entries, at least 1
   * @param dimension the embedding dimension (0 for none)
   * @throws IllegalArgumentException on a bad value
   */
  public RankedList(int capacity, int dimension) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    if (dimension < 0) {
      throw new IllegalArgumentException("dimension must be >= 0: " + dimension);
    }
    this.dimension = dimension;
    video = new int[capacity];
    creator = new int[capacity];
    hashtags = new int[capacity][];
    ownTags = new int[capacity][];
    category = new int[capacity];
    published = new long[capacity];
    score = new double[capacity];
    embedding = new float[capacity][dimension];
    hasEmbedding = new boolean[capacity];
    successes = new float[capacity];
    trials = new float[capacity];
    isNew = new boolean[capacity];
    explore = new boolean[capacity];
    exploreValue = new double[capacity];
    tag = new int[capacity];
  }

  /**
   * Appends an entry.
   *
   * @param video the video index
   * @param creator its creator index
   * @param hashtags its hashtag indexes (kept by reference; not modified)
   * @param category its category index or -1
   * @param publishedAtMillis its publish time
   * @param score its value score (finite)
   * @param tag a caller tag
   * @return the entry's position
   * @throws IllegalStateException if the list is full
   * @throws IllegalArgumentException if the score is not finite
   */
  public int add(
      int video,
      int creator,
      int[] hashtags,
      int category,
      long publishedAtMillis,
      double score,
      int tag) {
    if (size == this.video.length) {
      throw new IllegalStateException("list is full: " + size);
    }
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score is not finite: " + score);
    }
    int i = size++;
    this.video[i] = video;
    this.creator[i] = creator;
    this.hashtags[i] = Objects.requireNonNull(hashtags, "hashtags");
    this.category[i] = category;
    this.published[i] = publishedAtMillis;
    this.score[i] = score;
    this.tag[i] = tag;
    hasEmbedding[i] = false;
    successes[i] = 0;
    trials[i] = 0;
    isNew[i] = false;
    explore[i] = false;
    exploreValue[i] = 0;
    return i;
  }

  /**
   * Appends an entry, copying its hashtags (into an array the list keeps and reuses across {@link
   * #clear()}s, so a request need not allocate one per entry).
   *
   * @param video the video index
   * @param creator its creator index
   * @param hashtags a buffer holding its hashtag indexes first; not kept
   * @param hashtagCount how many of them, from 0 to {@code hashtags.length}
   * @param category its category index or -1
   * @param publishedAtMillis its publish time
   * @param score its value score (finite)
   * @param tag a caller tag
   * @return the entry's position
   * @throws IllegalStateException if the list is full
   * @throws IllegalArgumentException if the score is not finite or the count out of range
   */
  public int add(
      int video,
      int creator,
      int[] hashtags,
      int hashtagCount,
      int category,
      long publishedAtMillis,
      double score,
      int tag) {
    if (hashtagCount < 0 || hashtagCount > hashtags.length) {
      throw new IllegalArgumentException(
          "hashtagCount must be in [0, " + hashtags.length + "]: " + hashtagCount);
    }
    int i = size;
    int[] own = i < ownTags.length ? ownTags[i] : null;
    if (own == null || own.length != hashtagCount) {
      own = new int[hashtagCount];
    }
    System.arraycopy(hashtags, 0, own, 0, hashtagCount);
    int at = add(video, creator, own, category, publishedAtMillis, score, tag);
    ownTags[at] = own;
    return at;
  }

  /**
   * Sets an entry's embedding (normalised to unit length here); an all-zero vector clears it.
   *
   * @param i the position
   * @param vector at least {@link #dimension()} values, or null to clear
   */
  public void setEmbedding(int i, float @Nullable [] vector) {
    Objects.checkIndex(i, size);
    if (vector == null || dimension == 0) {
      hasEmbedding[i] = false;
      return;
    }
    float norm = 0;
    for (int d = 0; d < dimension; d++) {
      norm += vector[d] * vector[d];
    }
    if (!(norm > 0)) {
      hasEmbedding[i] = false;
      return;
    }
    float inv = 1f / (float) Math.sqrt(norm);
    float[] e = embedding[i];
    for (int d = 0; d < dimension; d++) {
      e[d] = vector[d] * inv;
    }
    hasEmbedding[i] = true;
  }

  /**
   * Marks an entry as new (eligible for exploration) with its early engagement.
   *
   * @param i the position
   * @param successes engaged impressions so far (e.g. completes plus likes), at least 0
   * @param trials impressions so far, at least 0
   */
  public void setNew(int i, float successes, float trials) {
    Objects.checkIndex(i, size);
    isNew[i] = true;
    this.successes[i] = Math.max(0, successes);
    this.trials[i] = Math.max(this.successes[i], trials);
  }

  /**
   * Removes every entry whose video {@code drop} accepts, keeping order.
   *
   * @param drop which videos to remove
   * @return how many were removed
   */
  public int removeIf(IntPredicate drop) {
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (drop.test(video[r])) {
        continue;
      }
      if (w != r) {
        move(r, w);
      }
      w++;
    }
    int removed = size - w;
    size = w;
    return removed;
  }

  private void move(int from, int to) {
    video[to] = video[from];
    creator[to] = creator[from];
    hashtags[to] = hashtags[from];
    // the copies travel with their entries: a live entry's copy stays out of reach of later adds
    int[] own = ownTags[to];
    ownTags[to] = ownTags[from];
    ownTags[from] = own;
    category[to] = category[from];
    published[to] = published[from];
    score[to] = score[from];
    tag[to] = tag[from];
    hasEmbedding[to] = hasEmbedding[from];
    if (hasEmbedding[from]) {
      System.arraycopy(embedding[from], 0, embedding[to], 0, dimension);
    }
    successes[to] = successes[from];
    trials[to] = trials[from];
    isNew[to] = isNew[from];
    explore[to] = explore[from];
    exploreValue[to] = exploreValue[from];
  }

  /** Empties the list. */
  public void clear() {
    Arrays.fill(hashtags, 0, size, null);
    size = 0;
  }

  /**
   * Returns the number of entries.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Returns the embedding dimension.
   *
   * @return the dimension, 0 for none
   */
  public int dimension() {
    return dimension;
  }

  /**
   * Returns an entry's video.
   *
   * @param i the position
   * @return the video index
   */
  public int video(int i) {
    return video[Objects.checkIndex(i, size)];
  }

  /**
   * Returns an entry's creator.
   *
   * @param i the position
   * @return the creator index
   */
  public int creator(int i) {
    return creator[Objects.checkIndex(i, size)];
  }

  /**
   * Returns an entry's hashtags (the array given to {@link #add}; do not modify).
   *
   * @param i the position
   * @return hashtag indexes
   */
  public int[] hashtags(int i) {
    return hashtags[Objects.checkIndex(i, size)];
  }

  /**
   * Returns an entry's category.
   *
   * @param i the position
   * @return the category index or -1
   */
  public int category(int i) {
    return category[Objects.checkIndex(i, size)];
  }

  /**
   * Returns an entry's publish time.
   *
   * @param i the position
   * @return milliseconds since the epoch
   */
  public long publishedAtMillis(int i) {
    return published[Objects.checkIndex(i, size)];
  }

  /**
   * Returns an entry's score.
   *
   * @param i the position
   * @return the score
   */
  public double score(int i) {
    return score[Objects.checkIndex(i, size)];
  }

  /**
   * Sets an entry's score.
   *
   * @param i the position
   * @param value a finite score
   * @throws IllegalArgumentException if not finite
   */
  public void setScore(int i, double value) {
    Objects.checkIndex(i, size);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("score is not finite: " + value);
    }
    score[i] = value;
  }

  /**
   * Returns an entry's caller tag.
   *
   * @param i the position
   * @return the tag
   */
  public int tag(int i) {
    return tag[Objects.checkIndex(i, size)];
  }

  /**
   * Tells whether an entry is new (eligible for exploration).
   *
   * @param i the position
   * @return true if new
   */
  public boolean isNew(int i) {
    return isNew[Objects.checkIndex(i, size)];
  }

  /**
   * Returns an entry's early successes.
   *
   * @param i the position
   * @return successes
   */
  public float successes(int i) {
    return successes[Objects.checkIndex(i, size)];
  }

  /**
   * Returns an entry's early trials.
   *
   * @param i the position
   * @return trials
   */
  public float trials(int i) {
    return trials[Objects.checkIndex(i, size)];
  }

  /**
   * Tells whether an entry was chosen for an exploration slot.
   *
   * @param i the position
   * @return true if chosen
   */
  public boolean isExplore(int i) {
    return explore[Objects.checkIndex(i, size)];
  }

  /**
   * Returns the sampled value that chose an exploration entry.
   *
   * @param i the position
   * @return the sample, 0 if not chosen
   */
  public double exploreValue(int i) {
    return exploreValue[Objects.checkIndex(i, size)];
  }

  /**
   * Chooses or un-chooses an entry for an exploration slot.
   *
   * @param i the position
   * @param chosen whether it is chosen
   * @param value the value that chose it
   */
  public void setExplore(int i, boolean chosen, double value) {
    Objects.checkIndex(i, size);
    explore[i] = chosen;
    exploreValue[i] = chosen ? value : 0;
  }

  /**
   * Returns the similarity of two entries in [0, 1]: the cosine of their embeddings when both have
   * one (negative clipped to 0), else 1 for the same category and 0 otherwise.
   *
   * @param i a position
   * @param j a position
   * @return the similarity
   */
  public float similarity(int i, int j) {
    Objects.checkIndex(i, size);
    Objects.checkIndex(j, size);
    if (hasEmbedding[i] && hasEmbedding[j]) {
      float dot = VectorUtil.dotProduct(embedding[i], embedding[j]);
      return Math.max(0f, Math.min(1f, dot));
    }
    return category[i] >= 0 && category[i] == category[j] ? 1f : 0f;
  }
}
