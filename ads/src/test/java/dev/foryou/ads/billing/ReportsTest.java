package dev.foryou.ads.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/London");
  private static final LocalDate DAY = LocalDate.of(2026, 1, 15); // GMT, offset 0
  private static final long T0 = DAY.atStartOfDay(ZONE).toInstant().toEpochMilli();

  private static AdAccounting setUp() {
    AdAccounting acc = AdAccounting.builder().minClickDelayMillis(0).build();
    acc.registerCampaign(
        CampaignBudget.of(
            "nike-run", "nike", 24_000_000, CampaignBudget.UNLIMITED, PacingMode.EVEN, ZONE));
    acc.registerCampaign(
        CampaignBudget.of(
            "nike-cpc", "nike", 12_000_000, CampaignBudget.UNLIMITED, PacingMode.ASAP, ZONE));
    acc.registerCampaign(
        CampaignBudget.of(
            "puma-x", "puma", 5_000_000, CampaignBudget.UNLIMITED, PacingMode.ASAP, ZONE));
    Ledger l = acc.ledger();
    // nike-run: 4 CPM impressions at 2,000,000 per mille = 2,000 micros each, hours 0 and 5
    for (int i = 0; i < 4; i++) {
      long ts = T0 + (i < 2 ? 0 : 5) * 3_600_000L + i;
      l.recordImpression(
          new AdImpression(
              "r" + i,
              "u" + i,
              "nike",
              "nike-run",
              "run-g" + (i % 2),
              "",
              PricingModel.CPM,
              2_000_000,
              ts),
          0);
    }
    l.recordClick(new AdClick("rc", "r0", T0 + 1_000));
    for (int i = 0; i < 10; i++) {
      l.recordAuction("nike-run", "run-g" + (i % 2), i < 4, T0 + i);
    }
    // nike-cpc: 2 impressions, 1 click at 300,000
    l.recordImpression(
        new AdImpression(
            "p0",
            "u1",
            "nike",
            "nike-cpc",
            "cpc-g",
            "",
            PricingModel.CPC,
            300_000,
            T0 + 7_200_000L),
        0);
    l.recordImpression(
        new AdImpression(
            "p1",
            "u2",
            "nike",
            "nike-cpc",
            "cpc-g",
            "",
            PricingModel.CPC,
            300_000,
            T0 + 7_200_000L),
        0);
    l.recordClick(new AdClick("pc", "p1", T0 + 7_300_000L));
    l.recordClick(new AdClick("pc2", "p1", T0 + 7_400_000L)); // repeat click: invalid
    // puma
    l.recordImpression(
        new AdImpression("x0", "u1", "puma", "puma-x", "px-g", "", PricingModel.CPM, 1_000_000, T0),
        0);
    return acc;
  }

  @Test
  void campaign_metricsFromEvents() {
    AdAccounting acc = setUp();
    DeliveryReport r = acc.reports().campaign("nike", "nike-run", DAY);
    assertThat(r.impressions()).isEqualTo(4);
    assertThat(r.clicks()).isEqualTo(1);
    assertThat(r.spendMicros()).isEqualTo(8_000);
    assertThat(r.ctr()).isCloseTo(0.25, within(1e-12));
    assertThat(r.ecpmMicros()).isEqualTo(2_000_000);
    assertThat(r.cpcMicros()).isEqualTo(8_000);
    assertThat(r.auctions()).isEqualTo(10);
    assertThat(r.wins()).isEqualTo(4);
    assertThat(r.winRate()).isCloseTo(0.4, within(1e-12));
    assertThat(r.budgetUtilisation()).isCloseTo(8_000 / 24_000_000.0, within(1e-12));
    long[] spend = r.hourlySpendMicros();
    assertThat(spend[0]).isEqualTo(4_000);
    assertThat(spend[5]).isEqualTo(4_000);
    long[] plan = r.hourlyPlanMicros();
    assertThat(plan).containsOnly(1_000_000); // flat forecast: 24,000,000 / 24
    assertThat(r.hourlyPacingError()[0])
        .isCloseTo((4_000 - 1_000_000) / 1_000_000.0, within(1e-12));
    DeliveryReport other = acc.reports().campaign("nike", "nike-run", DAY.plusDays(1));
    assertThat(other.impressions()).isZero();
    assertThat(other.ctr()).isZero();
  }

  @Test
  void adGroupAndAdvertiser_aggregateTheirOwnEvents() {
    AdAccounting acc = setUp();
    DeliveryReport g0 = acc.reports().adGroup("nike", "run-g0", DAY);
    assertThat(g0.impressions()).isEqualTo(2);
    assertThat(g0.clicks()).isEqualTo(1);
    assertThat(g0.auctions()).isEqualTo(5);
    DeliveryReport cpc = acc.reports().campaign("nike", "nike-cpc", DAY);
    assertThat(cpc.spendMicros()).isEqualTo(300_000);
    assertThat(cpc.invalidClicks()).isEqualTo(1);
    assertThat(cpc.cpcMicros()).isEqualTo(300_000);
    assertThat(cpc.hourlySpendMicros()[2]).isEqualTo(300_000);
    DeliveryReport nike = acc.reports().advertiser("nike", "nike", DAY);
    assertThat(nike.impressions()).isEqualTo(6);
    assertThat(nike.spendMicros()).isEqualTo(308_000);
    assertThat(nike.budgetUtilisation()).isCloseTo(308_000 / 36_000_000.0, within(1e-12));
    assertThat(acc.reports().advertiser("puma", "puma", DAY).spendMicros()).isEqualTo(1_000);
  }

  @Test
  void reports_otherAdvertisersData_denied() {
    AdAccounting acc = setUp();
    Reports rep = acc.reports();
    assertThatThrownBy(() -> rep.campaign("puma", "nike-run", DAY))
        .isInstanceOf(ReportAccessDeniedException.class)
        .hasMessageContaining("puma")
        .hasMessageContaining("nike-run");
    assertThatThrownBy(() -> rep.adGroup("puma", "run-g0", DAY))
        .isInstanceOf(ReportAccessDeniedException.class);
    assertThatThrownBy(() -> rep.advertiser("puma", "nike", DAY))
        .isInstanceOf(ReportAccessDeniedException.class);
    assertThat(rep.campaign("puma", "puma-x", DAY).spendMicros()).isEqualTo(1_000);
  }

  @Test
  void reports_badInput_rejected() {
    AdAccounting acc = setUp();
    Reports rep = acc.reports();
    assertThatThrownBy(() -> rep.campaign("nike", "missing", DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> rep.adGroup("nike", "missing-g", DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing-g");
    assertThatThrownBy(() -> rep.campaign("", "nike-run", DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requesterAdvertiserId");
    assertThatThrownBy(() -> rep.advertiser("nike", "", DAY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rep.campaign("nike", "nike-run", null))
        .isInstanceOf(NullPointerException.class);
  }
}
