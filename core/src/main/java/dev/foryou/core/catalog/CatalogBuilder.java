package dev.foryou.core.catalog;

import dev.foryou.core.TimeSource;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures and builds a {@link Catalog}. Every setting may be given at most once; a bad value
 * throws {@link IllegalArgumentException} naming it, a repeated setting {@link
 * IllegalStateException}. Only {@link #dimension} is required.
 *
 * <p>Defaults: max staleness 1 s, system time, exact search up to 10,000 live videos, HNSW {@code M
 * = 32} (64 neighbours on level 0), beam width 100 while linking, oversampling 5 (a {@code k}-NN
 * search keeps {@code 5k} candidates: recall@100 about 0.95 on 1 M clustered 64-dim vectors, see
 * {@code benchmarks/README.md}).
 *
 * <p>Not thread-safe: configure on one thread, then {@link #build()}.
 */
public final class CatalogBuilder {
  /** The largest embedding dimension accepted (as Lucene's vector fields). */
  public static final int MAX_DIMENSION = 1024;

  int dimension = -1;
  long maxStalenessMillis = -1;
  TimeSource timeSource;
  int exactSearchThreshold = -1;
  int hnswMaxConnections = -1;
  int hnswBeamWidth = -1;
  int oversampling = -1;

  CatalogBuilder() {}

  /**
   * Sets the embedding dimension (required).
   *
   * @param dimension 1 to {@link #MAX_DIMENSION}
   * @return this
   */
  public CatalogBuilder dimension(int dimension) {
    once(this.dimension != -1, "dimension");
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "dimension must be in [1, " + MAX_DIMENSION + "]: " + dimension);
    }
    this.dimension = dimension;
    return this;
  }

  /**
   * Sets the near-real-time bound: a search refreshes first when it finds changes older than this
   * not yet refreshed (Lucene reader for {@link Catalog#videosWith}; vectors not yet linked into
   * the graph, which vector search meanwhile scans exactly), so {@code videosWith} at time t sees
   * every change made before t − maxStaleness. Zero refreshes on every search that finds pending
   * changes.
   *
   * @param maxStaleness at least zero
   * @return this
   */
  public CatalogBuilder maxStaleness(Duration maxStaleness) {
    Objects.requireNonNull(maxStaleness, "maxStaleness");
    once(maxStalenessMillis != -1, "maxStaleness");
    if (maxStaleness.isNegative()) {
      throw new IllegalArgumentException("maxStaleness must be >= 0: " + maxStaleness);
    }
    this.maxStalenessMillis = maxStaleness.toMillis();
    return this;
  }

  /**
   * Sets the clock that staleness is measured with.
   *
   * @param timeSource the clock
   * @return this
   */
  public CatalogBuilder timeSource(TimeSource timeSource) {
    Objects.requireNonNull(timeSource, "timeSource");
    once(this.timeSource != null, "timeSource");
    this.timeSource = timeSource;
    return this;
  }

  /**
   * Sets the catalog size (live videos) up to which {@link Catalog#nearest} scans exactly instead
   * of searching the HNSW graph.
   *
   * @param threshold at least 0
   * @return this
   */
  public CatalogBuilder exactSearchThreshold(int threshold) {
    once(exactSearchThreshold != -1, "exactSearchThreshold");
    if (threshold < 0) {
      throw new IllegalArgumentException("exactSearchThreshold must be >= 0: " + threshold);
    }
    this.exactSearchThreshold = threshold;
    return this;
  }

  /**
   * Sets HNSW's maximum connections per node ({@code M}).
   *
   * @param m 2 to 512
   * @return this
   */
  public CatalogBuilder hnswMaxConnections(int m) {
    once(hnswMaxConnections != -1, "hnswMaxConnections");
    if (m < 2 || m > 512) {
      throw new IllegalArgumentException("hnswMaxConnections must be in [2, 512]: " + m);
    }
    this.hnswMaxConnections = m;
    return this;
  }

  /**
   * Sets HNSW's beam width at construction ({@code efConstruction}).
   *
   * @param beamWidth 1 to 3200
   * @return this
   */
  public CatalogBuilder hnswBeamWidth(int beamWidth) {
    once(hnswBeamWidth != -1, "hnswBeamWidth");
    if (beamWidth < 1 || beamWidth > 3200) {
      throw new IllegalArgumentException("hnswBeamWidth must be in [1, 3200]: " + beamWidth);
    }
    this.hnswBeamWidth = beamWidth;
    return this;
  }

  /**
   * Sets how many times {@code k} accepted hits an HNSW search collects (its beam width, {@code
   * ef}) before the best {@code k} are returned; the filter is applied during the search.
   *
   * @param factor 1 to 100
   * @return this
   */
  public CatalogBuilder oversampling(int factor) {
    once(oversampling != -1, "oversampling");
    if (factor < 1 || factor > 100) {
      throw new IllegalArgumentException("oversampling must be in [1, 100]: " + factor);
    }
    this.oversampling = factor;
    return this;
  }

  /**
   * Builds an empty catalog.
   *
   * @return the catalog
   * @throws IllegalStateException if no dimension was given
   */
  public Catalog build() {
    if (dimension == -1) {
      throw new IllegalStateException("dimension is required");
    }
    return new LuceneCatalog(
        dimension,
        maxStalenessMillis == -1 ? 1000 : maxStalenessMillis,
        timeSource == null ? TimeSource.SYSTEM : timeSource,
        exactSearchThreshold == -1 ? 10_000 : exactSearchThreshold,
        hnswMaxConnections == -1 ? 32 : hnswMaxConnections,
        hnswBeamWidth == -1 ? 100 : hnswBeamWidth,
        oversampling == -1 ? 5 : oversampling);
  }

  private static void once(boolean alreadySet, String name) {
    if (alreadySet) {
      throw new IllegalStateException(name + " was already set");
    }
  }
}
