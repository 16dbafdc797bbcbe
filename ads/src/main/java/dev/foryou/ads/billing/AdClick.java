package dev.foryou.ads.billing;

/**
 * A click on an ad impression, as reported to the {@link Ledger}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId unique id of this billable event, non-empty
 * @param impressionId the event id of the impression clicked, non-empty
 * @param timestampMillis when it was clicked
 */
public record AdClick(String eventId, String impressionId, long timestampMillis) {

  /**
   * Validates the event.
   *
   * @throws IllegalArgumentException if an id is empty
   */
  public AdClick {
    Ledger.requireId(eventId, "eventId");
    Ledger.requireId(impressionId, "impressionId");
  }
}
