package dev.foryou.ads.auction;

import dev.foryou.ads.model.BidType;

/*
 * Design: prices of a position auction for mixed CPM/CPC bids ranked by eCPM.
 *
 * GSP (Edelman, Ostrovsky and Schwarz, AER 2007; Varian, IJIO 2007): the winner of slot s pays the
 * least bid that keeps its rank: max(e_{s+1}, reserve) per thousand impressions for CPM, or
 * max(e_{s+1}, reserve) / (1000 · pCTR) per click for CPC, plus the increment, never above its bid.
 *
 * VCG (Vickrey 1961, Clarke 1971, Groves 1973; in position-auction form Varian 2007, EOS 2007):
 * with slot factors x_1 ≥ … ≥ x_m of the m filled slots (x_{m+1} = 0) and ê_t = max(e_t, reserve)
 * (ê of a missing ad = reserve), the total payment for slot s per thousand impressions is
 *   P_s = Σ_{t=s}^{m} ê_{t+1} (x_t − x_{t+1}),
 * the value the others lose because s takes its slot (values scale with the factor: an ad of eCPM
 * e is worth e·x_t in slot t). Per unit: a CPC winner expects 1000·pCTR·x_s clicks per thousand
 * impressions, so it pays P_s / (1000·pCTR·x_s) per click; a CPM winner buys one thousand
 * impressions, so it pays P_s per thousand. Never above the bid. No increment.
 *
 * Rounding: every price is rounded half-even (Math.rint) to a whole micro after the division, and
 * the increment is added after rounding. Doubles only carry rates and sums of rate × micros below
 * 2^53, where they are exact to the micro.
 */
final class Pricing {
  private Pricing() {}

  /**
   * Price of the winner of sorted slot s.
   *
   * @param e eCPMs of the eligible (≥ reserve) ads, best first
   * @param avail number of entries of e
   * @param m number of filled slots
   * @param x factors of the slots in fill order (best first)
   */
  static long price(
      Mechanism mech,
      BidType type,
      long bid,
      double pctr,
      int s,
      long[] e,
      int avail,
      int m,
      double[] x,
      long reserve,
      long increment) {
    long p;
    if (mech == Mechanism.GSP) {
      long next = s + 1 < avail ? e[s + 1] : 0;
      long base = Math.max(next, reserve);
      p =
          type == BidType.CPM
              ? base + increment
              : (long) Math.rint(base / (1000.0 * pctr)) + increment;
    } else {
      double total = 0;
      for (int t = s; t < m; t++) {
        long next = t + 1 < avail ? Math.max(e[t + 1], reserve) : reserve;
        double xNext = t + 1 < m ? x[t + 1] : 0;
        total += next * (x[t] - xNext);
      }
      p =
          type == BidType.CPM
              ? (long) Math.rint(total)
              : (long) Math.rint(total / (1000.0 * pctr * x[s]));
    }
    return Math.min(p, bid);
  }
}
