package dev.foryou.ads.auction;

import java.util.Objects;

/**
 * A slot to sell, with its click factor: the expected clicks of an ad in this slot relative to the
 * same ad in a slot of factor 1 (a separable click model: CTR = pCTR × factor).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the slot's id, not blank
 * @param ctrFactor positive and finite; better slots have larger factors
 */
public record Slot(String id, double ctrFactor) {
  /** Validates. */
  public Slot {
    Objects.requireNonNull(id, "slot id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("slot id must not be blank: '" + id + "'");
    }
    if (!(ctrFactor > 0) || Double.isInfinite(ctrFactor)) {
      throw new IllegalArgumentException(
          "ctr_factor of slot " + id + " must be positive and finite: " + ctrFactor);
    }
  }
}
