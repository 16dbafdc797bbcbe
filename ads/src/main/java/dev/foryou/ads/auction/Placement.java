package dev.foryou.ads.auction;

import dev.foryou.ads.model.BidType;

/**
 * A winner of an auction: which ad got which slot at what price.
 *
 * <p>Immutable and thread-safe.
 *
 * @param slotId the slot
 * @param adId the ad
 * @param type the bid type, which is the unit of the price
 * @param priceMicros the price per click (CPC) or per thousand impressions (CPM), in micros; never
 *     above the bid
 * @param ecpmMicros the ad's eCPM (its ranking score), micros per thousand impressions
 */
public record Placement(
    String slotId, String adId, BidType type, long priceMicros, long ecpmMicros) {}
