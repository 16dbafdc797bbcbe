package dev.foryou.ads.billing;

import java.time.LocalDate;

/**
 * Budgets and pacing at auction time. Campaign budgets are registered through {@link
 * AdAccounting#registerCampaign}; spend is recorded by the {@link Ledger}.
 *
 * <p>Per auction the ad server calls, for each eligible campaign, {@link #admit(int, long)} (a
 * throttle decision: the bid multiplier, {@code 0} = sit this auction out), and before serving a
 * winner {@link #reserve(int, long, long)} with the most the impression can cost; the hold is
 * settled by {@link Ledger#recordImpression} (which charges the clearing price) or given back by
 * {@link #release(int, long)} when the impression is not served.
 *
 * <p><b>Overspend bound.</b> A reservation succeeds only if today's spend plus all holds plus the
 * new hold fits the daily and the lifetime budget, and the ledger never charges a campaign more
 * than its remaining daily and lifetime budget. So an advertiser is never charged above its budget:
 * the overspend in money is <b>zero</b>. What can exceed the budget is delivery the platform gives
 * away: a CPM impression served without a hold is charged only up to the remaining budget, and a
 * CPC click arriving after the budget is spent is free (counted as {@code budgetCappedMicros} in
 * the ledger). With holds taken as documented, free delivery is bounded by the clicks on
 * impressions in flight when the budget runs out, times their CPC.
 *
 * <p>Thread-safe: each campaign has its own lock; decisions for different campaigns never contend.
 */
public interface BudgetPacer {

  /**
   * Returns the dense index of a registered campaign, for the hot-path overloads.
   *
   * @param campaignId the campaign id
   * @return its index, or {@code -1} if the campaign has no registered budget
   */
  int indexOf(String campaignId);

  /**
   * Decides whether a campaign takes part in an auction now.
   *
   * @param campaign the campaign index from {@link #indexOf}
   * @param nowMillis the auction time
   * @return the bid multiplier: {@code 1.0} to bid as is, {@code 0.0} if throttled by pacing or out
   *     of budget
   * @throws IllegalArgumentException if {@code campaign} is not a registered index
   */
  double admit(int campaign, long nowMillis);

  /**
   * Decides whether a campaign takes part in an auction now.
   *
   * @param campaignId the campaign id
   * @param nowMillis the auction time
   * @return the bid multiplier: {@code 1.0} to bid, {@code 0.0} if throttled or out of budget
   * @throws IllegalArgumentException if the campaign has no registered budget
   */
  double admit(String campaignId, long nowMillis);

  /**
   * Holds budget for an impression about to be served, so that impressions in flight can never
   * together exceed the budget.
   *
   * @param campaign the campaign index
   * @param maxChargeMicros the most the impression can be charged (for CPM: {@code
   *     ceil(maxCpmMicros / 1000)}; for CPC: the max CPC), at least 1
   * @param nowMillis now
   * @return {@code true} if held; {@code false} if the remaining budget cannot cover it
   * @throws IllegalArgumentException if {@code campaign} is unknown or {@code maxChargeMicros < 1}
   */
  boolean reserve(int campaign, long maxChargeMicros, long nowMillis);

  /**
   * Holds budget for an impression about to be served.
   *
   * @param campaignId the campaign id
   * @param maxChargeMicros the most the impression can be charged, at least 1
   * @param nowMillis now
   * @return whether the hold was granted
   * @throws IllegalArgumentException if the campaign is unknown or {@code maxChargeMicros < 1}
   */
  boolean reserve(String campaignId, long maxChargeMicros, long nowMillis);

  /**
   * Gives back a hold whose impression was not served (lost auction, dropped response).
   *
   * @param campaign the campaign index
   * @param heldMicros the amount held, between 0 and the campaign's current holds
   * @throws IllegalArgumentException if {@code campaign} is unknown or the amount is out of range
   */
  void release(int campaign, long heldMicros);

  /**
   * Gives back a hold whose impression was not served.
   *
   * @param campaignId the campaign id
   * @param heldMicros the amount held
   * @throws IllegalArgumentException if the campaign is unknown or the amount is out of range
   */
  void release(String campaignId, long heldMicros);

  /**
   * Returns what a campaign spent on one calendar day of its zone.
   *
   * @param campaignId the campaign id
   * @param day the day in the campaign's zone
   * @return micros charged
   * @throws IllegalArgumentException if the campaign is unknown
   */
  long spentOn(String campaignId, LocalDate day);

  /**
   * Returns what a campaign spent since it was created.
   *
   * @param campaignId the campaign id
   * @return micros charged
   * @throws IllegalArgumentException if the campaign is unknown
   */
  long spentLifetime(String campaignId);

  /**
   * Returns the budget currently held by impressions in flight.
   *
   * @param campaignId the campaign id
   * @return micros held
   * @throws IllegalArgumentException if the campaign is unknown
   */
  long heldMicros(String campaignId);

  /**
   * Returns the registered budget of a campaign.
   *
   * @param campaignId the campaign id
   * @return the budget
   * @throws IllegalArgumentException if the campaign is unknown
   */
  CampaignBudget budget(String campaignId);

  /**
   * Returns the planned spend per local hour of a day (0..23) for a campaign: its daily budget
   * spread over the hours by its traffic forecast (ASAP campaigns plan by the same forecast, for
   * reporting).
   *
   * @param campaignId the campaign id
   * @return 24 planned amounts in micros, summing to the daily budget
   * @throws IllegalArgumentException if the campaign is unknown or has no daily budget
   */
  long[] hourlyPlan(String campaignId);
}
