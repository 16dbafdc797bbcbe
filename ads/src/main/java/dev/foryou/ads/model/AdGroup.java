package dev.foryou.ads.model;

import dev.foryou.ads.Money;
import dev.foryou.ads.targeting.TargetingSpec;
import java.util.Objects;

/**
 * An ad group: the unit that bids in the auction. It has one format, one bid (CPM per thousand
 * impressions or CPC per click, in micros), one targeting spec and a status; its creatives are
 * separate records.
 *
 * <p>Reserved formats (TopView, Brand Takeover) are sold per thousand impressions, so they must bid
 * CPM; the bid is then the booked price.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id external id, not blank
 * @param campaignId the owning campaign's id
 * @param format the ad format
 * @param bidType CPM or CPC
 * @param bidMicros the bid in micros ({@link Money}), per thousand impressions (CPM) or per click
 *     (CPC); positive
 * @param targeting who may see it
 * @param status delivery status
 */
public record AdGroup(
    String id,
    String campaignId,
    Format format,
    BidType bidType,
    long bidMicros,
    TargetingSpec targeting,
    Status status) {
  /** Validates. */
  public AdGroup {
    Ids.check(id, "ad group id");
    Ids.check(campaignId, "campaign id");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(bidType, "bidType");
    Objects.requireNonNull(targeting, "targeting");
    Objects.requireNonNull(status, "status");
    if (bidMicros <= 0) {
      throw new IllegalArgumentException(
          "bid of ad group " + id + " must be positive: " + bidMicros + " micros");
    }
    if (format.reserved() && bidType != BidType.CPM) {
      throw new IllegalArgumentException(
          "reserved format " + format + " of ad group " + id + " must bid CPM, not " + bidType);
    }
  }

  /**
   * Returns a copy with another status.
   *
   * @param newStatus the status
   * @return the copy
   */
  public AdGroup withStatus(Status newStatus) {
    return new AdGroup(id, campaignId, format, bidType, bidMicros, targeting, newStatus);
  }
}
