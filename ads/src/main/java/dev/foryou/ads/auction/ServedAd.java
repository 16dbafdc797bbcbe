package dev.foryou.ads.auction;

import dev.foryou.ads.model.BidType;
import dev.foryou.ads.model.Format;

/**
 * An ad chosen for a slot, with everything billing and reporting need.
 *
 * <p>Immutable and thread-safe.
 *
 * @param slotId the slot it won (for reserved formats, {@code "app_open"})
 * @param adGroupId external ad group id
 * @param creativeId external creative id (the ad group's creative with the best pCTR)
 * @param campaignId external campaign id
 * @param advertiserId external advertiser id
 * @param campaign dense campaign index (as {@link CampaignControl} sees it)
 * @param creative dense creative index (as the {@link dev.foryou.ads.ctr.CtrModel} sees it)
 * @param format the format
 * @param type the bid type: unit of the price
 * @param priceMicros price per click (CPC) or per thousand impressions (CPM), micros
 * @param ecpmMicros the ranking eCPM, micros per thousand impressions
 * @param pctr the pCTR used, at a slot of factor 1
 */
public record ServedAd(
    String slotId,
    String adGroupId,
    String creativeId,
    String campaignId,
    String advertiserId,
    int campaign,
    int creative,
    Format format,
    BidType type,
    long priceMicros,
    long ecpmMicros,
    double pctr) {}
