package dev.foryou.ads.billing;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The billing ledger: charges CPM on impressions and CPC on valid clicks at the clearing price,
 * each event once (by event id), and splits every charge between the platform and the creator next
 * to whose video the ad ran. It also counts creator-fund views and auction participation.
 *
 * <p><b>Rounding.</b> A CPM price is per thousand impressions; a campaign's per-impression charges
 * carry the sub-micro remainder forward ({@code charge = (carry + price) / 1000}, {@code carry =
 * (carry + price) % 1000}), so the total charged for n impressions is exactly {@code floor(sum of
 * prices / 1000)} and no micro is invented or lost beyond the final fraction. The creator share of
 * a charge is computed the same way per creator with a basis-point rate, and the platform keeps
 * {@code charge - share}, so advertiser spend = platform revenue + creator share, to the micro.
 *
 * <p><b>Budgets.</b> A charge never exceeds the campaign's remaining daily and lifetime budget (see
 * {@link BudgetPacer}); what is cut is counted as {@code budgetCappedMicros}.
 *
 * <p><b>Durability.</b> With a log directory every accepted call is appended to the event log
 * before it takes effect; replay after a crash is idempotent by event id.
 *
 * <p>Thread-safe: events are applied one at a time under the ledger's lock.
 */
public interface Ledger {

  /**
   * Records a served impression and charges it (CPM) at its clearing price, giving back the budget
   * hold taken for it.
   *
   * @param impression the impression
   * @param heldMicros the budget held for it by {@link BudgetPacer#reserve} (0 if none)
   * @return the outcome and the money moved
   * @throws IllegalArgumentException if the campaign has no registered budget, belongs to another
   *     advertiser, the ad group belongs to another campaign, or the hold is out of range
   */
  Charge recordImpression(AdImpression impression, long heldMicros);

  /**
   * Records a served impression, charges it, settles its budget hold and turns its frequency-cap
   * hold into the impression's count (at the impression's time). A duplicate gives both holds back.
   * Without a granted cap hold ({@link CapHold#DENIED}) the impression is counted against the caps
   * directly, as on replay, so live and recovered counts agree.
   *
   * @param impression the impression
   * @param heldMicros the budget held for it by {@link BudgetPacer#reserve} (0 if none)
   * @param capHold the hold from {@link FrequencyCaps#tryAcquire} for this user and campaign
   * @return the outcome and the money moved
   * @throws IllegalArgumentException as {@link #recordImpression(AdImpression, long)}, or if the
   *     cap hold is for another user, campaign or advertiser or was already released or used
   */
  Charge recordImpression(AdImpression impression, long heldMicros, CapHold capHold);

  /**
   * Records a click; a valid click on a CPC impression is charged the impression's clearing price.
   *
   * @param click the click
   * @return the outcome (invalid clicks are free) and the money moved
   */
  Charge recordClick(AdClick click);

  /**
   * Records a video view for the creator fund.
   *
   * @param view the view
   * @return {@link Outcome#QUALIFIED_VIEW}, {@link Outcome#UNQUALIFIED_VIEW} or {@link
   *     Outcome#DUPLICATE}; no advertiser money moves
   */
  Charge recordView(VideoView view);

  /**
   * Counts an auction an ad group took part in, for win rates (in memory and in snapshots; not
   * written to the event log).
   *
   * @param campaignId the campaign
   * @param adGroupId the ad group
   * @param won whether it won a slot
   * @param nowMillis when
   * @throws IllegalArgumentException if the campaign has no registered budget or the ad group
   *     belongs to another campaign
   */
  void recordAuction(String campaignId, String adGroupId, boolean won, long nowMillis);

  /**
   * Returns the running totals.
   *
   * @return a consistent copy
   */
  LedgerTotals totals();

  /**
   * Returns a creator's statement for a period of calendar days in the accounting's zone.
   *
   * @param creatorId the creator
   * @param from first day, inclusive
   * @param to last day, inclusive, not before {@code from}
   * @return the statement (all zero for an unknown creator)
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  CreatorStatement creatorStatement(String creatorId, LocalDate from, LocalDate to);

  /** Checks an id is non-null and non-empty. */
  static void requireId(String id, String name) {
    Objects.requireNonNull(id, name);
    if (id.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
