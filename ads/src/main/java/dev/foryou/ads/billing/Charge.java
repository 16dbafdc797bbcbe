package dev.foryou.ads.billing;

import java.util.Objects;

/**
 * What the ledger did with one event and the money it moved.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome what happened
 * @param advertiserMicros charged to the advertiser (0 unless {@link Outcome#RECORDED})
 * @param creatorMicros of that, the creator's share
 */
public record Charge(Outcome outcome, long advertiserMicros, long creatorMicros) {

  /**
   * Validates the charge.
   *
   * @throws IllegalArgumentException if the amounts are negative or the share exceeds the charge
   */
  public Charge {
    Objects.requireNonNull(outcome, "outcome");
    if (advertiserMicros < 0 || creatorMicros < 0 || creatorMicros > advertiserMicros) {
      throw new IllegalArgumentException(
          "need 0 <= creatorMicros <= advertiserMicros: "
              + creatorMicros
              + ", "
              + advertiserMicros);
    }
  }

  /**
   * The platform's part of the charge.
   *
   * @return {@code advertiserMicros - creatorMicros}
   */
  public long platformMicros() {
    return advertiserMicros - creatorMicros;
  }
}
