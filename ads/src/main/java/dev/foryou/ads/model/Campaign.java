package dev.foryou.ads.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A campaign: one advertiser's effort with a schedule, a status and an industry category (Brand
 * Takeovers are exclusive per day and category). Budgets belong to the budget package.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id external id, not blank
 * @param advertiserId the owning advertiser's id
 * @param category industry category, lower-cased, not blank (e.g. {@code "beauty"})
 * @param schedule delivery window
 * @param status delivery status
 */
public record Campaign(
    String id, String advertiserId, String category, Schedule schedule, Status status) {
  /** Validates and normalises the category. */
  public Campaign {
    Ids.check(id, "campaign id");
    Ids.check(advertiserId, "advertiser id");
    category = Ids.check(category, "category").trim().toLowerCase(Locale.ROOT);
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(status, "status");
  }

  /**
   * Returns a copy with another status.
   *
   * @param newStatus the status
   * @return the copy
   */
  public Campaign withStatus(Status newStatus) {
    return new Campaign(id, advertiserId, category, schedule, newStatus);
  }
}
