package dev.foryou.benchmarks;

import dev.foryou.ads.billing.AdAccounting;
import dev.foryou.ads.billing.BudgetPacer;
import dev.foryou.ads.billing.CampaignBudget;
import dev.foryou.ads.billing.CapHold;
import dev.foryou.ads.billing.CapRule;
import dev.foryou.ads.billing.CapWindow;
import dev.foryou.ads.billing.FrequencyCaps;
import dev.foryou.ads.billing.PacingMode;
import dev.foryou.ads.billing.TrafficForecast;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of the per-auction budget and cap decisions: {@code admit} for the eligible campaigns of one
 * auction (EVEN pacing, slot roll-overs included as time advances), a budget hold and release for
 * the winner, and a frequency-cap check-and-reserve (plus release) per candidate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PacingBenchmark {

  /** Registered campaigns. */
  @Param({"1000", "100000"})
  public int campaigns;

  /** Eligible campaigns per auction. */
  @Param({"10"})
  public int candidates;

  private static final int POOL = 1 << 14;
  private static final long T0 = 1_780_000_000_000L;

  private BudgetPacer pacer;
  private FrequencyCaps caps;
  private int[] campaignIdx;
  private String[] campaignIds;
  private String[] advertiserIds;
  private int[] pick;
  private String[] users;
  private int cursor;
  private long now;

  /** Registers EVEN campaigns with a diurnal forecast and caps. */
  @Setup
  public void setUp() {
    Random rnd = new Random(7);
    double[] w = new double[24];
    for (int h = 0; h < 24; h++) {
      w[h] = 1.2 - Math.cos(2 * Math.PI * h / 24.0);
    }
    TrafficForecast f = new TrafficForecast(w);
    AdAccounting acc = AdAccounting.builder().build();
    campaignIdx = new int[campaigns];
    campaignIds = new String[campaigns];
    advertiserIds = new String[campaigns];
    for (int c = 0; c < campaigns; c++) {
      campaignIds[c] = "campaign-" + c;
      advertiserIds[c] = "advertiser-" + (c / 5);
      acc.registerCampaign(
          new CampaignBudget(
              campaignIds[c],
              advertiserIds[c],
              1_000_000 + rnd.nextInt(1_000_000_000),
              CampaignBudget.UNLIMITED,
              rnd.nextInt(5) == 0 ? PacingMode.ASAP : PacingMode.EVEN,
              ZoneId.of("UTC"),
              f));
      campaignIdx[c] = acc.pacer().indexOf(campaignIds[c]);
      if (c % 2 == 0) {
        acc.setCampaignCaps(
            campaignIds[c],
            List.of(
                new CapRule(CapWindow.minutes(30), 3), new CapRule(CapWindow.calendarDay(), 10)));
      }
    }
    pacer = acc.pacer();
    caps = acc.caps();
    pick = new int[POOL];
    for (int i = 0; i < POOL; i++) {
      pick[i] = rnd.nextInt(campaigns);
    }
    users = new String[50_000];
    for (int u = 0; u < users.length; u++) {
      users[u] = "user-" + Long.toHexString(rnd.nextLong());
    }
    now = T0;
  }

  /**
   * One auction's pacing work: admit each candidate, hold and release the winner's budget.
   *
   * @param bh sink
   */
  @Benchmark
  public void admitPerAuction(Blackhole bh) {
    now += 5;
    int winner = -1;
    for (int k = 0; k < candidates; k++) {
      int c = campaignIdx[pick[cursor++ & (POOL - 1)]];
      if (pacer.admit(c, now) > 0) {
        winner = c;
      }
    }
    if (winner >= 0 && pacer.reserve(winner, 5_000, now)) {
      pacer.release(winner, 5_000);
      bh.consume(true);
    }
    bh.consume(winner);
  }

  /**
   * One auction's cap work: check-and-reserve every candidate for one user, release them.
   *
   * @param bh sink
   */
  @Benchmark
  public void capsPerAuction(Blackhole bh) {
    now += 5;
    String user = users[(cursor & 0x7FFFFFFF) % users.length];
    for (int k = 0; k < candidates; k++) {
      int c = pick[cursor++ & (POOL - 1)];
      CapHold h = caps.tryAcquire(user, campaignIds[c], advertiserIds[c], now);
      if (h.granted()) {
        caps.release(h);
      }
      bh.consume(h);
    }
  }
}
