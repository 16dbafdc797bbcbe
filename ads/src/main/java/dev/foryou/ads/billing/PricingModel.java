package dev.foryou.ads.billing;

/** What an ad pays for. */
public enum PricingModel {
  /** Price per thousand impressions, charged on each impression. */
  CPM,
  /** Price per click, charged on each valid click. */
  CPC
}
