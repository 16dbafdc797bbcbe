package dev.foryou.ads.billing;

/** How a campaign spreads its daily budget over the day. */
public enum PacingMode {
  /** Follow the day's traffic forecast: spend in each part of the day in proportion to traffic. */
  EVEN,
  /** Take every auction until the budget runs out. */
  ASAP
}
