package dev.foryou.ads.auction;

import dev.foryou.ads.model.BidType;
import java.util.Objects;

/**
 * One ad's bid in an auction.
 *
 * <p>Immutable and thread-safe.
 *
 * @param adId the ad's id, not blank; ties in eCPM go to the smaller id (String order)
 * @param type CPM (per thousand impressions) or CPC (per click)
 * @param bidMicros the bid in micros, in (0, {@link #MAX_BID_MICROS}]
 * @param pctr the predicted click rate at a slot of factor 1: required in (0, 1] for CPC; for CPM 0
 *     (absent) or in (0, 1], and unused
 */
public record Bid(String adId, BidType type, long bidMicros, double pctr) {

  /** The largest bid accepted: one billion currency units. */
  public static final long MAX_BID_MICROS = 1_000_000_000_000_000L;

  /** Validates. */
  public Bid {
    Objects.requireNonNull(adId, "ad id");
    Objects.requireNonNull(type, "type");
    if (adId.isBlank()) {
      throw new IllegalArgumentException("ad id must not be blank: '" + adId + "'");
    }
    if (bidMicros <= 0 || bidMicros > MAX_BID_MICROS) {
      throw new IllegalArgumentException(
          "bid of ad " + adId + " must be in (0, " + MAX_BID_MICROS + "] micros: " + bidMicros);
    }
    if (type == BidType.CPC && !(pctr > 0 && pctr <= 1)) {
      throw new IllegalArgumentException(
          "CPC bid of ad " + adId + " needs a pctr in (0,1]: " + pctr);
    }
    if (type == BidType.CPM && !(pctr == 0 || (pctr > 0 && pctr <= 1))) {
      throw new IllegalArgumentException(
          "pctr of ad " + adId + " must be absent (0) or in (0,1]: " + pctr);
    }
  }

  /**
   * A CPM bid.
   *
   * @param adId the ad
   * @param bidMicros micros per thousand impressions
   * @return the bid
   */
  public static Bid cpm(String adId, long bidMicros) {
    return new Bid(adId, BidType.CPM, bidMicros, 0);
  }

  /**
   * A CPC bid.
   *
   * @param adId the ad
   * @param bidMicros micros per click
   * @param pctr predicted click rate in (0, 1]
   * @return the bid
   */
  public static Bid cpc(String adId, long bidMicros, double pctr) {
    return new Bid(adId, BidType.CPC, bidMicros, pctr);
  }

  /**
   * Returns the bid's eCPM (see {@link Auction#ecpmMicros}).
   *
   * @return micros per thousand impressions
   */
  public long ecpmMicros() {
    return Auction.ecpmMicros(type, bidMicros, pctr);
  }
}
