package dev.foryou.ads.billing;

import java.time.LocalDate;

/**
 * What a creator earned in a period: the share of ad revenue from ads next to their videos and the
 * creator-fund payout for qualified views ({@code floor(qualifiedViews * rpmMicros / 1000)}, the
 * fraction of a micro stays with the fund).
 *
 * <p>Immutable and thread-safe.
 *
 * @param creatorId the creator
 * @param from first day, inclusive
 * @param to last day, inclusive
 * @param adImpressions ad impressions next to the creator's videos
 * @param adRevenueShareMicros the creator's share of those ads' charges
 * @param qualifiedViews views qualified for the fund
 * @param fundPayoutMicros the fund payout
 */
public record CreatorStatement(
    String creatorId,
    LocalDate from,
    LocalDate to,
    long adImpressions,
    long adRevenueShareMicros,
    long qualifiedViews,
    long fundPayoutMicros) {

  /**
   * Total owed to the creator for the period.
   *
   * @return share plus fund payout, in micros
   */
  public long totalMicros() {
    return Math.addExact(adRevenueShareMicros, fundPayoutMicros);
  }
}
