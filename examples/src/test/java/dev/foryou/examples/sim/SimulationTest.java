package dev.foryou.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foryou.core.ManualTimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTest {
  private static final long SEED = 7L;

  static SimulationConfig tiny(Path out, long seed) {
    return new SimulationConfig(600, 2000, 3, seed, false, out);
  }

  private static SimulationResult tinyRun;

  /** One tiny run (seconds) shared by the tests that only read its result. */
  private static synchronized SimulationResult tinyRun() {
    if (tinyRun == null) {
      tinyRun = Simulation.run(tiny(Path.of("target", "sim-test"), SEED), Progress.NONE);
    }
    return tinyRun;
  }

  @Test
  void run_tinyWorld_engineBeatsPopularAndRandomOnWatchTime() {
    SimulationResult r = tinyRun();
    assertThat(r.arms).containsExactly("foryou", "popular", "random");
    double foryou = r.watchSecondsPerSession("foryou");
    assertThat(foryou)
        .as("seed %d: foryou vs popular", SEED)
        .isGreaterThan(r.watchSecondsPerSession("popular"));
    assertThat(foryou)
        .as("seed %d: foryou vs random", SEED)
        .isGreaterThan(r.watchSecondsPerSession("random"));
  }

  @Test
  void run_tinyWorldWithAds_noOverspendBeyondOnePercentAndNoCapViolation() {
    SimulationResult r = tinyRun();
    assertThat(r.campaigns).as("ads ran").isNotEmpty();
    long impressions = 0;
    for (int c = 0; c < r.campaigns.size(); c++) {
      CampaignSpec spec = r.campaigns.get(c);
      impressions += r.impressions[c];
      assertThat(r.maxDailyOverspend(c))
          .as(
              "seed %d: daily overspend of %s (daily budget %d)",
              SEED, spec.id(), spec.dailyBudgetMicros())
          .isLessThanOrEqualTo(spec.dailyBudgetMicros() / 100);
      assertThat(r.capViolations[c]).as("seed %d: cap violations of %s", SEED, spec.id()).isZero();
    }
    assertThat(impressions).as("ads were shown").isPositive();
    DayStats engine = r.total("foryou");
    assertThat(engine.adClicks).as("some ads were clicked").isPositive();
    assertThat(engine.revenueMicros).as("the ledger booked revenue").isPositive();
    assertThat(engine.creatorPayoutMicros).as("creators were paid").isPositive();
    assertThat(r.total("popular").adImpressions).as("baselines run without ads").isZero();
  }

  @Test
  void run_sameSeed_identicalWorldAndBaselines(@TempDir Path dir) {
    SimulationConfig config = new SimulationConfig(240, 1200, 2, 11L, false, dir);
    ObjectNode a = Simulation.run(config, Progress.NONE).summary();
    ObjectNode b = Simulation.run(config, Progress.NONE).summary();
    for (String key : List.of("seed", "days", "users", "sessions", "sessions_by_arm")) {
      assertThat(b.get(key)).as(key).isEqualTo(a.get(key));
    }
    for (String arm : List.of("popular", "random")) {
      assertThat(b.get("watch_seconds_per_session").get(arm))
          .as(arm)
          .isEqualTo(a.get("watch_seconds_per_session").get(arm));
      assertThat(b.get("engagement").get(arm)).as(arm).isEqualTo(a.get("engagement").get(arm));
    }
    ObjectNode c =
        Simulation.run(new SimulationConfig(240, 1200, 2, 12L, false, dir), Progress.NONE)
            .summary();
    assertThat(c.get("engagement").get("popular"))
        .as("another seed gives other numbers")
        .isNotEqualTo(a.get("engagement").get("popular"));
  }

  @Test
  void run_sameSeed_identicalSummary(@TempDir Path dir) {
    SimulationConfig config = new SimulationConfig(240, 1200, 2, 11L, false, dir);
    ObjectNode a = Simulation.run(config, Progress.NONE).summary();
    ObjectNode b = Simulation.run(config, Progress.NONE).summary();
    assertThat(b).isEqualTo(a);
  }

  @Test
  void write_summaryJson_hasTheDocumentedKeys(@TempDir Path dir) throws Exception {
    SimulationConfig config = new SimulationConfig(120, 600, 1, 3L, false, dir.resolve("out"));
    AtomicLong started = new AtomicLong(-1);
    AtomicLong last = new AtomicLong();
    SimulationResult r =
        Simulation.run(
            config,
            new Progress() {
              @Override
              public void start(long totalSessions) {
                started.set(totalSessions);
              }

              @Override
              public void advanced(long doneSessions, int day) {
                last.set(doneSessions);
              }
            });
    Path report = r.write();
    assertThat(report).exists();
    String html = Files.readString(report);
    assertThat(html).contains("<img").contains("data:image/png;base64,");
    JsonNode s = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    for (String key :
        List.of(
            "seed",
            "days",
            "users",
            "sessions",
            "watch_seconds_per_session",
            "like_rate",
            "ad_impressions",
            "ad_clicks",
            "ad_ctr",
            "ad_revenue",
            "fill_rate",
            "campaigns",
            "creator_payouts")) {
      assertThat(s.has(key)).as("summary has %s", key).isTrue();
    }
    for (String arm : r.arms) {
      assertThat(s.get("watch_seconds_per_session").get(arm).isNumber()).as(arm).isTrue();
    }
    assertThat(s.get("seed").asLong()).isEqualTo(3L);
    assertThat(s.get("users").asInt()).isEqualTo(120);
    assertThat(s.get("sessions").asLong()).isEqualTo(started.get()).isEqualTo(last.get());
    for (JsonNode c : s.get("campaigns")) {
      for (String key : List.of("id", "budget", "spend", "overspend", "cap_violations")) {
        assertThat(c.has(key)).as("campaign has %s", key).isTrue();
      }
      assertThat(c.get("overspend").decimalValue())
          .isEqualByComparingTo(
              c.get("spend")
                  .decimalValue()
                  .subtract(c.get("budget").decimalValue())
                  .max(java.math.BigDecimal.ZERO));
    }
  }

  @Test
  void run_adsAdapterThatIgnoresCaps_auditCountsViolations(@TempDir Path dir) {
    // the simulator audits caps itself: an ads engine that ignores them must be caught
    SimulationConfig config = new SimulationConfig(60, 400, 1, 5L, false, dir);
    World world = World.generate(config);
    List<Arm> arms = new ArrayList<>();
    arms.add(new Arm(new PopularPolicy(world), new GreedyAds(world)));
    SimulationResult r =
        Simulation.run(
            config, world, new ManualTimeSource(World.START_MILLIS), arms, Progress.NONE);
    long violations = 0;
    for (long v : r.capViolations) {
      violations += v;
    }
    assertThat(violations).isPositive();
    long worst = 0;
    for (int c = 0; c < r.campaigns.size(); c++) {
      worst = Math.max(worst, r.maxDailyOverspend(c));
    }
    assertThat(worst).as("an ads engine without budgets overspends").isPositive();
  }

  @Test
  void split_everyUserInOneArm_armsBalanced() {
    int[] arm = Simulation.split(1001, 3, new java.util.SplittableRandom(1));
    int[] count = new int[3];
    for (int a : arm) {
      count[a]++;
    }
    assertThat(count).containsExactly(334, 334, 333);
  }

  /** Shows the first campaign's ad in every slot it can: no caps, no budget. */
  private static final class GreedyAds implements AdsAdapter {
    private final World world;
    private long spend;
    private long opportunities;

    GreedyAds(World world) {
      this.world = world;
    }

    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public ServedAd onOpen(int user, boolean firstOpenToday, long nowMillis) {
      return null;
    }

    @Override
    public void monetize(
        int user,
        int[] organic,
        double[] values,
        int n,
        int shownBefore,
        long nowMillis,
        List<Slot> out) {
      for (int i = 0; i < n; i++) {
        out.add(Slot.of(organic[i]));
        opportunities++;
        out.add(Slot.of(new ServedAd(0, "x", AdFormat.IN_FEED, false, 1_000_000_000L, 1, "h")));
      }
    }

    @Override
    public ServedAd surface(Surface surface, int user, long nowMillis) {
      return null;
    }

    @Override
    public boolean impression(ServedAd ad, int user, int nextToVideo, long nowMillis) {
      spend += ad.priceMicros() / 1000;
      return true;
    }

    @Override
    public void click(ServedAd ad, int user, long nowMillis) {}

    @Override
    public void organicView(int user, int video, long watchMs, boolean repeat, long nowMillis) {}

    @Override
    public long opportunities() {
      return opportunities;
    }

    @Override
    public long filled() {
      return opportunities;
    }

    @Override
    public void done(ServedAd ad, boolean shown, boolean clicked, long nowMillis) {}

    @Override
    public long spendMicros(int campaign) {
      return campaign == 0 ? spend : 0;
    }

    @Override
    public long platformRevenueMicros() {
      return spend;
    }

    @Override
    public long creatorPayoutMicros() {
      return 0;
    }
  }
}
