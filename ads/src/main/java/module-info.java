/** foryou ads: targeting, pCTR, second-price auction, pacing, caps, billing and payouts. */
module dev.foryou.ads {
  requires transitive dev.foryou.core;

  exports dev.foryou.ads;
}
