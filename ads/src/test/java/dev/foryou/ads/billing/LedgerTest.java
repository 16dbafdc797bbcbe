package dev.foryou.ads.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LedgerTest {
  static final long T0 =
      LocalDate.of(2026, 6, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000 + 3_600_000L;

  static AdAccounting withCampaigns(int shareBps) {
    AdAccounting acc =
        AdAccounting.builder().creatorShareBps(shareBps).minClickDelayMillis(1_000).build();
    acc.registerCampaign(
        CampaignBudget.of(
            "cpm",
            "adv1",
            1_000_000_000,
            CampaignBudget.UNLIMITED,
            PacingMode.ASAP,
            ZoneOffset.UTC));
    acc.registerCampaign(
        CampaignBudget.of(
            "cpc",
            "adv2",
            1_000_000_000,
            CampaignBudget.UNLIMITED,
            PacingMode.ASAP,
            ZoneOffset.UTC));
    return acc;
  }

  static AdImpression imp(String id, String campaign, PricingModel pm, long price, long ts) {
    String adv =
        campaign.equals("cpm") ? "adv1" : campaign.equals("cpc") ? "adv2" : "adv-" + campaign;
    return new AdImpression(id, "u1", adv, campaign, campaign + "-g", "creator", pm, price, ts);
  }

  @Test
  void recordImpression_cpmPrices_carryRemainderSoTotalIsExact() {
    AdAccounting acc = withCampaigns(0);
    Ledger l = acc.ledger();
    long total = 0;
    long prices = 0;
    for (int i = 0; i < 1000; i++) {
      long price = 1_500 + i; // 1.5 micros per impression and up: sub-micro fractions
      prices += price;
      total +=
          l.recordImpression(imp("i" + i, "cpm", PricingModel.CPM, price, T0 + i), 0)
              .advertiserMicros();
    }
    assertThat(total).isEqualTo(prices / 1000);
    assertThat(l.totals().advertiserSpendMicros()).isEqualTo(prices / 1000);
  }

  @Test
  void recordImpression_duplicateId_chargedOnceAndCounted() {
    AdAccounting acc = withCampaigns(5_000);
    Ledger l = acc.ledger();
    Charge first = l.recordImpression(imp("i1", "cpm", PricingModel.CPM, 2_000_000, T0), 0);
    Charge again = l.recordImpression(imp("i1", "cpm", PricingModel.CPM, 2_000_000, T0), 0);
    assertThat(first).isEqualTo(new Charge(Outcome.RECORDED, 2_000, 1_000));
    assertThat(again).isEqualTo(new Charge(Outcome.DUPLICATE, 0, 0));
    assertThat(l.totals().advertiserSpendMicros()).isEqualTo(2_000);
    assertThat(l.totals().duplicates()).isEqualTo(1);
    assertThat(l.totals().impressions()).isEqualTo(1);
  }

  @Test
  void recordClick_cpcValidClick_chargedClearingPriceOnce() {
    AdAccounting acc = withCampaigns(3_000);
    Ledger l = acc.ledger();
    assertThat(
            l.recordImpression(imp("i1", "cpc", PricingModel.CPC, 250_000, T0), 0)
                .advertiserMicros())
        .isZero();
    Charge c = l.recordClick(new AdClick("k1", "i1", T0 + 5_000));
    assertThat(c).isEqualTo(new Charge(Outcome.RECORDED, 250_000, 75_000));
    assertThat(l.recordClick(new AdClick("k1", "i1", T0 + 5_000)).outcome())
        .isEqualTo(Outcome.DUPLICATE);
    assertThat(l.totals().validClicks()).isEqualTo(1);
    assertThat(l.totals().advertiserSpendMicros()).isEqualTo(250_000);
  }

  @Test
  void recordClick_invalidClicks_areFreeAndCounted() {
    AdAccounting acc = withCampaigns(5_000);
    Ledger l = acc.ledger();
    l.recordImpression(imp("i1", "cpc", PricingModel.CPC, 300_000, T0), 0);
    l.recordImpression(imp("i2", "cpc", PricingModel.CPC, 300_000, T0), 0);
    assertThat(l.recordClick(new AdClick("k0", "nope", T0 + 5_000)))
        .isEqualTo(new Charge(Outcome.INVALID_NO_IMPRESSION, 0, 0));
    assertThat(l.recordClick(new AdClick("k1", "i1", T0 + 999)).outcome())
        .isEqualTo(Outcome.INVALID_TOO_FAST);
    assertThat(l.recordClick(new AdClick("k1b", "i2", T0 - 10)).outcome())
        .isEqualTo(Outcome.INVALID_TOO_FAST);
    l.recordImpression(imp("i3", "cpc", PricingModel.CPC, 300_000, T0), 0);
    assertThat(l.recordClick(new AdClick("k2", "i3", T0 + 2_000)).advertiserMicros())
        .isEqualTo(300_000);
    assertThat(l.recordClick(new AdClick("k3", "i3", T0 + 3_000)))
        .isEqualTo(new Charge(Outcome.INVALID_REPEAT_CLICK, 0, 0));
    LedgerTotals t = l.totals();
    assertThat(t.advertiserSpendMicros()).isEqualTo(300_000);
    assertThat(t.invalidNoImpression()).isEqualTo(1);
    assertThat(t.invalidTooFast()).isEqualTo(2);
    assertThat(t.invalidRepeatClick()).isEqualTo(1);
    assertThat(t.validClicks()).isEqualTo(1);
  }

  @Test
  void recordClick_onCpmImpression_isFree() {
    AdAccounting acc = withCampaigns(5_000);
    Ledger l = acc.ledger();
    l.recordImpression(imp("i1", "cpm", PricingModel.CPM, 4_000_000, T0), 0);
    assertThat(l.recordClick(new AdClick("k1", "i1", T0 + 5_000)))
        .isEqualTo(new Charge(Outcome.RECORDED, 0, 0));
    assertThat(l.totals().advertiserSpendMicros()).isEqualTo(4_000);
  }

  @Test
  void charges_neverExceedBudget_cutPartIsCounted() {
    AdAccounting acc = AdAccounting.builder().build();
    acc.registerCampaign(
        CampaignBudget.of("c", "a", 10_000, 25_000, PacingMode.ASAP, ZoneOffset.UTC));
    Ledger l = acc.ledger();
    long charged = 0;
    for (int i = 0; i < 20; i++) {
      charged +=
          l.recordImpression(
                  new AdImpression(
                      "i" + i, "u", "a", "c", "g", "", PricingModel.CPM, 3_000_000, T0 + i),
                  0)
              .advertiserMicros();
    }
    assertThat(charged).isEqualTo(10_000);
    assertThat(acc.pacer().spentOn("c", LocalDate.of(2026, 6, 1))).isEqualTo(10_000);
    assertThat(l.totals().budgetCappedMicros()).isEqualTo(20 * 3_000 - 10_000);
    // next day: the daily budget is fresh but the lifetime budget stops at 25,000
    for (int i = 0; i < 20; i++) {
      l.recordImpression(
          new AdImpression(
              "j" + i, "u", "a", "c", "g", "", PricingModel.CPM, 3_000_000, T0 + 86_400_000L + i),
          0);
    }
    assertThat(acc.pacer().spentLifetime("c")).isEqualTo(20_000);
    for (int i = 0; i < 20; i++) {
      l.recordImpression(
          new AdImpression(
              "k" + i,
              "u",
              "a",
              "c",
              "g",
              "",
              PricingModel.CPM,
              3_000_000,
              T0 + 2 * 86_400_000L + i),
          0);
    }
    assertThat(acc.pacer().spentLifetime("c")).isEqualTo(25_000);
  }

  @Test
  void randomEventStreams_moneyConservedToTheMicro() {
    for (long seed = 1; seed <= 30; seed++) {
      Random rnd = new Random(seed);
      int bps = rnd.nextInt(10_001);
      AdAccounting acc =
          AdAccounting.builder()
              .creatorShareBps(bps)
              .minClickDelayMillis(rnd.nextInt(3_000))
              .build();
      int campaigns = 1 + rnd.nextInt(5);
      for (int c = 0; c < campaigns; c++) {
        acc.registerCampaign(
            CampaignBudget.of(
                "c" + c,
                "a" + (c % 2),
                1 + rnd.nextInt(5_000_000),
                CampaignBudget.UNLIMITED,
                PacingMode.ASAP,
                ZoneOffset.UTC));
      }
      Ledger l = acc.ledger();
      List<String> imps = new ArrayList<>();
      long sumAdvertiser = 0;
      long sumCreator = 0;
      long sumPlatform = 0;
      int events = 2_000;
      for (int e = 0; e < events; e++) {
        long ts = T0 + e * 1_000L + rnd.nextInt(1_000);
        Charge ch;
        int kind = rnd.nextInt(10);
        if (kind < 5 || imps.isEmpty()) {
          int c = rnd.nextInt(campaigns);
          String id =
              rnd.nextInt(10) == 0 && !imps.isEmpty()
                  ? imps.get(rnd.nextInt(imps.size()))
                  : "i" + e;
          ch =
              l.recordImpression(
                  new AdImpression(
                      id,
                      "u" + rnd.nextInt(100),
                      "a" + (c % 2),
                      "c" + c,
                      "c" + c + "-g" + rnd.nextInt(3),
                      rnd.nextBoolean() ? "" : "cr" + rnd.nextInt(7),
                      rnd.nextBoolean() ? PricingModel.CPM : PricingModel.CPC,
                      rnd.nextInt(20_000_000),
                      ts),
                  0);
          imps.add(id);
        } else if (kind < 9) {
          String target = rnd.nextInt(8) == 0 ? "missing" + e : imps.get(rnd.nextInt(imps.size()));
          String id = rnd.nextInt(8) == 0 ? "k" + rnd.nextInt(e + 1) : "k" + e;
          ch = l.recordClick(new AdClick(id, target, ts + rnd.nextInt(60_000)));
        } else {
          ch =
              l.recordView(
                  new VideoView(
                      "v" + e,
                      "u" + rnd.nextInt(50),
                      "vid" + rnd.nextInt(30),
                      "cr" + rnd.nextInt(7),
                      1 + rnd.nextInt(120_000),
                      rnd.nextInt(90_000),
                      ts));
          assertThat(ch.advertiserMicros()).isZero();
        }
        if (ch.outcome() != Outcome.RECORDED) {
          assertThat(ch.advertiserMicros()).as("seed %d: %s is free", seed, ch.outcome()).isZero();
        }
        sumAdvertiser += ch.advertiserMicros();
        sumCreator += ch.creatorMicros();
        sumPlatform += ch.platformMicros();
      }
      LedgerTotals t = l.totals();
      assertThat(t.advertiserSpendMicros()).as("seed %d", seed).isEqualTo(sumAdvertiser);
      assertThat(t.creatorShareMicros()).as("seed %d", seed).isEqualTo(sumCreator);
      assertThat(t.platformRevenueMicros()).as("seed %d", seed).isEqualTo(sumPlatform);
      assertThat(t.platformRevenueMicros() + t.creatorShareMicros())
          .as("seed %d: spend = revenue + share", seed)
          .isEqualTo(t.advertiserSpendMicros());
      // creator share never exceeds bps of the creator-attributed spend
      assertThat(t.creatorShareMicros() * 10_000L)
          .as("seed %d", seed)
          .isLessThanOrEqualTo(t.advertiserSpendMicros() * (long) bps);
      long perCampaign = 0;
      long perCreator = 0;
      for (int c = 0; c < campaigns; c++) {
        perCampaign += acc.pacer().spentLifetime("c" + c);
      }
      for (int cr = 0; cr < 7; cr++) {
        perCreator +=
            l.creatorStatement("cr" + cr, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 7, 1))
                .adRevenueShareMicros();
      }
      assertThat(perCampaign)
          .as("seed %d: campaigns add up", seed)
          .isEqualTo(t.advertiserSpendMicros());
      assertThat(perCreator).as("seed %d: creators add up", seed).isEqualTo(t.creatorShareMicros());
      long perAdvertiser = 0;
      for (int a = 0; a < 2; a++) {
        for (int d = 0; d < 2; d++) {
          perAdvertiser +=
              acc.reports()
                  .advertiser("a" + a, "a" + a, LocalDate.of(2026, 6, 1).plusDays(d))
                  .spendMicros();
        }
      }
      assertThat(perAdvertiser)
          .as("seed %d: reports add up", seed)
          .isEqualTo(t.advertiserSpendMicros());
    }
  }

  @Test
  void recordImpression_sameIdsFromFourThreads_eachChargedOnce() throws Exception {
    AdAccounting acc = withCampaigns(2_500);
    Ledger l = acc.ledger();
    int n = 5_000;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<long[]>> fs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int tt = t;
      fs.add(
          pool.submit(
              () -> {
                long charged = 0;
                long dups = 0;
                for (int i = 0; i < n; i++) {
                  int k = (i * 7 + tt * 13) % n; // every thread sends every id, in its own order
                  Charge c =
                      l.recordImpression(
                          imp("i" + k, "cpm", PricingModel.CPM, 1_000_000 + k, T0 + k), 0);
                  charged += c.advertiserMicros();
                  dups += c.outcome() == Outcome.DUPLICATE ? 1 : 0;
                }
                return new long[] {charged, dups};
              }));
    }
    long charged = 0;
    long dups = 0;
    for (var f : fs) {
      charged += f.get()[0];
      dups += f.get()[1];
    }
    pool.shutdown();
    long expected = 0;
    for (int k = 0; k < n; k++) {
      expected += 1_000_000 + k;
    }
    assertThat(charged).isEqualTo(expected / 1000);
    assertThat(dups).isEqualTo(3L * n);
    assertThat(l.totals().impressions()).isEqualTo(n);
    assertThat(l.totals().duplicates()).isEqualTo(3L * n);
  }

  @Test
  void creatorMoney_shareAndFundPayoutsPerPeriod() {
    AdAccounting acc =
        AdAccounting.builder()
            .creatorShareBps(5_000)
            .fundRpmMicros(40_000)
            .qualifiedWatchMillis(10_000)
            .build();
    acc.registerCampaign(
        CampaignBudget.of(
            "c",
            "a",
            CampaignBudget.UNLIMITED,
            CampaignBudget.UNLIMITED,
            PacingMode.ASAP,
            ZoneOffset.UTC));
    Ledger l = acc.ledger();
    l.recordImpression(
        new AdImpression("i1", "u", "a", "c", "g", "alice", PricingModel.CPM, 10_000_001, T0), 0);
    assertThat(
            l.recordView(new VideoView("v1", "u1", "long", "alice", 61_000, 12_000, T0)).outcome())
        .isEqualTo(Outcome.QUALIFIED_VIEW);
    assertThat(
            l.recordView(new VideoView("v2", "u1", "long", "alice", 61_000, 30_000, T0)).outcome())
        .as("repeat view")
        .isEqualTo(Outcome.UNQUALIFIED_VIEW);
    assertThat(
            l.recordView(new VideoView("v3", "u2", "short", "alice", 59_999, 59_999, T0)).outcome())
        .as("video under 60 s")
        .isEqualTo(Outcome.UNQUALIFIED_VIEW);
    assertThat(
            l.recordView(new VideoView("v4", "u3", "long", "alice", 61_000, 9_999, T0)).outcome())
        .as("watched too briefly")
        .isEqualTo(Outcome.UNQUALIFIED_VIEW);
    assertThat(
            l.recordView(new VideoView("v1", "u9", "long", "alice", 61_000, 12_000, T0)).outcome())
        .isEqualTo(Outcome.DUPLICATE);
    for (int u = 0; u < 2_499; u++) {
      l.recordView(
          new VideoView("w" + u, "x" + u, "long", "alice", 61_000, 12_000, T0 + 86_400_000L));
    }
    LocalDate d = LocalDate.of(2026, 6, 1);
    CreatorStatement day1 = l.creatorStatement("alice", d, d);
    assertThat(day1.adImpressions()).isEqualTo(1);
    assertThat(day1.adRevenueShareMicros()).isEqualTo(5_000); // half of 10,000 micros
    assertThat(day1.qualifiedViews()).isEqualTo(1);
    assertThat(day1.fundPayoutMicros()).isEqualTo(40); // 1 view * 40,000 / 1000
    CreatorStatement both = l.creatorStatement("alice", d, d.plusDays(1));
    assertThat(both.qualifiedViews()).isEqualTo(2_500);
    assertThat(both.fundPayoutMicros()).isEqualTo(100_000);
    assertThat(both.totalMicros()).isEqualTo(105_000);
    assertThat(l.creatorStatement("bob", d, d).totalMicros()).isZero();
    assertThatThrownBy(() -> l.creatorStatement("alice", d, d.minusDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(d.minusDays(1).toString());
  }

  @Test
  void badInput_rejectedAndStateUnchanged() {
    AdAccounting acc = withCampaigns(5_000);
    Ledger l = acc.ledger();
    assertThatThrownBy(() -> imp("", "cpm", PricingModel.CPM, 1, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventId");
    assertThatThrownBy(() -> imp("x", "cpm", PricingModel.CPM, -1, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> l.recordImpression(imp("x", "unknown", PricingModel.CPM, 1, T0), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown");
    assertThatThrownBy(
            () ->
                l.recordImpression(
                    new AdImpression("x", "u", "adv2", "cpm", "g", "", PricingModel.CPM, 1, T0), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("adv1");
    assertThatThrownBy(() -> l.recordImpression(imp("x", "cpm", PricingModel.CPM, 1, T0), 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5");
    l.recordImpression(imp("ok", "cpm", PricingModel.CPM, 1_000, T0), 0);
    assertThatThrownBy(
            () ->
                l.recordImpression(
                    new AdImpression("y", "u", "adv2", "cpc", "cpm-g", "", PricingModel.CPM, 1, T0),
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpm-g");
    assertThatThrownBy(() -> new AdClick("k", "", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("impressionId");
    assertThatThrownBy(() -> new VideoView("v", "u", "vid", "cr", 0, 1, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("videoDurationMs");
    assertThatThrownBy(() -> new VideoView("v", "u", "vid", "cr", 10, -1, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> l.recordAuction("unknown", "g", true, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown");
    assertThatThrownBy(() -> l.recordAuction("cpc", "cpm-g", true, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpm-g");
    assertThatThrownBy(() -> new Charge(Outcome.RECORDED, 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    LedgerTotals t = l.totals();
    assertThat(t.impressions()).isEqualTo(1);
    assertThat(t.advertiserSpendMicros()).isEqualTo(1);
    // the rejected "x" was never seen: it can be recorded now
    assertThat(l.recordImpression(imp("x", "cpm", PricingModel.CPM, 1_000, T0), 0).outcome())
        .isEqualTo(Outcome.RECORDED);
  }
}
