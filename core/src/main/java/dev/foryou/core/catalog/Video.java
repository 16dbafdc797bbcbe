package dev.foryou.core.catalog;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A video's metadata as the catalog stores it.
 *
 * <p>Immutable and thread-safe; the embedding is copied in and out.
 *
 * @param id external id, non-empty
 * @param creatorId external id of the creator, non-empty
 * @param durationMs length in milliseconds, at least 1
 * @param publishedAtMillis publish time, milliseconds since the Unix epoch, at least 0
 * @param language ISO 639 code, or empty when unknown
 * @param hashtags hashtags without '#', lower case, no duplicates
 * @param sound external id of the sound, or empty for none
 * @param category category (topic) name, or empty
 * @param embedding content embedding of the catalog's dimension, or null for none
 * @param sponsored true for branded content (an ad creative's video or a paid challenge entry)
 */
public record Video(
    String id,
    String creatorId,
    long durationMs,
    long publishedAtMillis,
    String language,
    List<String> hashtags,
    String sound,
    String category,
    float @Nullable [] embedding,
    boolean sponsored) {

  /** Validates and copies. */
  public Video {
    requireText(id, "id");
    requireText(creatorId, "creatorId");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(sound, "sound");
    Objects.requireNonNull(category, "category");
    if (durationMs < 1) {
      throw new IllegalArgumentException("durationMs must be >= 1: " + durationMs);
    }
    if (publishedAtMillis < 0) {
      throw new IllegalArgumentException("publishedAtMillis must be >= 0: " + publishedAtMillis);
    }
    hashtags = List.copyOf(Objects.requireNonNull(hashtags, "hashtags"));
    if (hashtags.stream().distinct().count() != hashtags.size()) {
      throw new IllegalArgumentException("duplicate hashtags: " + hashtags);
    }
    for (String h : hashtags) {
      requireText(h, "hashtag");
    }
    if (embedding != null) {
      for (int i = 0; i < embedding.length; i++) {
        if (!Float.isFinite(embedding[i])) {
          throw new IllegalArgumentException("embedding[" + i + "] is not finite: " + embedding[i]);
        }
      }
      embedding = embedding.clone();
    }
  }

  /**
   * Returns a copy of the embedding.
   *
   * @return the embedding, or null if none
   */
  @Override
  public float @Nullable [] embedding() {
    return embedding == null ? null : embedding.clone();
  }

  /**
   * Tells whether the video has an embedding.
   *
   * @return true if it has one
   */
  public boolean hasEmbedding() {
    return embedding != null;
  }

  private static void requireText(String s, String name) {
    Objects.requireNonNull(s, name);
    if (s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank: '" + s + "'");
    }
  }
}
