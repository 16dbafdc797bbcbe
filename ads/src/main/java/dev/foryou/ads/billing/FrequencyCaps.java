package dev.foryou.ads.billing;

/**
 * Frequency caps per user per campaign and per user per advertiser, enforced at auction time. Caps
 * are configured through {@link AdAccounting#setCampaignCaps} and {@link
 * AdAccounting#setAdvertiserCaps}.
 *
 * <p>{@link #tryAcquire} is an atomic check-and-reserve over every cap of the campaign and of its
 * advertiser: concurrent requests for one user can never together exceed a cap. A hold counts as an
 * impression until {@link #release released} (for an auction the ad lost, or an ad not shown). The
 * ad server calls {@code tryAcquire} for every ad impression it serves; after a restart the counts
 * are rebuilt from the ledger's impressions.
 *
 * <p>Thread-safe: all state of one user is guarded by one lock stripe.
 */
public interface FrequencyCaps {

  /**
   * Checks every cap of the campaign and advertiser for the user and, if none would be exceeded,
   * counts one impression now.
   *
   * @param userId the user
   * @param campaignId the campaign
   * @param advertiserId the campaign's advertiser
   * @param nowMillis now
   * @return a granted hold, or {@link CapHold#DENIED}
   * @throws IllegalArgumentException if an id is empty
   */
  CapHold tryAcquire(String userId, String campaignId, String advertiserId, long nowMillis);

  /**
   * Gives back a granted hold whose impression was not shown. Releasing {@link CapHold#DENIED} does
   * nothing.
   *
   * @param hold a hold from {@link #tryAcquire}
   * @throws IllegalArgumentException if the hold was already released
   */
  void release(CapHold hold);

  /**
   * Counts a user's impressions of a campaign in a window (exact up to the campaign's largest
   * sliding cap for sliding windows).
   *
   * @param userId the user
   * @param campaignId the campaign
   * @param window the window
   * @param nowMillis now
   * @return impressions counted (including holds)
   */
  int campaignCount(String userId, String campaignId, CapWindow window, long nowMillis);

  /**
   * Counts a user's impressions of an advertiser in a window.
   *
   * @param userId the user
   * @param advertiserId the advertiser
   * @param window the window
   * @param nowMillis now
   * @return impressions counted (including holds)
   */
  int advertiserCount(String userId, String advertiserId, CapWindow window, long nowMillis);
}
