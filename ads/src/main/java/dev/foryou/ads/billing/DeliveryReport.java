package dev.foryou.ads.billing;

import java.time.LocalDate;

/**
 * Delivery of an advertiser, campaign or ad group on one calendar day (of the campaign's zone).
 * Money is in micros; ratios are plain doubles (not money).
 *
 * <p>Immutable and thread-safe.
 *
 * @param level "advertiser", "campaign" or "adGroup"
 * @param id the advertiser, campaign or ad group id
 * @param day the day
 * @param impressions impressions
 * @param clicks valid clicks
 * @param invalidClicks invalid (free) clicks
 * @param spendMicros charged
 * @param auctions auctions taken part in
 * @param wins auctions won
 * @param ctr clicks / impressions (0 without impressions)
 * @param ecpmMicros spend per thousand impressions (0 without impressions)
 * @param cpcMicros spend per valid click (0 without clicks)
 * @param winRate wins / auctions (0 without auctions)
 * @param budgetUtilisation spend / daily budget (0 without a daily budget; ad groups report their
 *     campaign's budget)
 * @param hourlySpendMicros spend per local hour 0..23
 * @param hourlyPlanMicros planned spend per local hour (the daily budget spread by the forecast)
 * @param hourlyPacingError per hour (spend - plan) / plan; 0 if both are 0, 1 if only the plan is 0
 */
public record DeliveryReport(
    String level,
    String id,
    LocalDate day,
    long impressions,
    long clicks,
    long invalidClicks,
    long spendMicros,
    long auctions,
    long wins,
    double ctr,
    long ecpmMicros,
    long cpcMicros,
    double winRate,
    double budgetUtilisation,
    long[] hourlySpendMicros,
    long[] hourlyPlanMicros,
    double[] hourlyPacingError) {

  /** Copies the arrays in. */
  public DeliveryReport {
    hourlySpendMicros = hourlySpendMicros.clone();
    hourlyPlanMicros = hourlyPlanMicros.clone();
    hourlyPacingError = hourlyPacingError.clone();
  }

  /**
   * Spend per local hour.
   *
   * @return a copy
   */
  @Override
  public long[] hourlySpendMicros() {
    return hourlySpendMicros.clone();
  }

  /**
   * Planned spend per local hour.
   *
   * @return a copy
   */
  @Override
  public long[] hourlyPlanMicros() {
    return hourlyPlanMicros.clone();
  }

  /**
   * Pacing error per local hour.
   *
   * @return a copy
   */
  @Override
  public double[] hourlyPacingError() {
    return hourlyPacingError.clone();
  }
}
