package dev.foryou.ranking;

import java.util.Objects;
import java.util.Set;

/**
 * Per-request options of a feed call: the pagination cursor and the user's filters. Filters use
 * external ids (creator ids, ISO 639 language codes, hashtags without '#').
 *
 * <p>Immutable and thread-safe.
 *
 * @param cursor empty for a new session's first page, else the {@link FeedPage#cursor()} of the
 *     previous page
 * @param blockedCreators creators whose videos must not appear
 * @param languages if non-empty, only videos in these languages appear
 * @param excludedHashtags hashtags the user marked "not interested": videos carrying any do not
 *     appear
 */
public record FeedContext(
    String cursor,
    Set<String> blockedCreators,
    Set<String> languages,
    Set<String> excludedHashtags) {

  private static final FeedContext FIRST = new FeedContext("", Set.of(), Set.of(), Set.of());

  /** Validates and copies. */
  public FeedContext {
    Objects.requireNonNull(cursor, "cursor");
    blockedCreators = Set.copyOf(blockedCreators);
    languages = Set.copyOf(languages);
    excludedHashtags = Set.copyOf(excludedHashtags);
  }

  /**
   * A first page with no filters.
   *
   * @return the context
   */
  public static FeedContext firstPage() {
    return FIRST;
  }

  /**
   * Returns this context continuing after a page.
   *
   * @param cursor the previous page's cursor
   * @return a copy with the cursor
   */
  public FeedContext withCursor(String cursor) {
    return new FeedContext(cursor, blockedCreators, languages, excludedHashtags);
  }

  /**
   * Returns this context with blocked creators.
   *
   * @param creators creator ids
   * @return a copy
   */
  public FeedContext withBlockedCreators(Set<String> creators) {
    return new FeedContext(cursor, creators, languages, excludedHashtags);
  }

  /**
   * Returns this context restricted to languages.
   *
   * @param codes ISO 639 codes; empty for any
   * @return a copy
   */
  public FeedContext withLanguages(Set<String> codes) {
    return new FeedContext(cursor, blockedCreators, codes, excludedHashtags);
  }

  /**
   * Returns this context excluding hashtags.
   *
   * @param hashtags hashtags without '#'
   * @return a copy
   */
  public FeedContext withExcludedHashtags(Set<String> hashtags) {
    return new FeedContext(cursor, blockedCreators, languages, hashtags);
  }
}
