package dev.foryou.ads.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foryou.ads.Money;
import dev.foryou.ads.ctr.CtrModel;
import dev.foryou.ads.model.AdGroup;
import dev.foryou.ads.model.Advertiser;
import dev.foryou.ads.model.BidType;
import dev.foryou.ads.model.Campaign;
import dev.foryou.ads.model.Creative;
import dev.foryou.ads.model.Format;
import dev.foryou.ads.model.Schedule;
import dev.foryou.ads.model.Status;
import dev.foryou.ads.model.Surface;
import dev.foryou.ads.targeting.Dimension;
import dev.foryou.ads.targeting.TargetingQuery;
import dev.foryou.ads.targeting.TargetingSpec;
import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.user.AgeBand;
import dev.foryou.core.user.DeviceOs;
import dev.foryou.core.user.Gender;
import dev.foryou.core.user.UserAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AdServerTest {
  static final UserAttributes ADULT =
      new UserAttributes(AgeBand.AGE_25_34, Gender.FEMALE, "US", "CA", "en", DeviceOs.IOS, false);
  static final UserAttributes TEEN =
      new UserAttributes(AgeBand.AGE_13_17, Gender.FEMALE, "US", "CA", "en", DeviceOs.IOS, false);
  static final List<Slot> TWO = List.of(new Slot("s1", 1.0), new Slot("s2", 0.5));
  static final long DAY = 86_400_000L;

  final ManualTimeSource clock = new ManualTimeSource(10 * DAY + 1000);

  AdServer server(CampaignControl control, AuctionRules rules) {
    AdServer s =
        AdServer.builder()
            .clock(clock)
            .control(control)
            .rules(rules)
            .ctrModel(CtrModel.builder().priorMean(0.01).build())
            .build();
    s.upsert(new Advertiser("adv", "Advertiser"));
    s.upsert(new Campaign("c1", "adv", "beauty", Schedule.ALWAYS, Status.ACTIVE));
    s.upsert(new Campaign("c2", "adv", "games", Schedule.ALWAYS, Status.ACTIVE));
    return s;
  }

  static void group(
      AdServer s, String id, String campaign, Format f, BidType t, String bid, TargetingSpec spec) {
    s.upsert(new AdGroup(id, campaign, f, t, Money.ofUnits(bid), spec, Status.ACTIVE));
    s.upsert(new Creative(id + "-cr", id, "video-" + id, Status.ACTIVE));
  }

  static AdRequest req(UserAttributes u, String... interests) {
    return new AdRequest(7, new TargetingQuery(u, List.of(interests), List.of()));
  }

  @Test
  void auction_mixedBids_rankedAndPricedLikeTheAuction() {
    AdServer s = server(CampaignControl.NONE, AuctionRules.GSP);
    group(s, "a", "c1", Format.IN_FEED, BidType.CPM, "8", TargetingSpec.EVERYONE);
    group(s, "b", "c1", Format.IN_FEED, BidType.CPC, "2", TargetingSpec.EVERYONE); // 2*0.01*1000=20
    group(s, "c", "c2", Format.IN_FEED, BidType.CPM, "5", TargetingSpec.EVERYONE);
    List<ServedAd> ads = s.auction(req(ADULT), Surface.FEED, TWO);
    assertThat(ads)
        .extracting(ServedAd::slotId, ServedAd::adGroupId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("s1", "b"),
            org.assertj.core.groups.Tuple.tuple("s2", "a"));
    assertThat(ads.get(0).priceMicros()).isEqualTo(Money.ofUnits("0.8")); // 8 / (1000*0.01)
    assertThat(ads.get(0).creativeId()).isEqualTo("b-cr");
    assertThat(ads.get(1).priceMicros()).isEqualTo(Money.ofUnits("5"));
    assertThat(ads.get(1).campaign()).isEqualTo(s.campaignIndex("c1").orElseThrow());
  }

  @Test
  void auction_randomInventory_agreesWithStandAloneAuction() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    for (int iter = 0; iter < 60; iter++) {
      String ctx = "seed " + seed + " iteration " + iter;
      AuctionRules rules =
          new AuctionRules(
              rnd.nextBoolean() ? Mechanism.GSP : Mechanism.VCG,
              rnd.nextInt(10_000),
              rnd.nextInt(3_000_000));
      AdServer s = server(CampaignControl.NONE, rules);
      List<Bid> bids = new ArrayList<>();
      List<Bid> raw = new ArrayList<>();
      int n = rnd.nextInt(30);
      for (int i = 0; i < n; i++) {
        String id = String.format("g%04d", i); // id order = registration order = tie order
        boolean cpc = rnd.nextBoolean();
        String bid = cpc ? "0." + (1 + rnd.nextInt(9)) : String.valueOf(1 + rnd.nextInt(10));
        group(
            s,
            id,
            "c1",
            Format.IN_FEED,
            cpc ? BidType.CPC : BidType.CPM,
            bid,
            TargetingSpec.EVERYONE);
        raw.add(new Bid(id, cpc ? BidType.CPC : BidType.CPM, Money.ofUnits(bid), 0.5));
        long imps = 1000 + rnd.nextInt(5000);
        s.ctrModel().record(i, 0, imps, rnd.nextInt(100)); // creative i belongs to group i
      }
      for (int i = 0; i < n; i++) {
        Bid r = raw.get(i);
        bids.add(
            r.type() == BidType.CPC
                ? Bid.cpc(r.adId(), r.bidMicros(), s.ctrModel().pctr(i))
                : Bid.cpm(r.adId(), r.bidMicros()));
      }
      List<Slot> slots = randomSlots(rnd);
      List<ServedAd> got = s.auction(req(ADULT), Surface.FEED, slots);
      assertSameWinners(got, Auction.run(rules, slots, bids), ctx);
    }
  }

  @Test
  void auction_targetingStatusScheduleAndSurface_filterCandidates() {
    AdServer s = server(CampaignControl.NONE, AuctionRules.GSP);
    TargetingSpec dance =
        TargetingSpec.builder().include(Dimension.INTEREST, "hashtag:dance").build();
    group(s, "interest", "c1", Format.IN_FEED, BidType.CPM, "9", dance);
    group(s, "plain", "c1", Format.IN_FEED, BidType.CPM, "3", TargetingSpec.EVERYONE);
    group(
        s, "challenge", "c2", Format.HASHTAG_CHALLENGE, BidType.CPM, "50", TargetingSpec.EVERYONE);
    List<Slot> one = List.of(new Slot("s", 1));
    assertThat(s.auction(req(ADULT, "hashtag:dance"), Surface.FEED, one).get(0).adGroupId())
        .isEqualTo("interest");
    // a minor never gets interest targeting, even with the interest
    assertThat(s.auction(req(TEEN, "hashtag:dance"), Surface.FEED, one).get(0).adGroupId())
        .isEqualTo("plain");
    // the hashtag challenge fills the discover surface through the same auction
    assertThat(s.auction(req(ADULT), Surface.DISCOVER, one))
        .extracting(ServedAd::adGroupId)
        .containsExactly("challenge");
    // pausing the ad group, then the campaign, takes effect at once
    s.upsert(
        new AdGroup(
            "interest", "c1", Format.IN_FEED, BidType.CPM, 9_000_000, dance, Status.PAUSED));
    assertThat(s.auction(req(ADULT, "hashtag:dance"), Surface.FEED, one).get(0).adGroupId())
        .isEqualTo("plain");
    s.upsert(new Campaign("c1", "adv", "beauty", Schedule.ALWAYS, Status.PAUSED));
    assertThat(s.auction(req(ADULT, "hashtag:dance"), Surface.FEED, one)).isEmpty();
    // schedule: a campaign that starts tomorrow does not deliver today
    s.upsert(
        new Campaign(
            "c1",
            "adv",
            "beauty",
            new Schedule(clock.nowMillis() + DAY, Long.MAX_VALUE),
            Status.ACTIVE));
    assertThat(s.auction(req(ADULT), Surface.FEED, one)).isEmpty();
    clock.advance(DAY);
    assertThat(s.auction(req(ADULT), Surface.FEED, one))
        .extracting(ServedAd::adGroupId)
        .containsExactly("plain");
    assertThat(s.removeAdGroup("plain")).isTrue();
    assertThat(s.auction(req(ADULT), Surface.FEED, one)).isEmpty();
  }

  @Test
  void auction_controlHook_dropsCampaignsAndShadesBids() {
    AdServer probe = server(CampaignControl.NONE, AuctionRules.GSP);
    int c1 = probe.campaignIndex("c1").orElseThrow();
    CampaignControl control =
        new CampaignControl() {
          @Override
          public boolean allow(int campaign, int user, long nowMillis) {
            return campaign != c1; // c1 is capped for everyone
          }

          @Override
          public double bidMultiplier(int campaign, long nowMillis) {
            return 0.5;
          }
        };
    AdServer s = server(control, AuctionRules.GSP);
    group(s, "big", "c1", Format.IN_FEED, BidType.CPM, "100", TargetingSpec.EVERYONE);
    group(s, "mid", "c2", Format.IN_FEED, BidType.CPM, "10", TargetingSpec.EVERYONE);
    List<ServedAd> ads = s.auction(req(ADULT), Surface.FEED, List.of(new Slot("s", 1)));
    assertThat(ads).extracting(ServedAd::adGroupId).containsExactly("mid");
    assertThat(ads.get(0).ecpmMicros()).isEqualTo(Money.ofUnits("5"));
    assertThat(ads.get(0).priceMicros()).isLessThanOrEqualTo(Money.ofUnits("5"));

    AdServer bad = server((c, u, t) -> true, AuctionRules.GSP);
    AdServer broken =
        AdServer.builder()
            .control(
                new CampaignControl() {
                  @Override
                  public boolean allow(int campaign, int user, long nowMillis) {
                    return true;
                  }

                  @Override
                  public double bidMultiplier(int campaign, long nowMillis) {
                    return Double.NaN;
                  }
                })
            .build();
    broken.upsert(new Advertiser("a", "A"));
    broken.upsert(new Campaign("c", "a", "x", Schedule.ALWAYS, Status.ACTIVE));
    group(broken, "g", "c", Format.IN_FEED, BidType.CPM, "1", TargetingSpec.EVERYONE);
    assertThatThrownBy(() -> broken.auction(req(ADULT), Surface.FEED, TWO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NaN");
    assertThat(bad.liveAdGroups()).isZero();
  }

  @Test
  void auction_perFormatReserve_dropsAdsBelowIt() {
    AdServer s =
        AdServer.builder()
            .reserve(Format.IN_FEED, Money.ofUnits("4"))
            .reserve(Format.BRANDED_EFFECT, Money.ofUnits("1"))
            .build();
    s.upsert(new Advertiser("adv", "A"));
    s.upsert(new Campaign("c1", "adv", "x", Schedule.ALWAYS, Status.ACTIVE));
    group(s, "low", "c1", Format.IN_FEED, BidType.CPM, "3", TargetingSpec.EVERYONE);
    group(s, "fx", "c1", Format.BRANDED_EFFECT, BidType.CPM, "3", TargetingSpec.EVERYONE);
    assertThat(s.auction(req(ADULT), Surface.FEED, TWO)).isEmpty();
    List<ServedAd> fx = s.auction(req(ADULT), Surface.EFFECTS_TRAY, TWO);
    assertThat(fx)
        .extracting(ServedAd::adGroupId, ServedAd::priceMicros)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("fx", Money.ofUnits("1")));
    assertThatThrownBy(
            () -> AdServer.builder().reserve(Format.IN_FEED, 1).reserve(Format.IN_FEED, 2))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void openingAd_topViewThenBrandTakeover_reservedAndExclusive() {
    AdServer s = server(CampaignControl.NONE, AuctionRules.GSP);
    group(s, "tv", "c1", Format.TOP_VIEW, BidType.CPM, "30", TargetingSpec.EVERYONE);
    group(s, "tv2", "c2", Format.TOP_VIEW, BidType.CPM, "40", TargetingSpec.EVERYONE);
    group(s, "bt-beauty", "c1", Format.BRAND_TAKEOVER, BidType.CPM, "20", TargetingSpec.EVERYONE);
    group(s, "bt-games", "c2", Format.BRAND_TAKEOVER, BidType.CPM, "25", TargetingSpec.EVERYONE);
    s.upsert(new Campaign("c3", "adv", "beauty", Schedule.ALWAYS, Status.ACTIVE));
    group(s, "bt-beauty2", "c3", Format.BRAND_TAKEOVER, BidType.CPM, "99", TargetingSpec.EVERYONE);
    LocalDate today = LocalDate.ofEpochDay(10);
    LocalDate tomorrow = today.plusDays(1);
    s.bookTopView(today, "tv");
    assertThatThrownBy(() -> s.bookTopView(today, "tv2")).isInstanceOf(IllegalStateException.class);
    s.bookTopView(tomorrow, "tv2");
    s.bookBrandTakeover(tomorrow, "bt-beauty");
    s.bookBrandTakeover(tomorrow, "bt-games");
    assertThatThrownBy(() -> s.bookBrandTakeover(tomorrow, "bt-beauty2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("beauty");
    assertThatThrownBy(() -> s.bookTopView(today, "bt-games"))
        .hasMessageContaining("BRAND_TAKEOVER");
    // in-feed auctions never see reserved formats
    assertThat(s.auction(req(ADULT), Surface.FEED, TWO)).isEmpty();
    assertThatThrownBy(() -> s.auction(req(ADULT), Surface.APP_OPEN, TWO))
        .hasMessageContaining("APP_OPEN");

    ServedAd open = s.openingAd(req(ADULT)).orElseThrow();
    assertThat(open.adGroupId()).isEqualTo("tv");
    assertThat(open.priceMicros()).isEqualTo(Money.ofUnits("30"));
    clock.advance(DAY);
    assertThat(s.openingAd(req(ADULT)).orElseThrow().adGroupId()).isEqualTo("tv2");
    s.upsert(
        new AdGroup(
            "tv2",
            "c2",
            Format.TOP_VIEW,
            BidType.CPM,
            40_000_000,
            TargetingSpec.EVERYONE,
            Status.PAUSED));
    // paused TopView: a takeover of the day takes the open; users split between categories
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int u = 0; u < 4; u++) {
      seen.add(s.openingAd(new AdRequest(u, TargetingQuery.of(ADULT))).orElseThrow().adGroupId());
    }
    assertThat(seen).containsExactlyInAnyOrder("bt-beauty", "bt-games");
    clock.advance(DAY);
    assertThat(s.openingAd(req(ADULT))).isEmpty();
  }

  @Test
  void upsert_badReferences_rejected() {
    AdServer s = server(CampaignControl.NONE, AuctionRules.GSP);
    assertThatThrownBy(
            () -> s.upsert(new Campaign("cx", "nobody", "x", Schedule.ALWAYS, Status.ACTIVE)))
        .hasMessageContaining("nobody");
    assertThatThrownBy(
            () ->
                s.upsert(
                    new AdGroup(
                        "g",
                        "nope",
                        Format.IN_FEED,
                        BidType.CPM,
                        1,
                        TargetingSpec.EVERYONE,
                        Status.ACTIVE)))
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> s.upsert(new Creative("cr", "nogroup", "v", Status.ACTIVE)))
        .hasMessageContaining("nogroup");
    group(s, "g", "c1", Format.IN_FEED, BidType.CPM, "1", TargetingSpec.EVERYONE);
    assertThatThrownBy(
            () ->
                s.upsert(
                    new AdGroup(
                        "g",
                        "c1",
                        Format.BRANDED_EFFECT,
                        BidType.CPM,
                        1,
                        TargetingSpec.EVERYONE,
                        Status.ACTIVE)))
        .hasMessageContaining("g");
    assertThatThrownBy(
            () ->
                new AdGroup(
                    "t",
                    "c1",
                    Format.TOP_VIEW,
                    BidType.CPC,
                    1,
                    TargetingSpec.EVERYONE,
                    Status.ACTIVE))
        .hasMessageContaining("CPM");
    assertThatThrownBy(
            () ->
                new AdGroup(
                    "t",
                    "c1",
                    Format.IN_FEED,
                    BidType.CPM,
                    -3,
                    TargetingSpec.EVERYONE,
                    Status.ACTIVE))
        .hasMessageContaining("-3");
    assertThatThrownBy(() -> new Schedule(5, 5)).hasMessageContaining("5");
    assertThatThrownBy(() -> s.auction(req(ADULT), Surface.FEED, List.of()))
        .hasMessageContaining("slot");
  }

  @Test
  void auction_concurrentPausesAndRequests_pausedNeverServedAfterPauseReturns() throws Exception {
    AdServer s = server(CampaignControl.NONE, AuctionRules.GSP);
    List<AdGroup> bulk = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      bulk.add(
          new AdGroup(
              "g" + i,
              "c1",
              Format.IN_FEED,
              BidType.CPM,
              1_000_000 + i,
              TargetingSpec.EVERYONE,
              Status.ACTIVE));
    }
    s.upsertAll(bulk);
    for (int i = 0; i < 200; i++) {
      s.upsert(new Creative("cr" + i, "g" + i, "v", Status.ACTIVE));
    }
    java.util.concurrent.ConcurrentHashMap<String, Boolean> paused =
        new java.util.concurrent.ConcurrentHashMap<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              try {
                while (!done.get()) {
                  java.util.Set<String> before = new java.util.HashSet<>(paused.keySet());
                  for (ServedAd a : s.auction(req(ADULT), Surface.FEED, TWO)) {
                    if (before.contains(a.adGroupId())) {
                      throw new AssertionError("served paused " + a.adGroupId());
                    }
                  }
                }
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    reader.start();
    for (int i = 199; i >= 100; i--) {
      AdGroup g = bulk.get(i);
      s.upsert(g.withStatus(Status.PAUSED));
      paused.put(g.id(), true);
    }
    done.set(true);
    reader.join();
    assertThat(failure.get()).isNull();
    assertThat(s.auction(req(ADULT), Surface.FEED, TWO))
        .extracting(ServedAd::adGroupId)
        .containsExactly("g99", "g98");
    assertThat(s.liveAdGroups()).isEqualTo(100);
  }

  static TargetingSpec randomSpec(Random r) {
    TargetingSpec.Builder b = TargetingSpec.builder();
    if (r.nextDouble() < 0.6) {
      b.include(Dimension.COUNTRY, r.nextBoolean() ? "US" : "DE");
    }
    if (r.nextDouble() < 0.3) {
      b.include(Dimension.INTEREST, "hashtag:h" + r.nextInt(8), "hashtag:h" + r.nextInt(8));
    }
    if (r.nextDouble() < 0.2) {
      b.include(Dimension.AGE, AgeBand.AGE_25_34.name(), AgeBand.AGE_35_44.name());
    }
    if (r.nextDouble() < 0.2) {
      b.exclude(Dimension.LANGUAGE, r.nextBoolean() ? "en" : "de");
    }
    return b.build();
  }

  @Test
  void auction_manyTargetedGroupsControlAndLiveUpdates_equalsBruteForceAuction() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    int campaigns = 12;
    double[] mult = new double[campaigns];
    CampaignControl control =
        new CampaignControl() {
          @Override
          public boolean allow(int campaign, int user, long nowMillis) {
            return (campaign * 7 + user) % 4 != 0;
          }

          @Override
          public double bidMultiplier(int campaign, long nowMillis) {
            return mult[campaign];
          }
        };
    AuctionRules rules =
        new AuctionRules(
            rnd.nextBoolean() ? Mechanism.GSP : Mechanism.VCG, rnd.nextInt(10_000), 500_000);
    AdServer s =
        AdServer.builder()
            .clock(clock)
            .control(control)
            .rules(rules)
            .ctrModel(CtrModel.builder().priorMean(0.01).build())
            .build();
    s.upsert(new Advertiser("adv", "Advertiser"));
    for (int c = 0; c < campaigns; c++) {
      s.upsert(new Campaign("c" + c, "adv", "cat", Schedule.ALWAYS, Status.ACTIVE));
      double[] choices = {0, 0.3, 0.77, 1, 1, 1};
      mult[s.campaignIndex("c" + c).orElseThrow()] = choices[rnd.nextInt(choices.length)];
    }
    // ad group i has id g%05d (registration order = tie order) and creatives 2i, 2i+1
    int n = 1500;
    List<AdGroup> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean cpc = rnd.nextBoolean();
      groups.add(
          new AdGroup(
              String.format("g%05d", i),
              "c" + rnd.nextInt(campaigns),
              Format.IN_FEED,
              cpc ? BidType.CPC : BidType.CPM,
              cpc ? 10_000 + rnd.nextInt(2_000_000) : 100_000 + rnd.nextInt(20_000_000),
              randomSpec(rnd),
              Status.ACTIVE));
    }
    s.upsertAll(groups);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 2; j++) {
        s.upsert(new Creative("cr" + (2 * i + j), groups.get(i).id(), "v", Status.ACTIVE));
      }
    }
    CtrModel ctr = s.ctrModel();
    for (int step = 0; step < 300; step++) {
      String ctx = "seed " + seed + " step " + step;
      // live updates: clicks (raise pCTR bounds), bid changes, pauses, removals, new targeting
      for (int u = 0; u < 20; u++) {
        long imps = 100 + rnd.nextInt(3000);
        ctr.record(rnd.nextInt(2 * n), 0, imps, rnd.nextInt((int) (imps / 10)));
      }
      int i = rnd.nextInt(n);
      AdGroup g = groups.get(i);
      switch (rnd.nextInt(6)) {
        case 0 ->
            g =
                new AdGroup(
                    g.id(),
                    g.campaignId(),
                    g.format(),
                    g.bidType(),
                    g.bidMicros() * (1 + rnd.nextInt(4)),
                    g.targeting(),
                    g.status());
        case 1 ->
            g =
                new AdGroup(
                    g.id(),
                    g.campaignId(),
                    g.format(),
                    g.bidType(),
                    g.bidMicros(),
                    randomSpec(rnd),
                    g.status());
        case 2 -> g = g.withStatus(g.status() == Status.ACTIVE ? Status.PAUSED : Status.ACTIVE);
        case 3 -> {
          if (g.status() == Status.ACTIVE) {
            s.removeAdGroup(g.id());
            g = g.withStatus(Status.ARCHIVED);
          }
        }
        default -> {}
      }
      if (g.status() != Status.ARCHIVED) {
        s.upsert(g);
      }
      groups.set(i, g);
      // brute force over every ad group
      AdRequest request =
          new AdRequest(
              rnd.nextInt(100),
              new TargetingQuery(
                  new UserAttributes(
                      rnd.nextBoolean() ? AgeBand.AGE_25_34 : AgeBand.AGE_45_54,
                      Gender.FEMALE,
                      rnd.nextBoolean() ? "US" : "DE",
                      "",
                      rnd.nextBoolean() ? "en" : "de",
                      DeviceOs.IOS,
                      false),
                  List.of("hashtag:h" + rnd.nextInt(8), "hashtag:h" + rnd.nextInt(8)),
                  List.of()));
      List<Bid> bids = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        AdGroup a = groups.get(k);
        int c = s.campaignIndex(a.campaignId()).orElseThrow();
        if (a.status() != Status.ACTIVE
            || !a.targeting().matches(request.query())
            || !control.allow(c, request.user(), clock.nowMillis())) {
          continue;
        }
        long bid = (long) Math.rint(a.bidMicros() * mult[c]);
        if (bid <= 0) {
          continue;
        }
        double p = Math.max(ctr.pctr(2 * k), ctr.pctr(2 * k + 1));
        bids.add(a.bidType() == BidType.CPC ? Bid.cpc(a.id(), bid, p) : Bid.cpm(a.id(), bid));
      }
      List<Slot> slots = randomSlots(rnd);
      assertSameWinners(
          s.auction(request, Surface.FEED, slots), Auction.run(rules, slots, bids), ctx);
    }
  }

  @Test
  void auction_duplicateSlotIds_rejectedWithTheId() {
    AdServer s = server(CampaignControl.NONE, AuctionRules.GSP);
    group(s, "g", "c1", Format.IN_FEED, BidType.CPM, "1", TargetingSpec.EVERYONE);
    assertThatThrownBy(
            () ->
                s.auction(
                    req(ADULT),
                    Surface.FEED,
                    List.of(new Slot("a", 1), new Slot("b", 0.5), new Slot("a", 0.2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate slot id: a");
    List<Slot> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(new Slot("s" + i, 1.0 / (i + 1)));
    }
    many.add(new Slot("s7", 0.01));
    assertThatThrownBy(() -> s.auction(req(ADULT), Surface.FEED, many))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate slot id: s7");
    assertThat(s.auction(req(ADULT), Surface.FEED, many.subList(0, 12)))
        .extracting(ServedAd::adGroupId)
        .containsExactly("g");
  }

  @Test
  void auction_concurrentClickUpdatesAndRequests_rankedAndExactOnceQuiet() throws Exception {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    AdServer s = server(CampaignControl.NONE, AuctionRules.GSP);
    int n = 2000;
    List<AdGroup> bulk = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean cpc = rnd.nextBoolean();
      bulk.add(
          new AdGroup(
              String.format("g%05d", i),
              i % 2 == 0 ? "c1" : "c2",
              Format.IN_FEED,
              cpc ? BidType.CPC : BidType.CPM,
              cpc ? 10_000 + rnd.nextInt(1_000_000) : 100_000 + rnd.nextInt(10_000_000),
              TargetingSpec.EVERYONE,
              Status.ACTIVE));
    }
    s.upsertAll(bulk);
    for (int i = 0; i < n; i++) {
      s.upsert(new Creative("cr" + i, bulk.get(i).id(), "v", Status.ACTIVE)); // creative i
    }
    List<Slot> three = List.of(new Slot("a", 1), new Slot("b", 0.7), new Slot("c", 0.5));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread[] readers = new Thread[2];
    for (int t = 0; t < readers.length; t++) {
      readers[t] =
          new Thread(
              () -> {
                try {
                  while (!done.get()) {
                    List<ServedAd> ads = s.auction(req(ADULT), Surface.FEED, three);
                    if (ads.size() != 3) {
                      throw new AssertionError("expected 3 ads: " + ads);
                    }
                    for (int k = 1; k < ads.size(); k++) {
                      if (ads.get(k).ecpmMicros() > ads.get(k - 1).ecpmMicros()) {
                        throw new AssertionError("not ranked by eCPM: " + ads);
                      }
                    }
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      readers[t].start();
    }
    // clicks raise pCTR bounds (listener → block maxima, re-sorts) while requests run
    CtrModel ctr = s.ctrModel();
    for (int step = 0; step < 20_000; step++) {
      int imps = 50 + rnd.nextInt(500);
      ctr.record(rnd.nextInt(n), 0, imps, rnd.nextInt(imps / 5));
    }
    done.set(true);
    for (Thread t : readers) {
      t.join();
    }
    assertThat(failure.get()).as("seed " + seed).isNull();
    List<Bid> bids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AdGroup g = bulk.get(i);
      bids.add(
          g.bidType() == BidType.CPC
              ? Bid.cpc(g.id(), g.bidMicros(), ctr.pctr(i))
              : Bid.cpm(g.id(), g.bidMicros()));
    }
    AuctionResult want = Auction.run(AuctionRules.GSP, three, bids);
    assertThat(s.auction(req(ADULT), Surface.FEED, three))
        .as("seed " + seed)
        .extracting(ServedAd::slotId, ServedAd::adGroupId, ServedAd::priceMicros)
        .containsExactlyElementsOf(
            want.winners().stream()
                .map(
                    p -> org.assertj.core.groups.Tuple.tuple(p.slotId(), p.adId(), p.priceMicros()))
                .toList());
  }

  /** Two slots, or three in an order that is not best-first. */
  private static List<Slot> randomSlots(Random rnd) {
    return rnd.nextBoolean()
        ? TWO
        : List.of(new Slot("x", 0.4), new Slot("y", 0.9), new Slot("z", 0.6));
  }

  /** The server's winners equal the stand-alone auction's: slot, ad group, price and eCPM. */
  private static void assertSameWinners(List<ServedAd> got, AuctionResult want, String ctx) {
    assertThat(got)
        .as(ctx)
        .extracting(
            ServedAd::slotId, ServedAd::adGroupId, ServedAd::priceMicros, ServedAd::ecpmMicros)
        .containsExactlyElementsOf(
            want.winners().stream()
                .map(
                    p ->
                        org.assertj.core.groups.Tuple.tuple(
                            p.slotId(), p.adId(), p.priceMicros(), p.ecpmMicros()))
                .toList());
  }
}
