package dev.foryou.core.signal;

/**
 * What a user can have a decayed affinity to; each is keyed by the catalog's index of that kind.
 */
public enum AffinityKind {
  /** Creators: {@link dev.foryou.core.catalog.Catalog#creators()}. */
  CREATOR,
  /** Hashtags: {@link dev.foryou.core.catalog.Catalog#hashtags()}. */
  HASHTAG,
  /** Sounds: {@link dev.foryou.core.catalog.Catalog#sounds()}. */
  SOUND,
  /** Categories: {@link dev.foryou.core.catalog.Catalog#categories()}. */
  CATEGORY
}
