package dev.foryou.ads.model;

/** The delivery status of a campaign, ad group or creative. */
public enum Status {
  /** Delivering (within its schedule). */
  ACTIVE,
  /** Paused by the advertiser; may be resumed. */
  PAUSED,
  /** Archived; never delivers again. */
  ARCHIVED
}
