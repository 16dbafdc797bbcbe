package dev.foryou.ads.auction;

/**
 * The hook through which budgets, pacing and frequency caps steer the {@link AdServer} without the
 * server knowing them. Campaigns are the server's dense campaign indexes ({@link
 * AdServer#campaignIndex}); users are the caller's dense user indexes ({@link AdRequest#user()}).
 *
 * <p>Per candidate ad group of a request the server first asks {@link #bidMultiplier} (bid shading
 * for pacing: the bid becomes bid × multiplier, rounded half-even to a micro, and the winner never
 * pays above that), then — only for a candidate that would place among the slots + 1 best — asks
 * {@link #allow} (budget left, throttling, frequency cap). Candidates are visited block by block,
 * roughly best possible eCPM first, and those whose best possible eCPM (at full bid) can no longer
 * reach the slots + 1 best or the reserve are skipped without asking either method, so a stateful
 * control sees one call per candidate that could still have placed, not one per matching ad group.
 * Both run on the request's thread, so they must be fast and thread-safe. {@link #NONE} allows
 * everything at full bid.
 */
public interface CampaignControl {

  /** Allows every campaign at its full bid. */
  CampaignControl NONE = (campaign, user, nowMillis) -> true;

  /**
   * May this campaign take part in this user's auction now?
   *
   * @param campaign dense campaign index
   * @param user dense user index
   * @param nowMillis the server's clock
   * @return false to drop the campaign's ad groups from this request
   */
  boolean allow(int campaign, int user, long nowMillis);

  /**
   * The multiplier applied to the campaign's bids now.
   *
   * @param campaign dense campaign index
   * @param nowMillis the server's clock
   * @return a finite value in [0, 1]; 0 drops the campaign
   */
  default double bidMultiplier(int campaign, long nowMillis) {
    return 1.0;
  }
}
