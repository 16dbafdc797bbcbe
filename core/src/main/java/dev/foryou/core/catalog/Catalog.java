package dev.foryou.core.catalog;

import dev.foryou.core.IdMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * The videos the engine can recommend, with metadata and optional embeddings of one fixed
 * dimension, backed by an in-memory Lucene index (metadata fields), an on-heap HNSW graph over the
 * embeddings, and parallel primitive arrays for the hot path.
 *
 * <p>Every video id gets a dense {@code int} index on first upsert, kept for the catalog's life
 * (also after removal, so arrays indexed by video stay valid). Creators, hashtags, sounds and
 * categories get dense indexes too (see {@link #creators()} etc.).
 *
 * <p>Upserts and removals are visible at once to the primitive accessors and to vector search (a
 * new or changed embedding is scanned exactly until it is linked into the graph: by the writer once
 * a small batch has gathered, at {@link #refresh()}, or by the first search that finds it older
 * than {@code maxStaleness}); {@link #videosWith} sees them after the next near-real-time refresh,
 * at most {@code maxStaleness} after the change (see the builder), or at once after {@link
 * #refresh()}.
 *
 * <p>Thread-safe: any number of readers and writers.
 */
public interface Catalog {

  /**
   * Starts configuring a catalog backed by an in-memory Lucene index.
   *
   * @return a new builder
   */
  static CatalogBuilder builder() {
    return new CatalogBuilder();
  }

  /** A metadata field that {@link #videosWith} can retrieve by. */
  enum Facet {
    /** The creator index ({@link #creators()}). */
    CREATOR,
    /** A hashtag index ({@link #hashtags()}). */
    HASHTAG,
    /** The sound index ({@link #sounds()}). */
    SOUND,
    /** The category index ({@link #categories()}). */
    CATEGORY,
    /** The language index ({@link #languages()}). */
    LANGUAGE
  }

  /**
   * Inserts a video or replaces the one with the same id.
   *
   * @param video the video; its embedding, if any, must have the catalog's dimension
   * @return the video's dense index
   * @throws IllegalArgumentException if the embedding has the wrong dimension or is all zeros; the
   *     catalog is unchanged
   */
  int upsert(Video video);

  /**
   * Removes a video; it is no longer returned by searches, and {@link #isLive} says false.
   *
   * @param id the external id
   * @return true if a live video was removed
   */
  boolean remove(String id);

  /**
   * Returns the index of a video id.
   *
   * @param id the external id
   * @return the index, or empty if never upserted
   */
  OptionalInt indexOf(String id);

  /**
   * Returns the external id of a video index, also after the video was removed.
   *
   * @param video an index below {@link #indexBound()}
   * @return the external id
   * @throws IllegalArgumentException if the index was never assigned
   */
  String videoId(int video);

  /**
   * Returns a video's metadata.
   *
   * @param video a dense index
   * @return the video, or empty if unknown or removed
   */
  Optional<Video> video(int video);

  /**
   * Tells whether an index names a live (upserted and not removed) video.
   *
   * @param video an index
   * @return true if live
   */
  boolean isLive(int video);

  /**
   * Returns the number of live videos.
   *
   * @return live videos
   */
  int size();

  /**
   * Returns one more than the largest video index ever assigned: the length arrays indexed by video
   * need.
   *
   * @return the index bound
   */
  int indexBound();

  /**
   * Returns the embedding dimension.
   *
   * @return the dimension
   */
  int dimension();

  /**
   * Returns a live video's creator index (into {@link #creators()}).
   *
   * @param video a live index
   * @return the creator index
   * @throws IllegalArgumentException if the video is not live
   */
  int creator(int video);

  /**
   * Returns a live video's duration.
   *
   * @param video a live index
   * @return milliseconds
   * @throws IllegalArgumentException if the video is not live
   */
  long durationMs(int video);

  /**
   * Returns a live video's publish time.
   *
   * @param video a live index
   * @return milliseconds since the epoch
   * @throws IllegalArgumentException if the video is not live
   */
  long publishedAtMillis(int video);

  /**
   * Returns a live video's hashtag indexes (into {@link #hashtags()}), a copy.
   *
   * @param video a live index
   * @return hashtag indexes
   * @throws IllegalArgumentException if the video is not live
   */
  int[] hashtags(int video);

  /**
   * Copies a live video's hashtag indexes into {@code out} without allocating (for hot paths).
   *
   * @param video a live index
   * @param out receives up to {@code out.length} indexes
   * @return how many hashtags the video has; when more than {@code out.length}, only the first
   *     {@code out.length} were written
   * @throws IllegalArgumentException if the video is not live
   */
  int hashtags(int video, int[] out);

  /**
   * Returns a live video's sound index (into {@link #sounds()}), or -1 for none.
   *
   * @param video a live index
   * @return the sound index or -1
   * @throws IllegalArgumentException if the video is not live
   */
  int sound(int video);

  /**
   * Returns a live video's category index (into {@link #categories()}), or -1 for none.
   *
   * @param video a live index
   * @return the category index or -1
   * @throws IllegalArgumentException if the video is not live
   */
  int category(int video);

  /**
   * Returns a live video's language index (into {@link #languages()}), or -1 when unknown.
   *
   * @param video a live index
   * @return the language index or -1
   * @throws IllegalArgumentException if the video is not live
   */
  int language(int video);

  /**
   * Tells whether a live video is sponsored (branded) content.
   *
   * @param video a live index
   * @return the sponsored flag
   * @throws IllegalArgumentException if the video is not live
   */
  boolean sponsored(int video);

  /**
   * Filtered retrieval from the Lucene index: writes the live videos whose {@code facet} has the
   * value {@code key} (e.g. every video with a hashtag), in index order. Like vector search it sees
   * changes after the near-real-time refresh.
   *
   * @param facet which field
   * @param key the value's index in that field's id map
   * @param out receives video indexes; at most {@code out.length} are written
   * @return how many were written
   * @throws IllegalArgumentException if {@code key} is negative
   */
  int videosWith(Facet facet, int key, int[] out);

  /**
   * Copies a live video's embedding into {@code out}.
   *
   * @param video a live index
   * @param out an array of at least {@link #dimension()} floats
   * @return false (and {@code out} untouched) if the video has no embedding
   * @throws IllegalArgumentException if the video is not live or {@code out} is too short
   */
  boolean embedding(int video, float[] out);

  /**
   * A hint that the metadata and embeddings of these videos are about to be read (a ranker's pass
   * over its candidates): an implementation may load them into the CPU cache ahead of the reads, so
   * that the cache misses of all the videos overlap instead of following one another. Has no effect
   * on any result; indexes that are not live are ignored. The default does nothing.
   *
   * @param videos video indexes
   * @param n how many of {@code videos} to consider, from the first
   * @throws IllegalArgumentException if {@code n} is negative or beyond {@code videos.length}
   */
  default void prefetch(int[] videos, int n) {
    Objects.requireNonNull(videos, "videos");
    if (n < 0 || n > videos.length) {
      throw new IllegalArgumentException("n must be in [0, " + videos.length + "]: " + n);
    }
  }

  /**
   * Approximate nearest neighbours by dot product over the HNSW graph, with {@code accept} applied
   * during the graph search (rejected videos are walked through but never returned, so the search
   * goes further when the filter rejects the query's neighbourhood, e.g. what a user has already
   * seen, instead of coming back short); the graph search keeps {@code k × oversampling} candidates
   * (the builder's oversampling); falls back to {@link #exactNearest} when the catalog is small or
   * the walk does not find {@code k} accepted videos within its visit budget (a filter that rejects
   * most videos). {@code accept} is called only for videos that score among the best found so far.
   * Same as {@link #nearest(float[], int, int, IntPredicate, int[], float[])} with that beam width.
   *
   * <p>The graph is built by raw dot product (maximum inner product: embeddings need not be
   * normalised); every hit is re-scored with the exact dot product of the current embedding, so
   * scores are raw dot products. Removals and new or changed vectors are honoured at once.
   *
   * @param query a vector of the catalog's dimension
   * @param k how many, at least 1
   * @param accept which video indexes may be returned
   * @param outVideos receives video indexes, best first; length at least {@code k}
   * @param outScores receives their scores; length at least {@code k}
   * @return how many were written, at most {@code k}
   * @throws IllegalArgumentException on a query of the wrong dimension, non-finite values, {@code k
   *     < 1} or short output arrays
   */
  int nearest(float[] query, int k, IntPredicate accept, int[] outVideos, float[] outScores);

  /**
   * Approximate nearest neighbours with an explicit search effort: the graph search keeps the
   * {@code beamWidth} best candidates it has seen ({@code ef} in the HNSW paper) and returns the
   * {@code k} best accepted ones. A wider beam finds more of the exact answer and costs more (see
   * {@code benchmarks/README.md} for recall and time by beam width); otherwise as {@link
   * #nearest(float[], int, IntPredicate, int[], float[])}.
   *
   * @param query a vector of the catalog's dimension
   * @param k how many, at least 1
   * @param beamWidth candidates kept by the graph search, at least {@code k} and at most 100,000
   * @param accept which video indexes may be returned
   * @param outVideos receives video indexes, best first; length at least {@code k}
   * @param outScores receives their scores; length at least {@code k}
   * @return how many were written, at most {@code k}
   * @throws IllegalArgumentException on a query of the wrong dimension, non-finite values, {@code k
   *     < 1}, a beam width outside {@code [k, 100000]} or short output arrays
   */
  int nearest(
      float[] query, int k, int beamWidth, IntPredicate accept, int[] outVideos, float[] outScores);

  /**
   * Exact nearest neighbours by dot product: a SIMD scan (Lucene {@code VectorUtil}) over every
   * live video with an embedding that {@code accept} admits. Same contract as {@link #nearest}.
   *
   * @param query a vector of the catalog's dimension
   * @param k how many, at least 1
   * @param accept which video indexes may be returned
   * @param outVideos receives video indexes, best first
   * @param outScores receives their scores
   * @return how many were written
   */
  int exactNearest(float[] query, int k, IntPredicate accept, int[] outVideos, float[] outScores);

  /**
   * Makes every change so far visible to {@link #videosWith} and links every new vector into the
   * search graph now (on every core when there are many, as after a bulk load; writers wait
   * meanwhile, searches do not). Call it after a bulk load.
   */
  void refresh();

  /**
   * Returns the creators' id map.
   *
   * @return creator ids to indexes
   */
  IdMap creators();

  /**
   * Returns the hashtags' id map.
   *
   * @return hashtag ids to indexes
   */
  IdMap hashtags();

  /**
   * Returns the sounds' id map.
   *
   * @return sound ids to indexes
   */
  IdMap sounds();

  /**
   * Returns the categories' id map.
   *
   * @return category names to indexes
   */
  IdMap categories();

  /**
   * Returns the languages' id map.
   *
   * @return language codes to indexes
   */
  IdMap languages();

  /**
   * Returns the heap bytes the catalog uses (Lucene index and arrays), measured or closely
   * estimated.
   *
   * @return bytes
   */
  long ramBytesUsed();
}
