package dev.foryou.examples.sim;

import java.util.Objects;

/**
 * An ad the ads engine placed for one user, as the simulator sees it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param campaign the index of the campaign in the world's campaign list
 * @param creativeId the creative's id
 * @param format the format it was served in
 * @param cpc true if billed per click, false per thousand impressions
 * @param priceMicros the clearing price in the bid's unit (per click, or per thousand impressions)
 * @param impressionId the id the ads engine gave this impression (for billing idempotency)
 * @param handle the ads engine's own handle for this placement, passed back on impression and click
 */
public record ServedAd(
    int campaign,
    String creativeId,
    AdFormat format,
    boolean cpc,
    long priceMicros,
    long impressionId,
    Object handle) {

  /** Validates. */
  public ServedAd {
    Objects.requireNonNull(creativeId, "creativeId");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(handle, "handle");
    if (priceMicros < 0) {
      throw new IllegalArgumentException("priceMicros must be >= 0: " + priceMicros);
    }
  }
}
