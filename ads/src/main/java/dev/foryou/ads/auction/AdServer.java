package dev.foryou.ads.auction;

import dev.foryou.ads.ctr.CtrModel;
import dev.foryou.ads.model.AdGroup;
import dev.foryou.ads.model.Advertiser;
import dev.foryou.ads.model.Campaign;
import dev.foryou.ads.model.Creative;
import dev.foryou.ads.model.Format;
import dev.foryou.ads.model.Surface;
import dev.foryou.core.TimeSource;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The live ad inventory and the request path: targeting → pCTR → eCPM → {@link CampaignControl} →
 * auction. Build with {@link #builder()}.
 *
 * <p>Flow of {@link #auction}: the targeting index returns the ad groups whose spec matches the
 * request; those that are active (ad group and campaign), inside their campaign's schedule, of the
 * surface's format and with at least one active creative become candidates; each takes its active
 * creative with the best pCTR; eCPM = bid × control multiplier (CPM) or that × pCTR × 1000 (CPC);
 * ads below the format's reserve drop out; the best slots + 1 that the control allows are priced by
 * the configured mechanism exactly as {@link Auction} does. Ties in eCPM go to the ad group
 * registered first (smaller dense index). The result is exactly that of evaluating every matching
 * ad group, but the index visits ad groups in blocks by their best possible eCPM (CPM bid, or CPC
 * bid × the click model's pCTR upper bound × 1000) and the request stops as soon as no remaining
 * block can reach the reserve or the current (slots + 1)-th best, so typically only a few hundred
 * ad groups are looked at; the control is asked only about ad groups that would place.
 *
 * <p>The server registers a listener on its {@link CtrModel} (see {@link
 * CtrModel#addUpperBoundListener}) to keep those bounds current; a request that runs while a pCTR
 * changes may see the change in part.
 *
 * <p>Thread-safe: requests run concurrently with each other and with inventory updates, never
 * blocking. An update is visible to every request that starts after it returns (pause and remove
 * included); updates are serialised.
 */
public interface AdServer {

  /**
   * Starts a server.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Adds or replaces an advertiser.
   *
   * @param advertiser the advertiser
   */
  void upsert(Advertiser advertiser);

  /**
   * Adds or replaces a campaign (e.g. to pause it). Its advertiser must exist and cannot change.
   *
   * @param campaign the campaign
   * @throws IllegalArgumentException for an unknown advertiser or a changed advertiser
   */
  void upsert(Campaign campaign);

  /**
   * Adds or replaces an ad group (e.g. to pause it or change its bid or targeting). Its campaign
   * must exist; campaign and format cannot change.
   *
   * @param adGroup the ad group
   * @throws IllegalArgumentException for an unknown campaign or a changed campaign/format
   */
  void upsert(AdGroup adGroup);

  /**
   * Adds or replaces many ad groups with one index rebuild (bulk load).
   *
   * @param adGroups the ad groups
   * @throws IllegalArgumentException as {@link #upsert(AdGroup)}; then nothing is changed
   */
  void upsertAll(List<AdGroup> adGroups);

  /**
   * Adds or replaces a creative. Its ad group must exist and cannot change.
   *
   * @param creative the creative
   * @throws IllegalArgumentException for an unknown or changed ad group
   */
  void upsert(Creative creative);

  /**
   * Removes an ad group from serving (it keeps its dense index).
   *
   * @param adGroupId the id
   * @return true if it was live
   */
  boolean removeAdGroup(String adGroupId);

  /**
   * Runs the auction of one request on an auctioned surface.
   *
   * @param request user and targeting
   * @param surface {@link Surface#FEED}, {@link Surface#DISCOVER} or {@link Surface#EFFECTS_TRAY}
   * @param slots the slots, at least one, distinct ids
   * @return one served ad per filled slot, in the slots' input order
   * @throws IllegalArgumentException for {@link Surface#APP_OPEN} (reserved: see {@link
   *     #openingAd}), no slots or duplicate slot ids
   */
  List<ServedAd> auction(AdRequest request, Surface surface, List<Slot> slots);

  /**
   * Books the TopView of a day (UTC): exclusive, shown at each user's first open that day.
   *
   * @param day the day
   * @param adGroupId an ad group of format {@link Format#TOP_VIEW}
   * @throws IllegalArgumentException for an unknown ad group or another format
   * @throws IllegalStateException if the day's TopView is already booked by another ad group
   */
  void bookTopView(LocalDate day, String adGroupId);

  /**
   * Books a Brand Takeover of a day (UTC), exclusive for the campaign's category that day.
   *
   * @param day the day
   * @param adGroupId an ad group of format {@link Format#BRAND_TAKEOVER}
   * @throws IllegalArgumentException for an unknown ad group or another format
   * @throws IllegalStateException if that day and category are already booked by another ad group
   */
  void bookBrandTakeover(LocalDate day, String adGroupId);

  /**
   * The reserved ad for the user's first app open of the day (now, by the server's clock): the
   * day's TopView if it is live, targets the user and the control allows it; otherwise one of the
   * day's Brand Takeovers that qualifies likewise (the user's index picks among them, so each
   * category's takeover gets its share). Priced at its booked CPM bid; not auctioned.
   *
   * @param request user and targeting
   * @return the ad, or empty if none qualifies
   */
  Optional<ServedAd> openingAd(AdRequest request);

  /**
   * Feeds an impression (and whether it was clicked) back into the click model.
   *
   * @param ad a served ad
   * @param position 0-based position among the slots
   * @param clicked whether it was clicked
   */
  void recordImpression(ServedAd ad, int position, boolean clicked);

  /**
   * Returns the dense index of a campaign, as {@link CampaignControl} sees it.
   *
   * @param campaignId the external id
   * @return its index, or empty if unknown
   */
  OptionalInt campaignIndex(String campaignId);

  /**
   * Returns the external id of a dense campaign index.
   *
   * @param campaign the index
   * @return the id
   * @throws IllegalArgumentException if unknown
   */
  String campaignId(int campaign);

  /**
   * Returns the click model (shared, live).
   *
   * @return the model
   */
  CtrModel ctrModel();

  /**
   * Returns how many ad groups are in the targeting index.
   *
   * @return live ad groups
   */
  int liveAdGroups();

  /** Builds an {@link AdServer}; each setting at most once. */
  final class Builder {
    private TimeSource clock;
    private CtrModel ctr;
    private CampaignControl control;
    private AuctionRules rules;
    private final EnumMap<Format, Long> reserves = new EnumMap<>(Format.class);

    private Builder() {}

    /**
     * Sets the clock (default {@link TimeSource#SYSTEM}).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(TimeSource clock) {
      if (this.clock != null) {
        throw new IllegalStateException("clock given twice");
      }
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the click model (default: {@code CtrModel.builder().build()}).
     *
     * @param model the model
     * @return this builder
     */
    public Builder ctrModel(CtrModel model) {
      if (this.ctr != null) {
        throw new IllegalStateException("ctrModel given twice");
      }
      this.ctr = Objects.requireNonNull(model, "ctrModel");
      return this;
    }

    /**
     * Sets the pacing/caps hook (default {@link CampaignControl#NONE}).
     *
     * @param control the hook
     * @return this builder
     */
    public Builder control(CampaignControl control) {
      if (this.control != null) {
        throw new IllegalStateException("control given twice");
      }
      this.control = Objects.requireNonNull(control, "control");
      return this;
    }

    /**
     * Sets mechanism and increment (default {@link AuctionRules#GSP}); its reserve is the default
     * for formats without their own {@link #reserve}.
     *
     * @param rules the rules
     * @return this builder
     */
    public Builder rules(AuctionRules rules) {
      if (this.rules != null) {
        throw new IllegalStateException("rules given twice");
      }
      this.rules = Objects.requireNonNull(rules, "rules");
      return this;
    }

    /**
     * Sets the reserve eCPM of one format.
     *
     * @param format the format
     * @param reserveCpmMicros micros per thousand impressions, at least 0
     * @return this builder
     */
    public Builder reserve(Format format, long reserveCpmMicros) {
      Objects.requireNonNull(format, "format");
      if (reserves.containsKey(format)) {
        throw new IllegalStateException("reserve of " + format + " given twice");
      }
      if (reserveCpmMicros < 0) {
        throw new IllegalArgumentException(
            "reserve of " + format + " must be >= 0: " + reserveCpmMicros);
      }
      reserves.put(format, reserveCpmMicros);
      return this;
    }

    /**
     * Builds the server.
     *
     * @return a new, empty server
     */
    public AdServer build() {
      AuctionRules r = rules == null ? AuctionRules.GSP : rules;
      long[] res = new long[Format.values().length];
      for (Format f : Format.values()) {
        res[f.ordinal()] = reserves.getOrDefault(f, r.reserveCpmMicros());
      }
      return new DefaultAdServer(
          clock == null ? TimeSource.SYSTEM : clock,
          ctr == null ? CtrModel.builder().build() : ctr,
          control == null ? CampaignControl.NONE : control,
          r,
          res);
    }
  }
}
