/**
 * Auctions. {@link dev.foryou.ads.auction.Auction} prices explicit bids (GSP or VCG, reserve,
 * increment, per-slot click factors); {@link dev.foryou.ads.auction.AdServer} holds the live ad
 * inventory and runs a request end to end: targeting index → pCTR → eCPM → {@link
 * dev.foryou.ads.auction.CampaignControl} (pacing and caps hook) → auction → priced {@link
 * dev.foryou.ads.auction.ServedAd}s; it also serves the reserved app-open formats (TopView, Brand
 * Takeover).
 */
package dev.foryou.ads.auction;
