package dev.foryou.ads.billing;

/** What the {@link Ledger} did with an event. */
public enum Outcome {
  /** Accepted and billed (the charge may be 0 for a CPC impression or a CPM click). */
  RECORDED,
  /** An event id seen before: ignored, charged nothing. */
  DUPLICATE,
  /** A click on an impression the ledger never saw: free. */
  INVALID_NO_IMPRESSION,
  /** A second click on one impression: free. */
  INVALID_REPEAT_CLICK,
  /** A click sooner after its impression than the configured minimum (or before it): free. */
  INVALID_TOO_FAST,
  /** A view counted for the creator fund. */
  QUALIFIED_VIEW,
  /** A view that does not qualify (short video, short watch, or a repeat view). */
  UNQUALIFIED_VIEW
}
