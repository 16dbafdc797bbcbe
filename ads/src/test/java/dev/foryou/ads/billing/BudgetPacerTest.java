package dev.foryou.ads.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BudgetPacerTest {
  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final LocalDate DAY = LocalDate.of(2026, 4, 1);
  private static final long T0 = DAY.atStartOfDay(ZONE).toInstant().toEpochMilli();

  @Test
  void reserve_holdsCountAgainstBudget_releaseGivesBack() {
    AdAccounting acc = AdAccounting.builder().build();
    acc.registerCampaign(CampaignBudget.of("c", "a", 10_000, 50_000, PacingMode.ASAP, ZONE));
    BudgetPacer p = acc.pacer();
    assertThat(p.reserve("c", 6_000, T0)).isTrue();
    assertThat(p.reserve("c", 5_000, T0)).isFalse();
    assertThat(p.reserve("c", 4_000, T0)).isTrue();
    assertThat(p.heldMicros("c")).isEqualTo(10_000);
    assertThat(p.admit("c", T0)).isZero(); // fully held: sit out
    p.release("c", 4_000);
    assertThat(p.admit("c", T0)).isEqualTo(1.0);
    acc.ledger()
        .recordImpression(
            new AdImpression("i", "u", "a", "c", "g", "", PricingModel.CPM, 5_500_000, T0), 6_000);
    assertThat(p.heldMicros("c")).isZero();
    assertThat(p.spentOn("c", DAY)).isEqualTo(5_500);
    assertThatThrownBy(() -> p.release("c", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1");
  }

  @Test
  void dailyBudget_resetsAtMidnightOfCampaignZone() {
    AdAccounting acc = AdAccounting.builder().build();
    acc.registerCampaign(
        CampaignBudget.of("c", "a", 10_000, CampaignBudget.UNLIMITED, PacingMode.ASAP, ZONE));
    BudgetPacer p = acc.pacer();
    long lateNight = T0 + 23 * 3_600_000L; // 23:00 LA = next day in UTC
    assertThat(p.reserve("c", 10_000, lateNight)).isTrue();
    acc.ledger()
        .recordImpression(
            new AdImpression("i", "u", "a", "c", "g", "", PricingModel.CPM, 10_000_000, lateNight),
            10_000);
    assertThat(p.reserve("c", 1, lateNight + 3_000_000L)).isFalse();
    assertThat(p.reserve("c", 1, T0 + 24 * 3_600_000L)).isTrue();
    assertThat(p.spentOn("c", DAY)).isEqualTo(10_000);
    assertThat(p.spentOn("c", DAY.plusDays(1))).isZero();
  }

  @Test
  void concurrentAuctions_fourThreads_neverOverspend() throws Exception {
    long seed = 99;
    AdAccounting acc = AdAccounting.builder().build();
    acc.registerCampaign(
        CampaignBudget.of("c", "a", 1_000_000, 1_500_000, PacingMode.ASAP, ZoneOffset.UTC));
    long t0 = LocalDate.of(2026, 4, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000;
    BudgetPacer p = acc.pacer();
    int idx = p.indexOf("c");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Long>> fs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int tt = t;
      fs.add(
          pool.submit(
              () -> {
                Random rnd = new Random(seed + tt);
                long charged = 0;
                for (int i = 0; i < 20_000; i++) {
                  long now = t0 + rnd.nextInt(2 * 86_400_000);
                  if (p.admit(idx, now) == 0) {
                    continue;
                  }
                  long bidCpm = 1_000_000 + rnd.nextInt(9_000_000);
                  long hold = (bidCpm + 999) / 1000;
                  if (!p.reserve(idx, hold, now)) {
                    continue;
                  }
                  if (rnd.nextInt(3) == 0) {
                    p.release(idx, hold); // lost the auction
                    continue;
                  }
                  long price = rnd.nextLong(bidCpm + 1);
                  charged +=
                      acc.ledger()
                          .recordImpression(
                              new AdImpression(
                                  "t" + tt + "-" + i,
                                  "u",
                                  "a",
                                  "c",
                                  "g",
                                  "",
                                  PricingModel.CPM,
                                  price,
                                  now),
                              hold)
                          .advertiserMicros();
                }
                return charged;
              }));
    }
    long total = 0;
    for (Future<Long> f : fs) {
      total += f.get();
    }
    pool.shutdown();
    assertThat(total).as("seed %d", seed).isEqualTo(acc.ledger().totals().advertiserSpendMicros());
    assertThat(p.spentOn("c", LocalDate.of(2026, 4, 1)))
        .as("seed %d", seed)
        .isLessThanOrEqualTo(1_000_000);
    assertThat(p.spentOn("c", LocalDate.of(2026, 4, 2)))
        .as("seed %d", seed)
        .isLessThanOrEqualTo(1_000_000);
    assertThat(p.spentLifetime("c"))
        .as("seed %d", seed)
        .isLessThanOrEqualTo(1_500_000)
        .isGreaterThan(1_490_000);
    assertThat(acc.ledger().totals().budgetCappedMicros())
        .as("holds make every charge fit")
        .isZero();
    assertThat(p.heldMicros("c")).isZero();
  }

  @Test
  void hourlyPlan_followsForecastAndSumsToBudget() {
    double[] w = new double[24];
    for (int h = 0; h < 24; h++) {
      w[h] = 1 + h % 5;
    }
    AdAccounting acc = AdAccounting.builder().build();
    acc.registerCampaign(
        new CampaignBudget(
            "c",
            "a",
            1_000_003,
            CampaignBudget.UNLIMITED,
            PacingMode.EVEN,
            ZONE,
            new TrafficForecast(w)));
    long[] plan = acc.pacer().hourlyPlan("c");
    long sum = 0;
    for (long x : plan) {
      sum += x;
    }
    assertThat(sum).isEqualTo(1_000_003);
    assertThat(plan[4]).isGreaterThan(plan[0] * 4);
  }

  @Test
  void badInput_rejectedWithNamedValue() {
    AdAccounting acc = AdAccounting.builder().build();
    acc.registerCampaign(CampaignBudget.of("c", "a", 10_000, 20_000, PacingMode.EVEN, ZONE));
    BudgetPacer p = acc.pacer();
    assertThat(p.indexOf("nope")).isEqualTo(-1);
    assertThatThrownBy(() -> p.admit("nope", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> p.admit(77, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("77");
    assertThatThrownBy(() -> p.reserve("c", 0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> p.release("c", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> p.spentOn("nope", DAY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CampaignBudget.of("c", "a", 0, 1, PacingMode.ASAP, ZONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dailyMicros");
    assertThatThrownBy(() -> CampaignBudget.of("c", "a", 1, -5, PacingMode.ASAP, ZONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> CampaignBudget.of("", "a", 1, 1, PacingMode.ASAP, ZONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("campaignId");
    assertThatThrownBy(
            () -> CampaignBudget.of("c", "a", CampaignBudget.UNLIMITED, 1, PacingMode.EVEN, ZONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EVEN");
    assertThatThrownBy(() -> new TrafficForecast(new double[23]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("23");
    assertThatThrownBy(() -> new TrafficForecast(new double[24]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    double[] nan = new double[24];
    nan[3] = Double.NaN;
    assertThatThrownBy(() -> new TrafficForecast(nan))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[3]");
    assertThatThrownBy(
            () ->
                acc.registerCampaign(CampaignBudget.of("c", "other", 1, 1, PacingMode.ASAP, ZONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other");
    assertThat(p.budget("c").advertiserId()).isEqualTo("a");
  }

  @Test
  void builder_settingsTwiceOrOutOfRange_rejected() {
    assertThatThrownBy(() -> AdAccounting.builder().zone(ZONE).zone(ZONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("zone");
    assertThatThrownBy(() -> AdAccounting.builder().creatorShareBps(10_001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10001");
    assertThatThrownBy(() -> AdAccounting.builder().fundRpmMicros(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> AdAccounting.builder().minClickDelayMillis(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-2");
    assertThatThrownBy(() -> AdAccounting.builder().qualifiedVideoMillis(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdAccounting.builder().qualifiedWatchMillis(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-3");
    assertThatThrownBy(() -> AdAccounting.builder().pacingSlotMillis(7_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7000");
    assertThatThrownBy(() -> AdAccounting.builder().fsync(true).fsync(false))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AdAccounting.builder().creatorShareBps(1).creatorShareBps(2))
        .isInstanceOf(IllegalStateException.class);
  }
}
