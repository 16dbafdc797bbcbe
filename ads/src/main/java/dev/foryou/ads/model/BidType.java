package dev.foryou.ads.model;

/** How an advertiser bids and is charged. */
public enum BidType {
  /** Cost per thousand impressions: the bid is the eCPM; charged per impression. */
  CPM,
  /** Cost per click: eCPM = bid × pCTR × 1000; charged per click. */
  CPC
}
