package dev.foryou.ads.auction;

import dev.foryou.ads.model.BidType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A stand-alone multi-slot auction over explicit bids: ranks by eCPM, fills the slots best-first
 * (slot with the largest click factor first; equal factors in input order), prices by GSP or VCG
 * with a reserve and an increment. Ties in eCPM go to the smaller ad id (String order). A winner
 * never pays more than its bid nor, under GSP, less than the reserve converted to its unit.
 *
 * <p>Use it to price any auction; the {@link AdServer} runs the same rules on its own hot path.
 *
 * <p>Stateless and thread-safe.
 */
public final class Auction {
  private Auction() {}

  /**
   * The eCPM of a bid: the bid for CPM; bid × pCTR × 1000 for CPC, rounded half-even to a micro.
   *
   * @param type bid type
   * @param bidMicros the bid in micros
   * @param pctr predicted click rate (used for CPC only)
   * @return micros per thousand impressions
   */
  public static long ecpmMicros(BidType type, long bidMicros, double pctr) {
    return type == BidType.CPM ? bidMicros : (long) Math.rint(bidMicros * pctr * 1000.0);
  }

  /**
   * Runs one auction.
   *
   * @param rules mechanism, increment and reserve
   * @param slots the slots, at least one, distinct ids
   * @param bids the bids, distinct ad ids; fewer bids than slots fills what it can
   * @return winners (in the slots' input order) and losers
   * @throws IllegalArgumentException if there are no slots, or ids repeat
   */
  public static AuctionResult run(AuctionRules rules, List<Slot> slots, List<Bid> bids) {
    Objects.requireNonNull(rules, "rules");
    if (slots.isEmpty()) {
      throw new IllegalArgumentException("an auction needs at least one slot");
    }
    Set<String> seen = new HashSet<>();
    for (Slot s : slots) {
      if (!seen.add(s.id())) {
        throw new IllegalArgumentException("duplicate slot id: " + s.id());
      }
    }
    seen.clear();
    for (Bid b : bids) {
      if (!seen.add(b.adId())) {
        throw new IllegalArgumentException("duplicate ad id: " + b.adId());
      }
    }
    int n = bids.size();
    long[] ecpm = new long[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      ecpm[i] = bids.get(i).ecpmMicros();
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingLong(i -> -ecpm[i]).thenComparing(i -> bids.get(i).adId()));
    int avail = 0;
    long[] e = new long[n];
    while (avail < n && ecpm[order[avail]] >= rules.reserveCpmMicros()) {
      e[avail] = ecpm[order[avail]];
      avail++;
    }
    Integer[] slotOrder = new Integer[slots.size()];
    for (int i = 0; i < slotOrder.length; i++) {
      slotOrder[i] = i;
    }
    Arrays.sort(slotOrder, Comparator.comparingDouble(i -> -slots.get(i).ctrFactor()));
    double[] x = new double[slotOrder.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = slots.get(slotOrder[i]).ctrFactor();
    }
    int m = Math.min(avail, slots.size());
    Placement[] bySlot = new Placement[slots.size()];
    for (int s = 0; s < m; s++) {
      Bid b = bids.get(order[s]);
      long price =
          Pricing.price(
              rules.mechanism(),
              b.type(),
              b.bidMicros(),
              b.pctr(),
              s,
              e,
              avail,
              m,
              x,
              rules.reserveCpmMicros(),
              rules.mechanism() == Mechanism.GSP ? rules.incrementMicros() : 0);
      int slot = slotOrder[s];
      bySlot[slot] = new Placement(slots.get(slot).id(), b.adId(), b.type(), price, e[s]);
    }
    List<Placement> winners = new ArrayList<>(m);
    for (Placement p : bySlot) {
      if (p != null) {
        winners.add(p);
      }
    }
    List<String> losers = new ArrayList<>(n - m);
    for (int i = m; i < n; i++) {
      losers.add(bids.get(order[i]).adId());
    }
    return new AuctionResult(winners, losers);
  }
}
