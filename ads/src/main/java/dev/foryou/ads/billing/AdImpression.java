package dev.foryou.ads.billing;

import java.util.Objects;

/**
 * A served ad impression, as reported to the {@link Ledger} after the auction.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId unique id of this billable event, non-empty (a retry carries the same id)
 * @param userId the viewer
 * @param advertiserId the campaign's advertiser
 * @param campaignId the campaign (its budget must be registered)
 * @param adGroupId the ad group (always within the same campaign)
 * @param creatorId the creator whose video the ad was shown next to, or {@code ""} for none
 * @param pricing what the ad pays for
 * @param priceMicros the clearing price: per thousand impressions for CPM, per click for CPC; at
 *     least 0
 * @param timestampMillis when it was shown
 */
public record AdImpression(
    String eventId,
    String userId,
    String advertiserId,
    String campaignId,
    String adGroupId,
    String creatorId,
    PricingModel pricing,
    long priceMicros,
    long timestampMillis) {

  /**
   * Validates the event.
   *
   * @throws IllegalArgumentException if an id (other than the creator) is empty or the price is
   *     negative
   */
  public AdImpression {
    Ledger.requireId(eventId, "eventId");
    Ledger.requireId(userId, "userId");
    Ledger.requireId(advertiserId, "advertiserId");
    Ledger.requireId(campaignId, "campaignId");
    Ledger.requireId(adGroupId, "adGroupId");
    Objects.requireNonNull(creatorId, "creatorId");
    Objects.requireNonNull(pricing, "pricing");
    if (priceMicros < 0) {
      throw new IllegalArgumentException("priceMicros must be >= 0: " + priceMicros);
    }
  }
}
