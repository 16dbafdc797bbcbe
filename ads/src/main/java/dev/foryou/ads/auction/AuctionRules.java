package dev.foryou.ads.auction;

import dev.foryou.ads.Money;
import java.util.Objects;

/**
 * The rules of one auction.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mechanism GSP or VCG
 * @param incrementMicros added to every GSP price in the bid's own unit (per click for CPC, per
 *     thousand impressions for CPM), at least 0; VCG prices ignore it (it would break truthfulness)
 * @param reserveCpmMicros the reserve as an eCPM in micros ({@link Money}), at least 0: an ad whose
 *     eCPM is below it loses, and no winner pays below it
 */
public record AuctionRules(Mechanism mechanism, long incrementMicros, long reserveCpmMicros) {

  /** GSP, no increment, no reserve. */
  public static final AuctionRules GSP = new AuctionRules(Mechanism.GSP, 0, 0);

  /** Validates. */
  public AuctionRules {
    Objects.requireNonNull(mechanism, "mechanism");
    if (incrementMicros < 0) {
      throw new IllegalArgumentException("increment must be >= 0: " + incrementMicros);
    }
    if (reserveCpmMicros < 0) {
      throw new IllegalArgumentException("reserve must be >= 0: " + reserveCpmMicros);
    }
  }

  /**
   * Returns a copy with another reserve.
   *
   * @param reserve the reserve eCPM in micros
   * @return the copy
   */
  public AuctionRules withReserve(long reserve) {
    return new AuctionRules(mechanism, incrementMicros, reserve);
  }
}
