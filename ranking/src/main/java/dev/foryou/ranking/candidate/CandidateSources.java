package dev.foryou.ranking.candidate;

import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.ranking.embed.UserVectorSource;
import java.util.Objects;

/**
 * Factories for the built-in candidate sources and the default user vectors.
 *
 * <p>Every source returned is thread-safe and does work bounded by its {@code limit}.
 */
public final class CandidateSources {
  private CandidateSources() {}

  /**
   * Nearest neighbours of the user's vector by dot product through {@link Catalog#nearest} (HNSW,
   * with the catalog's exact SIMD fallback for small or heavily filtered sets).
   *
   * @param catalog the catalog
   * @param vectors where user vectors come from
   * @return the source
   */
  public static CandidateSource ann(Catalog catalog, UserVectorSource vectors) {
    return ann(catalog, vectors, DEFAULT_ANN_BEAM_FACTOR);
  }

  /**
   * The graph search of {@link #ann(Catalog, UserVectorSource)} keeps this many candidates per
   * candidate asked for: a feed blends ANN with nine other sources and keeps 20 of ~1,000
   * candidates, so it trades some ANN recall (about 0.91 at recall@100 on 1 M clustered 64-dim
   * vectors, against 0.95 with the catalog's default beam of 5 k) for a third of the search cost;
   * see {@code benchmarks/README.md}.
   */
  public static final double DEFAULT_ANN_BEAM_FACTOR = 1.5;

  /**
   * Nearest neighbours of the user's vector with an explicit search effort: asked for {@code limit}
   * candidates, the catalog's graph search keeps {@code ceil(limit × beamFactor)} (see {@link
   * Catalog#nearest(float[], int, int, java.util.function.IntPredicate, int[], float[])}).
   *
   * @param catalog the catalog
   * @param vectors where user vectors come from
   * @param beamFactor at least 1 (1 = the narrowest search), at most 100
   * @return the source
   * @throws IllegalArgumentException if {@code beamFactor} is outside {@code [1, 100]} or NaN
   */
  public static CandidateSource ann(Catalog catalog, UserVectorSource vectors, double beamFactor) {
    if (!(beamFactor >= 1 && beamFactor <= 100)) {
      throw new IllegalArgumentException("beamFactor must be in [1, 100]: " + beamFactor);
    }
    return new Sources.Ann(
        Objects.requireNonNull(catalog, "catalog"),
        Objects.requireNonNull(vectors, "vectors"),
        beamFactor);
  }

  /**
   * "Because you watched X": videos co-engaged with the user's most recent history, weighted by
   * co-engagement strength and the recency of the seed.
   *
   * @param signals the signal store
   * @param seeds how many history videos to expand, at least 1
   * @return the source
   * @throws IllegalArgumentException if {@code seeds < 1}
   */
  public static CandidateSource coEngagement(SignalStore signals, int seeds) {
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be >= 1: " + seeds);
    }
    return new Sources.CoEngagement(Objects.requireNonNull(signals, "signals"), seeds);
  }

  /**
   * Trending by decayed velocity: half from the global segment, the rest from the user's language
   * and country segments.
   *
   * @param index the trending index
   * @return the source
   */
  public static CandidateSource trending(TrendingIndex index) {
    return new Sources.Trending(Objects.requireNonNull(index, "index"));
  }

  /**
   * Newest videos of the creators the user follows.
   *
   * @param signals the signal store
   * @param content the content index
   * @return the source
   */
  public static CandidateSource followedCreators(SignalStore signals, ContentIndex content) {
    return new Sources.Creators(
        Objects.requireNonNull(signals, "signals"),
        Objects.requireNonNull(content, "content"),
        true);
  }

  /**
   * Newest videos of the creators with the user's highest positive affinities.
   *
   * @param signals the signal store
   * @param content the content index
   * @return the source
   */
  public static CandidateSource affineCreators(SignalStore signals, ContentIndex content) {
    return new Sources.Creators(
        Objects.requireNonNull(signals, "signals"),
        Objects.requireNonNull(content, "content"),
        false);
  }

  /**
   * Newest videos of the hashtags with the user's highest positive affinities.
   *
   * @param signals the signal store
   * @param content the content index
   * @return the source
   */
  public static CandidateSource hashtags(SignalStore signals, ContentIndex content) {
    return new Sources.Tags(
        Objects.requireNonNull(signals, "signals"),
        Objects.requireNonNull(content, "content"),
        false);
  }

  /**
   * Newest videos of the sounds with the user's highest positive affinities.
   *
   * @param signals the signal store
   * @param content the content index
   * @return the source
   */
  public static CandidateSource sounds(SignalStore signals, ContentIndex content) {
    return new Sources.Tags(
        Objects.requireNonNull(signals, "signals"),
        Objects.requireNonNull(content, "content"),
        true);
  }

  /**
   * Newest videos of the running sponsored hashtag challenges (hashtags of recent sponsored
   * videos), for every user.
   *
   * @param content the content index
   * @return the source
   */
  public static CandidateSource challenges(ContentIndex content) {
    return new Sources.Challenges(Objects.requireNonNull(content, "content"));
  }

  /**
   * The fresh pool: the newest uploads that are younger than {@code maxAgeMillis} and have at most
   * {@code maxImpressions} decayed impressions.
   *
   * @param content the content index
   * @param signals the signal store
   * @param catalog the catalog
   * @param maxAgeMillis the oldest a fresh video may be, at least 1
   * @param maxImpressions the most impressions a fresh video may have, at least 0
   * @return the source
   * @throws IllegalArgumentException on a bad value
   */
  public static CandidateSource fresh(
      ContentIndex content,
      SignalStore signals,
      Catalog catalog,
      long maxAgeMillis,
      double maxImpressions) {
    if (maxAgeMillis < 1) {
      throw new IllegalArgumentException("maxAgeMillis must be >= 1: " + maxAgeMillis);
    }
    if (!(maxImpressions >= 0)) {
      throw new IllegalArgumentException("maxImpressions must be >= 0: " + maxImpressions);
    }
    return new Sources.Fresh(
        Objects.requireNonNull(content, "content"),
        Objects.requireNonNull(signals, "signals"),
        Objects.requireNonNull(catalog, "catalog"),
        maxAgeMillis,
        maxImpressions);
  }

  /**
   * Uniformly random live videos (seeded by user and time), for diverse exploration of cold users.
   * At most {@code 4·limit} probes.
   *
   * @param catalog the catalog
   * @return the source
   */
  public static CandidateSource explore(Catalog catalog) {
    return new Sources.Explore(Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * The default user vectors: the recency-decayed, affinity-weighted mean of the normalised catalog
   * embeddings of the user's recent history (an online fold-in that needs no trained factors).
   *
   * @param catalog the catalog
   * @param signals the signal store
   * @param historyLength how many recent videos to average, at least 1
   * @param recencyDecay the weight factor per step back in history, in (0, 1]
   * @return the vectors; thread-safe
   * @throws IllegalArgumentException on a bad value
   */
  public static UserVectorSource historyUserVectors(
      Catalog catalog, SignalStore signals, int historyLength, float recencyDecay) {
    return new HistoryUserVectors(
        Objects.requireNonNull(catalog, "catalog"),
        Objects.requireNonNull(signals, "signals"),
        historyLength,
        recencyDecay);
  }
}
