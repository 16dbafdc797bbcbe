/**
 * The ad model: {@link dev.foryou.ads.model.Advertiser} → {@link dev.foryou.ads.model.Campaign} →
 * {@link dev.foryou.ads.model.AdGroup} → {@link dev.foryou.ads.model.Creative}, with formats, bid
 * types, schedules and statuses. All types are immutable records that validate on construction.
 */
package dev.foryou.ads.model;
