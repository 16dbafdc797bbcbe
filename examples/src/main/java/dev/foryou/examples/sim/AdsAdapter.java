package dev.foryou.examples.sim;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The seam between the simulator (or the service) and the ads engine: it places ads into organic
 * pages and on the other surfaces, hears impressions, clicks and organic views (for billing and
 * creator payouts), and reports money as its own ledger records it.
 *
 * <p>Implementations need not be thread-safe unless they say so.
 */
public interface AdsAdapter {

  /** A surface outside the feed that carries its own sponsored slot. */
  enum Surface {
    /** The discover page (hashtag challenges). */
    DISCOVER,
    /** The effects tray (branded effects). */
    EFFECTS
  }

  /** No ads at all: every call places nothing and money stays zero. */
  AdsAdapter NONE = new NoAds();

  /**
   * Tells whether this adapter ever serves ads.
   *
   * @return false for {@link #NONE}
   */
  boolean enabled();

  /**
   * The ad shown first when a user opens the app (TopView on the day's first open, or a Brand
   * Takeover), if any.
   *
   * @param user the user
   * @param firstOpenToday true on the user's first open of the calendar day
   * @param nowMillis now
   * @return the ad, or null
   */
  @Nullable ServedAd onOpen(int user, boolean firstOpenToday, long nowMillis);

  /**
   * Mixes in-feed ads into an organic page, following the engine's ad-load rules.
   *
   * @param user the user
   * @param organic the organic page's video indexes
   * @param values the organic videos' values as the feed ranked them
   * @param n how many of {@code organic} are valid
   * @param shownBefore how many items this session has shown so far
   * @param nowMillis now
   * @param out receives the page's slots in order (organic videos and ads)
   */
  void monetize(
      int user,
      int[] organic,
      double[] values,
      int n,
      int shownBefore,
      long nowMillis,
      List<Slot> out);

  /**
   * The sponsored slot of a surface, if any wins it.
   *
   * @param surface the surface
   * @param user the user
   * @param nowMillis now
   * @return the ad, or null
   */
  @Nullable ServedAd surface(Surface surface, int user, long nowMillis);

  /**
   * Shows an ad: a last check (e.g. a frequency cap on a new calendar day) and the impression.
   *
   * @param ad the ad
   * @param user the user
   * @param nextToVideo the organic video shown just before it (its creator shares the revenue), or
   *     -1
   * @param nowMillis now
   * @return true if the ad was shown (and billed); false if it was withdrawn at the last moment, in
   *     which case the engine has already given back what it held and the slot is skipped
   */
  boolean impression(ServedAd ad, int user, int nextToVideo, long nowMillis);

  /**
   * Records a click on an ad.
   *
   * @param ad the ad
   * @param user the user
   * @param nowMillis now
   */
  void click(ServedAd ad, int user, long nowMillis);

  /**
   * Says that the simulator is done with a placed ad: shown (after its click, if any) or never
   * reached (the session ended first), so the engine can learn from it or give back what it held.
   *
   * @param ad the ad
   * @param shown true if {@link #impression} was called for it
   * @param clicked true if it was clicked
   * @param nowMillis now
   */
  void done(ServedAd ad, boolean shown, boolean clicked, long nowMillis);

  /**
   * Records an organic view (creator-fund payouts count qualified views).
   *
   * @param user the user
   * @param video the video
   * @param watchMs how long it was watched
   * @param repeat true if the user had watched it before
   * @param nowMillis now
   */
  void organicView(int user, int video, long watchMs, boolean repeat, long nowMillis);

  /**
   * Returns the ad slots offered so far: in-feed auctions, app opens, surface visits.
   *
   * @return slot opportunities
   */
  long opportunities();

  /**
   * Returns the offered slots that were filled with an ad.
   *
   * @return filled slots
   */
  long filled();

  /**
   * Returns a campaign's spend so far, as the engine's billing ledger has it.
   *
   * @param campaign the index of the campaign in the world's list
   * @return micros
   */
  long spendMicros(int campaign);

  /**
   * Returns the platform's ad revenue so far (advertiser spend minus the creators' share).
   *
   * @return micros
   */
  long platformRevenueMicros();

  /**
   * Returns what creators have earned so far: their share of ad revenue plus creator-fund payouts.
   *
   * @return micros
   */
  long creatorPayoutMicros();

  /**
   * Returns the campaigns' frequency-cap and budget settings the engine enforces, for auditing.
   *
   * @return campaign specs in world order, or empty for {@link #NONE}
   */
  default List<CampaignSpec> campaigns() {
    return List.of();
  }
}

/** {@link AdsAdapter#NONE}. */
final class NoAds implements AdsAdapter {
  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public @Nullable ServedAd onOpen(int user, boolean firstOpenToday, long nowMillis) {
    return null;
  }

  @Override
  public void monetize(
      int user,
      int[] organic,
      double[] values,
      int n,
      int shownBefore,
      long nowMillis,
      List<Slot> out) {
    for (int i = 0; i < n; i++) {
      out.add(Slot.of(organic[i]));
    }
  }

  @Override
  public @Nullable ServedAd surface(Surface surface, int user, long nowMillis) {
    return null;
  }

  @Override
  public boolean impression(ServedAd ad, int user, int nextToVideo, long nowMillis) {
    return false;
  }

  @Override
  public void click(ServedAd ad, int user, long nowMillis) {}

  @Override
  public void organicView(int user, int video, long watchMs, boolean repeat, long nowMillis) {}

  @Override
  public long opportunities() {
    return 0;
  }

  @Override
  public long filled() {
    return 0;
  }

  @Override
  public void done(ServedAd ad, boolean shown, boolean clicked, long nowMillis) {}

  @Override
  public long spendMicros(int campaign) {
    return 0;
  }

  @Override
  public long platformRevenueMicros() {
    return 0;
  }

  @Override
  public long creatorPayoutMicros() {
    return 0;
  }
}
