package dev.foryou.ads.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foryou.core.ManualTimeSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A simulated day with a diurnal traffic curve: several EVEN campaigns and one ASAP campaign
 * compete in second-price auctions for every request; EVEN campaigns must spend at least 95 % of
 * their daily budget, never more than 101 %, and every hour within +-20 % of the hourly plan.
 */
class PacingSimulationTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

  /** Requests per minute at local minute m of the day: night trough, evening peak. */
  static double trafficPerMinute(int minute, double base) {
    double hours = minute / 60.0;
    double diurnal = 1.0 - 0.75 * Math.cos(2 * Math.PI * (hours - 2.0) / 24.0);
    double evening = 0.6 * Math.exp(-Math.pow((hours - 20.5) / 2.0, 2));
    return base * (diurnal + evening);
  }

  static TrafficForecast forecast(double base, Random noise) {
    double[] w = new double[24];
    for (int h = 0; h < 24; h++) {
      double sum = 0;
      for (int m = 0; m < 60; m++) {
        sum += trafficPerMinute(h * 60 + m, base);
      }
      // the forecast is yesterday's traffic, off by up to +-5 % per hour
      w[h] = sum * (0.95 + 0.1 * noise.nextDouble());
    }
    return new TrafficForecast(w);
  }

  record Camp(String id, long bidCpmMicros, long dailyMicros, PacingMode mode) {}

  @Test
  void simulatedDay_evenCampaigns_followPlanWithinTolerance() {
    for (long seed : new long[] {1, 2, 3}) {
      runDay(seed);
    }
  }

  private void runDay(long seed) {
    Random rnd = new Random(seed);
    long start = DAY.atStartOfDay(ZONE).toInstant().toEpochMilli();
    ManualTimeSource clock = new ManualTimeSource(start);
    AdAccounting acc = AdAccounting.builder().zone(ZONE).creatorShareBps(4_000).build();
    TrafficForecast forecast = forecast(120, rnd);
    List<Camp> camps =
        List.of(
            new Camp("even-a", 6_000_000, 150_000_000, PacingMode.EVEN),
            new Camp("even-b", 5_000_000, 100_000_000, PacingMode.EVEN),
            new Camp("even-c", 4_000_000, 60_000_000, PacingMode.EVEN),
            new Camp("asap-d", 3_000_000, 30_000_000, PacingMode.ASAP));
    int[] idx = new int[camps.size()];
    for (int i = 0; i < camps.size(); i++) {
      Camp c = camps.get(i);
      acc.registerCampaign(
          new CampaignBudget(
              c.id(),
              "adv-" + i,
              c.dailyMicros(),
              CampaignBudget.UNLIMITED,
              c.mode(),
              ZONE,
              forecast));
      idx[i] = acc.pacer().indexOf(c.id());
    }
    BudgetPacer pacer = acc.pacer();
    Ledger ledger = acc.ledger();
    long reserveCpm = 1_000_000;
    long eventNo = 0;
    long asapExhaustedAt = -1;
    List<Integer> bidders = new ArrayList<>();
    for (int minute = 0; minute < 24 * 60; minute++) {
      double lambda = trafficPerMinute(minute, 120);
      int requests = (int) Math.round(lambda * (0.9 + 0.2 * rnd.nextDouble()));
      for (int r = 0; r < requests; r++) {
        long now = start + minute * 60_000L + (long) ((r + rnd.nextDouble()) * 60_000.0 / requests);
        clock.set(now);
        bidders.clear();
        for (int i = 0; i < camps.size(); i++) {
          if (rnd.nextDouble() < 0.7 && pacer.admit(idx[i], now) > 0) {
            bidders.add(i);
          }
        }
        if (bidders.isEmpty()) {
          continue;
        }
        int best = -1;
        long second = reserveCpm;
        for (int i : bidders) {
          long bid = camps.get(i).bidCpmMicros();
          if (best < 0 || bid > camps.get(best).bidCpmMicros()) {
            if (best >= 0) {
              second = Math.max(second, camps.get(best).bidCpmMicros());
            }
            best = i;
          } else {
            second = Math.max(second, bid);
          }
        }
        Camp w = camps.get(best);
        long hold = (w.bidCpmMicros() + 999) / 1000;
        if (!pacer.reserve(idx[best], hold, now)) {
          if (w.mode() == PacingMode.ASAP && asapExhaustedAt < 0) {
            asapExhaustedAt = now;
          }
          continue;
        }
        Charge ch =
            ledger.recordImpression(
                new AdImpression(
                    "imp-" + eventNo++,
                    "u" + rnd.nextInt(50_000),
                    "adv-" + best,
                    w.id(),
                    w.id() + "-g1",
                    "creator-" + rnd.nextInt(100),
                    PricingModel.CPM,
                    second,
                    now),
                hold);
        assertThat(ch.outcome()).isEqualTo(Outcome.RECORDED);
      }
    }
    for (int i = 0; i < camps.size(); i++) {
      Camp c = camps.get(i);
      long spent = pacer.spentOn(c.id(), DAY);
      assertThat(spent)
          .as("seed %d campaign %s never exceeds its daily budget", seed, c.id())
          .isLessThanOrEqualTo(c.dailyMicros() + c.dailyMicros() / 100);
      if (c.mode() == PacingMode.ASAP) {
        assertThat(spent)
            .as("seed %d ASAP spends its budget", seed)
            .isGreaterThan(c.dailyMicros() * 95 / 100);
        assertThat(asapExhaustedAt)
            .as("seed %d ASAP runs out early", seed)
            .isLessThan(start + 18 * 3_600_000L);
        continue;
      }
      assertThat(spent)
          .as("seed %d campaign %s spends >= 95%% of its budget", seed, c.id())
          .isGreaterThanOrEqualTo(c.dailyMicros() * 95 / 100);
      DeliveryReport rep = acc.reports().campaign("adv-" + i, c.id(), DAY);
      assertThat(rep.spendMicros()).isEqualTo(spent);
      long[] plan = rep.hourlyPlanMicros();
      long[] actual = rep.hourlySpendMicros();
      double[] err = rep.hourlyPacingError();
      for (int h = 0; h < 24; h++) {
        assertThat(Math.abs(err[h]))
            .as(
                "seed %d campaign %s hour %d: spent %d vs plan %d",
                seed, c.id(), h, actual[h], plan[h])
            .isLessThanOrEqualTo(0.20);
      }
    }
    LedgerTotals t = ledger.totals();
    assertThat(t.advertiserSpendMicros())
        .isEqualTo(t.platformRevenueMicros() + t.creatorShareMicros());
  }
}
