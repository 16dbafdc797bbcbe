package dev.foryou.ranking;

import java.util.List;
import java.util.Objects;

/**
 * One page of a user's feed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the ranked items, best first (fewer than asked when the catalog runs out)
 * @param cursor pass in {@link FeedContext#withCursor} to get the next page; never repeats any item
 *     of earlier pages of the same session
 * @param coldStart true if the user was unknown or had no history, so the page is trending plus
 *     diverse exploration
 */
public record FeedPage(List<FeedItem> items, String cursor, boolean coldStart) {

  /** Validates and copies. */
  public FeedPage {
    items = List.copyOf(items);
    Objects.requireNonNull(cursor, "cursor");
  }
}
