package dev.foryou.benchmarks;

import dev.foryou.ads.billing.AdAccounting;
import dev.foryou.ads.billing.AdClick;
import dev.foryou.ads.billing.AdImpression;
import dev.foryou.ads.billing.CampaignBudget;
import dev.foryou.ads.billing.Charge;
import dev.foryou.ads.billing.PacingMode;
import dev.foryou.ads.billing.PricingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Billing events per second through the ledger: a seeded irregular stream of ~88 % CPM/CPC
 * impressions (fresh event ids, random campaigns, users, creators, prices), ~10 % clicks on recent
 * impressions (some too fast, some repeated) and ~2 % duplicate impressions; in memory or with the
 * durable event log (written to the OS, no fsync). State is rebuilt every iteration so the id set
 * does not grow without bound.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BillingBenchmark {

  /** In memory, or appending every event to the log. */
  @Param({"memory", "log"})
  public String durability;

  /** Number of campaigns. */
  @Param({"1000"})
  public int campaigns;

  private static final int POOL = 1 << 16;
  private static final long T0 = 1_780_000_000_000L;

  private AdAccounting acc;
  private Path dir;
  private String[] campaignIds;
  private String[] advertiserIds;
  private String[] adGroupIds;
  private String[] users;
  private String[] creators;
  private int[] kind;
  private int[] campaignPick;
  private int[] userPick;
  private long[] price;
  private long[] delay;
  private long seq;
  private long time;

  /** Builds the seeded random pools. */
  @Setup(Level.Trial)
  public void pools() {
    Random rnd = new Random(42);
    campaignIds = new String[campaigns];
    advertiserIds = new String[campaigns];
    adGroupIds = new String[campaigns];
    for (int c = 0; c < campaigns; c++) {
      campaignIds[c] = "campaign-" + c;
      advertiserIds[c] = "advertiser-" + (c / 7);
      adGroupIds[c] = "adgroup-" + c + "-" + rnd.nextInt(3);
    }
    users = new String[100_000];
    for (int u = 0; u < users.length; u++) {
      users[u] = "user-" + Long.toHexString(rnd.nextLong());
    }
    creators = new String[5_000];
    for (int i = 0; i < creators.length; i++) {
      creators[i] = i % 4 == 0 ? "" : "creator-" + i;
    }
    kind = new int[POOL];
    campaignPick = new int[POOL];
    userPick = new int[POOL];
    price = new long[POOL];
    delay = new long[POOL];
    for (int i = 0; i < POOL; i++) {
      int r = rnd.nextInt(100);
      kind[i] = r < 2 ? 2 : r < 12 ? 1 : 0;
      campaignPick[i] = (int) Math.min(campaigns - 1, Math.abs(rnd.nextGaussian()) * campaigns / 3);
      userPick[i] = rnd.nextInt(users.length);
      price[i] = 100_000 + rnd.nextInt(20_000_000);
      delay[i] = rnd.nextInt(5_000);
    }
  }

  /** A fresh accounting (and log) per iteration. */
  @Setup(Level.Iteration)
  public void open() throws IOException {
    AdAccounting.Builder b = AdAccounting.builder();
    if (durability.equals("log")) {
      dir = Files.createTempDirectory("billing-bench");
      b.directory(dir);
    }
    acc = b.build();
    for (int c = 0; c < campaigns; c++) {
      acc.registerCampaign(
          CampaignBudget.of(
              campaignIds[c],
              advertiserIds[c],
              CampaignBudget.UNLIMITED,
              CampaignBudget.UNLIMITED,
              PacingMode.ASAP,
              ZoneOffset.UTC));
    }
    seq = 0;
    time = T0;
  }

  /** Closes and deletes the log. */
  @TearDown(Level.Iteration)
  public void close() throws IOException {
    acc.close();
    if (dir != null) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      dir = null;
    }
  }

  /**
   * One billing event.
   *
   * @return the charge
   */
  @Benchmark
  public Charge event() {
    long n = seq++;
    int i = (int) (n & (POOL - 1));
    time += 3;
    switch (kind[i]) {
      case 1 -> {
        long target = n > 100 ? n - 1 - (i % 100) : 0;
        return acc.ledger().recordClick(new AdClick("c" + n, "i" + target, time + delay[i]));
      }
      case 2 -> {
        long target = n > 100 ? n - 1 - (i % 100) : 0;
        return impression(target, i);
      }
      default -> {
        return impression(n, i);
      }
    }
  }

  private Charge impression(long id, int i) {
    int c = campaignPick[i];
    return acc.ledger()
        .recordImpression(
            new AdImpression(
                "i" + id,
                users[userPick[i]],
                advertiserIds[c],
                campaignIds[c],
                adGroupIds[c],
                creators[userPick[i] % creators.length],
                (i & 1) == 0 ? PricingModel.CPM : PricingModel.CPC,
                price[i],
                time),
            0);
  }
}
