package dev.foryou.ads.auction;

import dev.foryou.ads.targeting.TargetingQuery;
import java.util.Objects;

/**
 * One ad request: the caller's dense user index (for frequency caps) and the targeting query.
 *
 * <p>Immutable and thread-safe.
 *
 * @param user the user's dense index, at least 0
 * @param query attributes, interests and audiences of the user
 */
public record AdRequest(int user, TargetingQuery query) {
  /** Validates. */
  public AdRequest {
    if (user < 0) {
      throw new IllegalArgumentException("user must be >= 0: " + user);
    }
    Objects.requireNonNull(query, "query");
  }
}
