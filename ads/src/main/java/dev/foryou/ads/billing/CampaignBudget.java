package dev.foryou.ads.billing;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The budget of one campaign.
 *
 * <p>Immutable and thread-safe.
 *
 * @param campaignId external campaign id, non-empty
 * @param advertiserId external id of the advertiser owning the campaign, non-empty
 * @param dailyMicros the most the campaign may spend per calendar day in {@code zone}, in micros,
 *     at least 1 ({@link #UNLIMITED} for no daily limit)
 * @param lifetimeMicros the most the campaign may spend in total, in micros, at least 1 ({@link
 *     #UNLIMITED} for no lifetime limit)
 * @param pacing how the daily budget is spread over the day
 * @param zone the time zone whose calendar days the daily budget refers to
 * @param forecast the expected traffic per local hour, used by {@link PacingMode#EVEN}
 */
public record CampaignBudget(
    String campaignId,
    String advertiserId,
    long dailyMicros,
    long lifetimeMicros,
    PacingMode pacing,
    ZoneId zone,
    TrafficForecast forecast) {

  /** No limit. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /**
   * Validates the budget.
   *
   * @throws IllegalArgumentException if an id is empty or a budget is below 1 micro, or an EVEN
   *     campaign has no daily limit
   */
  public CampaignBudget {
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(advertiserId, "advertiserId");
    Objects.requireNonNull(pacing, "pacing");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(forecast, "forecast");
    if (campaignId.isEmpty()) {
      throw new IllegalArgumentException("campaignId must not be empty");
    }
    if (advertiserId.isEmpty()) {
      throw new IllegalArgumentException("advertiserId must not be empty");
    }
    if (dailyMicros < 1) {
      throw new IllegalArgumentException("dailyMicros must be >= 1: " + dailyMicros);
    }
    if (lifetimeMicros < 1) {
      throw new IllegalArgumentException("lifetimeMicros must be >= 1: " + lifetimeMicros);
    }
    if (pacing == PacingMode.EVEN && dailyMicros == UNLIMITED) {
      throw new IllegalArgumentException(
          "EVEN pacing needs a daily budget (dailyMicros = UNLIMITED) for campaign " + campaignId);
    }
  }

  /**
   * A budget with a flat traffic forecast.
   *
   * @param campaignId campaign id
   * @param advertiserId advertiser id
   * @param dailyMicros daily budget in micros
   * @param lifetimeMicros lifetime budget in micros
   * @param pacing pacing mode
   * @param zone time zone of the budget day
   * @return the budget
   */
  public static CampaignBudget of(
      String campaignId,
      String advertiserId,
      long dailyMicros,
      long lifetimeMicros,
      PacingMode pacing,
      ZoneId zone) {
    return new CampaignBudget(
        campaignId,
        advertiserId,
        dailyMicros,
        lifetimeMicros,
        pacing,
        zone,
        TrafficForecast.uniform());
  }
}
