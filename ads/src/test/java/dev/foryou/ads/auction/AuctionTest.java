package dev.foryou.ads.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foryou.ads.Money;
import dev.foryou.ads.model.BidType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuctionTest {

  private static long u(String units) {
    return Money.ofUnits(units);
  }

  /**
   * Edelman, Ostrovsky and Schwarz, "Internet Advertising and the Generalized Second-Price
   * Auction", American Economic Review 97(1), 2007, §I example: two positions with 200 and 100
   * clicks per hour, three advertisers valuing a click at $10, $4 and $2, bidding truthfully. GSP:
   * the first pays $4 and the second $2 per click. VCG: the second pays $2 per click ($200 total),
   * the first $600 total = (200-100)·$4 + 100·$2, i.e. $3 per click.
   */
  @Test
  void run_eosExample_gspAndVcgPricesMatchThePaper() {
    List<Slot> slots = List.of(new Slot("top", 1.0), new Slot("second", 0.5));
    List<Bid> bids =
        List.of(
            Bid.cpc("adv1", u("10"), 0.01),
            Bid.cpc("adv2", u("4"), 0.01),
            Bid.cpc("adv3", u("2"), 0.01));
    AuctionResult gsp = Auction.run(AuctionRules.GSP, slots, bids);
    assertThat(gsp.winners())
        .extracting(Placement::slotId, Placement::adId, Placement::priceMicros)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("top", "adv1", u("4")),
            org.assertj.core.groups.Tuple.tuple("second", "adv2", u("2")));
    assertThat(gsp.losers()).containsExactly("adv3");

    AuctionResult vcg = Auction.run(new AuctionRules(Mechanism.VCG, 0, 0), slots, bids);
    assertThat(vcg.winners())
        .extracting(Placement::adId, Placement::priceMicros)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("adv1", u("3")),
            org.assertj.core.groups.Tuple.tuple("adv2", u("2")));
  }

  /**
   * Varian, "Position auctions", International Journal of Industrial Organization 25, 2007: the VCG
   * payment of position s is p_s·x_s = Σ_{t≥s} b_{t+1}(x_t − x_{t+1}). Hand-computed with CPM bids
   * 10, 8, 5, 2 and factors 1.0, 0.6, 0.3 (given out of order): VCG per mille 5.3, 2.1, 0.6; GSP 8,
   * 5, 2.
   */
  @Test
  void run_varianFormulaThreeSlots_pricesAsComputedByHand() {
    List<Slot> slots =
        List.of(new Slot("c", 0.3), new Slot("a", 1.0), new Slot("b", 0.6)); // filled a, b, c
    List<Bid> bids =
        List.of(
            Bid.cpm("w", u("2")),
            Bid.cpm("x", u("10")),
            Bid.cpm("y", u("8")),
            Bid.cpm("z", u("5")));
    AuctionResult vcg = Auction.run(new AuctionRules(Mechanism.VCG, 0, 0), slots, bids);
    assertThat(vcg.winners())
        .extracting(Placement::slotId, Placement::adId, Placement::priceMicros)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c", "z", u("0.6")),
            org.assertj.core.groups.Tuple.tuple("a", "x", u("5.3")),
            org.assertj.core.groups.Tuple.tuple("b", "y", u("2.1")));
    AuctionResult gsp = Auction.run(AuctionRules.GSP, slots, bids);
    assertThat(gsp.winners())
        .extracting(Placement::adId, Placement::priceMicros)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("z", u("2")),
            org.assertj.core.groups.Tuple.tuple("x", u("8")),
            org.assertj.core.groups.Tuple.tuple("y", u("5")));
    assertThat(gsp.losers()).containsExactly("w");
  }

  @Test
  void run_mixedCpcCpmWithIncrement_cpcPaysNextEcpmPerClickPlusIncrement() {
    List<Bid> bids = List.of(Bid.cpc("A", u("2.0"), 0.006), Bid.cpm("B", u("8.0")));
    AuctionResult r =
        Auction.run(
            new AuctionRules(Mechanism.GSP, u("0.01"), 0), List.of(new Slot("s1", 1)), bids);
    // eCPM(A) = 2.0 * 0.006 * 1000 = 12 > 8; A pays 8 / (1000 * 0.006) = 1.333333 + 0.01
    assertThat(r.winners())
        .containsExactly(new Placement("s1", "A", BidType.CPC, 1_343_333, u("12")));
    assertThat(r.losers()).containsExactly("B");
  }

  @Test
  void run_reserveAboveSomeBids_belowReserveLosesAndWinnerPaysReserve() {
    List<Bid> bids = List.of(Bid.cpc("A", u("2.0"), 0.006), Bid.cpm("B", u("8.0")));
    AuctionResult r =
        Auction.run(
            new AuctionRules(Mechanism.GSP, 0, u("10")),
            List.of(new Slot("s1", 1), new Slot("s2", 0.5)),
            bids);
    assertThat(r.winners()).hasSize(1);
    assertThat(r.winners().get(0).priceMicros()).isEqualTo(1_666_667); // 10 / 6 per click
    assertThat(r.losers()).containsExactly("B");
  }

  @Test
  void run_incrementAboveBid_priceCappedAtBid() {
    AuctionResult r =
        Auction.run(
            new AuctionRules(Mechanism.GSP, u("1"), 0),
            List.of(new Slot("s", 1)),
            List.of(Bid.cpm("A", u("5")), Bid.cpm("B", u("4.5"))));
    assertThat(r.winners().get(0).priceMicros()).isEqualTo(u("5"));
  }

  @Test
  void run_equalEcpm_smallerAdIdWins() {
    AuctionResult r =
        Auction.run(
            AuctionRules.GSP,
            List.of(new Slot("s", 1)),
            List.of(Bid.cpm("b", u("3")), Bid.cpc("a", u("1"), 0.003)));
    assertThat(r.winners().get(0).adId()).isEqualTo("a");
    assertThat(r.winners().get(0).priceMicros()).isEqualTo(u("1"));
    assertThat(r.losers()).containsExactly("b");
  }

  @Test
  void run_fewerBidsThanSlots_fillsWhatItCanAtReserve() {
    AuctionResult r =
        Auction.run(
            new AuctionRules(Mechanism.GSP, 0, u("1")),
            List.of(new Slot("s1", 1), new Slot("s2", 0.8), new Slot("s3", 0.5)),
            List.of(Bid.cpm("A", u("3"))));
    assertThat(r.winners()).containsExactly(new Placement("s1", "A", BidType.CPM, u("1"), u("3")));
    assertThat(r.losers()).isEmpty();
    assertThat(Auction.run(AuctionRules.GSP, List.of(new Slot("s", 1)), List.of()).winners())
        .isEmpty();
  }

  @Test
  void run_badInput_rejectedWithTheValue() {
    List<Slot> one = List.of(new Slot("s", 1));
    assertThatThrownBy(() -> Bid.cpm("A", -5)).hasMessageContaining("-5");
    assertThatThrownBy(() -> Bid.cpc("A", 5, Double.NaN)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> Bid.cpc("A", 5, 0)).hasMessageContaining("pctr");
    assertThatThrownBy(() -> Bid.cpc("A", 5, 1.5)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> new Slot("s", Double.NaN)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> Auction.run(AuctionRules.GSP, List.of(), List.of(Bid.cpm("A", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slot");
    assertThatThrownBy(
            () -> Auction.run(AuctionRules.GSP, one, List.of(Bid.cpm("A", 1), Bid.cpm("A", 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate ad id: A");
    assertThatThrownBy(
            () ->
                Auction.run(
                    AuctionRules.GSP, List.of(new Slot("s", 1), new Slot("s", 0.5)), List.of()))
        .hasMessageContaining("duplicate slot id: s");
    assertThatThrownBy(() -> new AuctionRules(Mechanism.GSP, -1, 0)).hasMessageContaining("-1");
  }

  private static List<Bid> randomBids(Random rnd, int n) {
    List<Bid> bids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (rnd.nextBoolean()) {
        bids.add(Bid.cpm("ad" + i, 1 + rnd.nextInt(20_000_000)));
      } else {
        bids.add(Bid.cpc("ad" + i, 1 + rnd.nextInt(3_000_000), 0.0005 + rnd.nextDouble() * 0.05));
      }
    }
    return bids;
  }

  @Test
  void run_randomBids_invariantsHold() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    for (int iter = 0; iter < 3000; iter++) {
      String ctx = "seed " + seed + " iteration " + iter;
      int k = 1 + rnd.nextInt(4);
      List<Slot> slots = new ArrayList<>();
      for (int s = 0; s < k; s++) {
        slots.add(new Slot("s" + s, 0.05 + rnd.nextDouble() * 0.95));
      }
      List<Bid> bids = randomBids(rnd, rnd.nextInt(8));
      long reserve = rnd.nextBoolean() ? 0 : rnd.nextInt(8_000_000);
      long inc = rnd.nextBoolean() ? 0 : rnd.nextInt(20_000);
      for (Mechanism mech : Mechanism.values()) {
        AuctionRules rules = new AuctionRules(mech, inc, reserve);
        AuctionResult r = Auction.run(rules, slots, bids);
        // slots filled best-first: order winners by slot factor desc, eCPM must be non-increasing
        List<Placement> byFactor = new ArrayList<>(r.winners());
        byFactor.sort(
            (a, b) -> Double.compare(factor(slots, b.slotId()), factor(slots, a.slotId())));
        long minWinner = Long.MAX_VALUE;
        for (int i = 0; i < byFactor.size(); i++) {
          Placement p = byFactor.get(i);
          Bid b = find(bids, p.adId());
          assertThat(p.priceMicros()).as(ctx + " price <= bid").isLessThanOrEqualTo(b.bidMicros());
          assertThat(p.priceMicros()).as(ctx + " price >= 0").isGreaterThanOrEqualTo(0);
          assertThat(p.ecpmMicros()).as(ctx + " reserve").isGreaterThanOrEqualTo(reserve);
          if (i > 0) {
            assertThat(p.ecpmMicros())
                .as(ctx + " order")
                .isLessThanOrEqualTo(byFactor.get(i - 1).ecpmMicros());
          }
          minWinner = Math.min(minWinner, p.ecpmMicros());
          if (mech == Mechanism.GSP) {
            // in eCPM terms the price is at least the reserve (up to one micro of rounding/click)
            double priceEcpm =
                b.type() == BidType.CPM ? p.priceMicros() : p.priceMicros() * b.pctr() * 1000;
            double tolerance = b.type() == BidType.CPM ? 0 : b.pctr() * 1000;
            assertThat(priceEcpm)
                .as(ctx + " GSP price respects reserve")
                .isGreaterThanOrEqualTo(Math.min(reserve, p.ecpmMicros()) - tolerance);
          }
        }
        for (String loser : r.losers()) {
          long e = find(bids, loser).ecpmMicros();
          assertThat(e < reserve || (e <= minWinner && r.winners().size() == k))
              .as(ctx + " loser " + loser + " outranked or below reserve")
              .isTrue();
        }
        assertThat(r.winners().size() + r.losers().size()).as(ctx).isEqualTo(bids.size());
      }
      // VCG never charges more than GSP (no increment, factors <= 1), EOS 2007 Remark
      AuctionResult g = Auction.run(new AuctionRules(Mechanism.GSP, 0, reserve), slots, bids);
      AuctionResult v = Auction.run(new AuctionRules(Mechanism.VCG, 0, reserve), slots, bids);
      for (int i = 0; i < g.winners().size(); i++) {
        assertThat(v.winners().get(i).adId()).as(ctx).isEqualTo(g.winners().get(i).adId());
        assertThat(v.winners().get(i).priceMicros())
            .as(ctx + " VCG <= GSP")
            .isLessThanOrEqualTo(g.winners().get(i).priceMicros() + 1);
      }
    }
  }

  /** Utility per thousand impressions, in micros, of a bidder whose true value is {@code value}. */
  private static double utility(AuctionResult r, Bid truth) {
    for (Placement p : r.winners()) {
      if (p.adId().equals(truth.adId())) {
        double perUnit = truth.bidMicros() - p.priceMicros();
        return truth.type() == BidType.CPM ? perUnit : perUnit * truth.pctr() * 1000;
      }
    }
    return 0;
  }

  @Test
  void run_singleSlotTruthfulBid_noRandomDeviationRaisesUtility() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    for (int iter = 0; iter < 4000; iter++) {
      String ctx = "seed " + seed + " iteration " + iter;
      List<Bid> others = randomBids(rnd, 1 + rnd.nextInt(5));
      boolean cpc = rnd.nextBoolean();
      double pctr = 0.001 + rnd.nextDouble() * 0.1;
      long value = 1 + rnd.nextInt(cpc ? 3_000_000 : 20_000_000);
      Bid truth = cpc ? new Bid("me", BidType.CPC, value, pctr) : Bid.cpm("me", value);
      long reserve = rnd.nextBoolean() ? 0 : rnd.nextInt(5_000_000);
      Mechanism mech = rnd.nextBoolean() ? Mechanism.GSP : Mechanism.VCG;
      AuctionRules rules = new AuctionRules(mech, 0, reserve);
      List<Slot> slot = List.of(new Slot("s", 1.0));
      List<Bid> all = new ArrayList<>(others);
      all.add(truth);
      double honest = utility(Auction.run(rules, slot, all), truth);
      // CPC eCPMs and prices are rounded to micros: allow that rounding, 0.5 micro per click and
      // 0.5 micro of eCPM, expressed per thousand impressions.
      double tolerance = cpc ? 1000 * pctr + 1 : 0;
      for (int d = 0; d < 20; d++) {
        long dev = 1 + (long) (rnd.nextDouble() * 3 * value);
        List<Bid> lie = new ArrayList<>(others);
        lie.add(new Bid("me", truth.type(), dev, truth.pctr()));
        AuctionResult r = Auction.run(rules, slot, lie);
        double u = 0;
        for (Placement p : r.winners()) {
          if (p.adId().equals("me")) {
            double perUnit = value - p.priceMicros();
            u = cpc ? perUnit * pctr * 1000 : perUnit;
          }
        }
        assertThat(u)
            .as(ctx + " deviation " + dev + " from " + value + " (" + mech + ")")
            .isLessThanOrEqualTo(honest + tolerance);
      }
    }
  }

  private static double factor(List<Slot> slots, String id) {
    return slots.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().ctrFactor();
  }

  private static Bid find(List<Bid> bids, String id) {
    return bids.stream().filter(b -> b.adId().equals(id)).findFirst().orElseThrow();
  }
}
