/** foryou ads: targeting, pCTR, second-price auction, pacing, caps, billing and payouts. */
module dev.foryou.ads {
  requires transitive dev.foryou.core;
  requires it.unimi.dsi.fastutil;
  requires java.logging;

  exports dev.foryou.ads;
  exports dev.foryou.ads.model;
  exports dev.foryou.ads.targeting;
  exports dev.foryou.ads.ctr;
  exports dev.foryou.ads.auction;
  exports dev.foryou.ads.insertion;
  exports dev.foryou.ads.billing;
  exports dev.foryou.ads.reach;
}
