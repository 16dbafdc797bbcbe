package dev.foryou.ads.insertion;

/**
 * Ad-load rules for one feed page.
 *
 * <p>Immutable and thread-safe.
 *
 * @param firstAdPosition the smallest 0-based position an in-feed ad may take, at least 0
 * @param minGap the least number of organic items between two ads (a TopView counts as an ad), at
 *     least 0
 * @param maxShare the largest share of in-feed ads in the page, in [0, 1]
 * @param userCost how much an ad's value must exceed the value of the organic item it displaces (in
 *     the feed's value unit), finite
 */
public record AdLoadPolicy(int firstAdPosition, int minGap, double maxShare, double userCost) {

  /** A common default: first ad at position 3, at least 4 organic items between ads, 20 %. */
  public static final AdLoadPolicy DEFAULT = new AdLoadPolicy(3, 4, 0.2, 0.0);

  /** Validates. */
  public AdLoadPolicy {
    if (firstAdPosition < 0) {
      throw new IllegalArgumentException("firstAdPosition must be >= 0: " + firstAdPosition);
    }
    if (minGap < 0) {
      throw new IllegalArgumentException("minGap must be >= 0: " + minGap);
    }
    if (!(maxShare >= 0 && maxShare <= 1)) {
      throw new IllegalArgumentException("maxShare must be in [0,1]: " + maxShare);
    }
    if (!Double.isFinite(userCost)) {
      throw new IllegalArgumentException("userCost must be finite: " + userCost);
    }
  }
}
