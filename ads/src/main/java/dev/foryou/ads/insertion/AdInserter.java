package dev.foryou.ads.insertion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Merges auctioned ads into a ranked organic feed under an {@link AdLoadPolicy}.
 *
 * <p>Design: one greedy pass over the organic ranking (as in ad-allocation practice for feeds, e.g.
 * Yan et al., "LinkedIn feed ads: Ads allocation in feed via constrained optimization", KDD 2020).
 * Before each organic item the next ad (in the given order, best first) is placed if every rule
 * holds there: the position is at least {@code firstAdPosition}; at least {@code minGap} organic
 * items follow the previous ad; the in-feed ads so far, this one included, are at most {@code
 * maxShare} of the entries so far, this one included (so the share holds for every prefix, hence
 * for the page); and the ad's value is at least the displaced organic item's value plus {@code
 * userCost}. An ad that fails the value test waits for a later position. Ads never go after the
 * last organic item (they must displace one). Every organic item is kept, in order.
 *
 * <p>A TopView, if given, takes position 0; it is exempt from {@code firstAdPosition} and {@code
 * maxShare} (it is reserved, not auctioned) but counts for {@code minGap}. Ad-free users get the
 * organic feed unchanged: no in-feed ads, no TopView.
 *
 * <p>Stateless and thread-safe.
 */
public final class AdInserter {
  private AdInserter() {}

  /**
   * Builds the monetised page.
   *
   * @param policy the ad-load rules
   * @param organicIds organic video ids in ranked order
   * @param organicValues their values, same length, finite
   * @param adIds ad ids, best first
   * @param adValues their values in the organic values' unit, same length, finite
   * @param topViewAd the TopView ad id for this open, or -1 for none
   * @param adFree true for ad-free subscribers
   * @return the merged page
   * @throws IllegalArgumentException for mismatched lengths or non-finite values
   */
  public static List<FeedEntry> insert(
      AdLoadPolicy policy,
      int[] organicIds,
      double[] organicValues,
      int[] adIds,
      double[] adValues,
      int topViewAd,
      boolean adFree) {
    Objects.requireNonNull(policy, "policy");
    if (organicIds.length != organicValues.length) {
      throw new IllegalArgumentException(
          "organic ids and values differ in length: "
              + organicIds.length
              + " vs "
              + organicValues.length);
    }
    if (adIds.length != adValues.length) {
      throw new IllegalArgumentException(
          "ad ids and values differ in length: " + adIds.length + " vs " + adValues.length);
    }
    for (double v : organicValues) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("organic value must be finite: " + v);
      }
    }
    for (double v : adValues) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("ad value must be finite: " + v);
      }
    }
    List<FeedEntry> out = new ArrayList<>(organicIds.length + adIds.length + 1);
    if (adFree) {
      for (int i = 0; i < organicIds.length; i++) {
        out.add(new FeedEntry(FeedEntry.Kind.ORGANIC, organicIds[i], organicValues[i]));
      }
      return out;
    }
    int sinceAd = Integer.MAX_VALUE; // organic items since the last ad
    if (topViewAd >= 0) {
      out.add(new FeedEntry(FeedEntry.Kind.TOP_VIEW, topViewAd, Double.NaN));
      sinceAd = 0;
    }
    int ads = 0;
    int nextAd = 0;
    for (int j = 0; j < organicIds.length; j++) {
      if (nextAd < adIds.length) {
        int pos = out.size();
        if (pos >= policy.firstAdPosition()
            && sinceAd >= policy.minGap()
            && ads + 1 <= policy.maxShare() * (pos + 1)
            && adValues[nextAd] >= organicValues[j] + policy.userCost()) {
          out.add(new FeedEntry(FeedEntry.Kind.AD, adIds[nextAd], adValues[nextAd]));
          nextAd++;
          ads++;
          sinceAd = 0;
        }
      }
      out.add(new FeedEntry(FeedEntry.Kind.ORGANIC, organicIds[j], organicValues[j]));
      if (sinceAd != Integer.MAX_VALUE) {
        sinceAd++;
      }
    }
    return out;
  }
}
