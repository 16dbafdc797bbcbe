package dev.foryou.examples.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foryou.ads.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a simulation measured: per-arm, per-day counters, and per campaign the spend (from the ads
 * engine's ledger), its hourly path, the simulator's own audit of frequency caps and daily budgets,
 * and the charges the simulator expects from the clearing prices it was told.
 *
 * <p>Immutable after construction; not meant to be shared across threads while written.
 */
public final class SimulationResult {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  final SimulationConfig config;
  final List<String> arms;
  final DayStats[][] stats; // [arm][day]
  final List<CampaignSpec> campaigns;
  final long[] spend;
  final long[][] spendByHour;
  final long[] capViolations;
  final long[] impressions;
  final long[] clicks;
  final long[] expectedCharges;

  SimulationResult(
      SimulationConfig config,
      List<String> arms,
      DayStats[][] stats,
      List<CampaignSpec> campaigns,
      long[] spend,
      long[][] spendByHour,
      long[] capViolations,
      long[] impressions,
      long[] clicks,
      long[] expectedCharges) {
    this.config = config;
    this.arms = List.copyOf(arms);
    this.stats = stats;
    this.campaigns = campaigns;
    this.spend = spend;
    this.spendByHour = spendByHour;
    this.capViolations = capViolations;
    this.impressions = impressions;
    this.clicks = clicks;
    this.expectedCharges = expectedCharges;
  }

  /**
   * Returns one arm's counters over the whole run.
   *
   * @param arm the arm's name
   * @return totals
   * @throws IllegalArgumentException if there is no such arm
   */
  DayStats total(String arm) {
    int a = arms.indexOf(arm);
    if (a < 0) {
      throw new IllegalArgumentException("no arm named " + arm + " in " + arms);
    }
    DayStats t = new DayStats();
    for (DayStats d : stats[a]) {
      t.add(d);
    }
    return t;
  }

  /**
   * Returns watch seconds per session of an arm over the whole run.
   *
   * @param arm the arm's name
   * @return seconds per session
   */
  public double watchSecondsPerSession(String arm) {
    return total(arm).watchSecondsPerSession();
  }

  /**
   * The spend of a campaign on a calendar day (UTC), from the hourly samples of the ledger's
   * running total taken at the end of each hour. (Sessions that run past the last midnight spend on
   * the day after; that counts in the totals, not here.)
   */
  long daySpend(int campaign, int day) {
    long[] path = spendByHour[campaign];
    return path[(day + 1) * 24] - path[day * 24];
  }

  /** The largest amount by which a campaign's spend on one day exceeded its daily budget. */
  long maxDailyOverspend(int campaign) {
    long worst = 0;
    for (int d = 0; d < config.days(); d++) {
      worst = Math.max(worst, daySpend(campaign, d) - campaigns.get(campaign).dailyBudgetMicros());
    }
    return worst;
  }

  /**
   * Builds the JSON summary.
   *
   * @return the summary tree
   */
  public ObjectNode summary() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("seed", config.seed());
    root.put("days", config.days());
    root.put("users", config.users());
    root.put("videos", config.videos());
    root.put("ads", !campaigns.isEmpty());
    long sessions = 0;
    for (String a : arms) {
      sessions += total(a).sessions;
    }
    root.put("sessions", sessions);
    ArrayNode armList = root.putArray("arms");
    arms.forEach(armList::add);
    ObjectNode watch = root.putObject("watch_seconds_per_session");
    ObjectNode sessionsByArm = root.putObject("sessions_by_arm");
    ObjectNode engagement = root.putObject("engagement");
    for (String a : arms) {
      DayStats t = total(a);
      watch.put(a, round(t.watchSecondsPerSession()));
      sessionsByArm.put(a, t.sessions);
      ObjectNode e = engagement.putObject(a);
      e.put("impressions", t.organicImpressions);
      e.put("like_rate", round(t.rate(t.likes)));
      e.put("share_rate", round(t.rate(t.shares)));
      e.put("comment_rate", round(t.rate(t.comments)));
      e.put("follow_rate", round(t.rate(t.follows)));
      e.put("skip_rate", round(t.rate(t.skips)));
      e.put("complete_rate", round(t.rate(t.completes)));
      e.put("not_interested_rate", round(t.rate(t.notInterested)));
      e.put("gift_coins", t.giftCoins);
    }
    String engine = arms.get(0);
    DayStats en = total(engine);
    root.put("engine_arm", engine);
    root.put("like_rate", round(en.rate(en.likes)));
    DayStats all = new DayStats();
    for (String a : arms) {
      all.add(total(a));
    }
    root.put("ad_impressions", all.adImpressions);
    root.put("ad_clicks", all.adClicks);
    root.put("ad_ctr", round(all.ctr()));
    root.put("ad_revenue", units(all.revenueMicros));
    root.put("advertiser_spend", units(all.spendMicros));
    root.put("fill_rate", round(all.fillRate()));
    root.put("ad_opportunities", all.adOpportunities);
    root.put("creator_payouts", units(all.creatorPayoutMicros));
    ArrayNode cs = root.putArray("campaigns");
    for (int c = 0; c < campaigns.size(); c++) {
      CampaignSpec spec = campaigns.get(c);
      long budget = spec.dailyBudgetMicros() * config.days();
      ObjectNode o = cs.addObject();
      o.put("id", spec.id());
      o.put("advertiser", spec.advertiserId());
      o.put("format", spec.format().name());
      o.put("bid_type", spec.cpc() ? "CPC" : "CPM");
      o.put("bid", units(spec.bidMicros()));
      o.put("daily_budget", units(spec.dailyBudgetMicros()));
      o.put("budget", units(budget));
      o.put("spend", units(spend[c]));
      o.put("overspend", units(Math.max(0, spend[c] - budget)));
      o.put("max_daily_overspend", units(Math.max(0, maxDailyOverspend(c))));
      o.put("expected_charges", units(expectedCharges[c]));
      o.put("impressions", impressions[c]);
      o.put("clicks", clicks[c]);
      o.put("cap_per_day", spec.capPerDay());
      o.put("cap_violations", capViolations[c]);
    }
    ArrayNode perDay = root.putArray("per_day");
    for (int d = 0; d < config.days(); d++) {
      for (int a = 0; a < arms.size(); a++) {
        DayStats s = stats[a][d];
        ObjectNode o = perDay.addObject();
        o.put("day", d + 1);
        o.put("arm", arms.get(a));
        o.put("sessions", s.sessions);
        o.put("watch_seconds_per_session", round(s.watchSecondsPerSession()));
        o.put("like_rate", round(s.rate(s.likes)));
        o.put("skip_rate", round(s.rate(s.skips)));
        o.put("ad_impressions", s.adImpressions);
        o.put("ad_clicks", s.adClicks);
        o.put("ad_ctr", round(s.ctr()));
        o.put("fill_rate", round(s.fillRate()));
        o.put("ad_revenue", units(s.revenueMicros));
        o.put("creator_payouts", units(s.creatorPayoutMicros));
      }
    }
    return root;
  }

  /**
   * The per-day table for the terminal.
   *
   * @return the table, one line per day and arm
   */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-4s %-8s %8s %10s %7s %7s %8s %7s %6s %10s %10s%n",
            "day",
            "arm",
            "sessions",
            "watch s/s",
            "like%",
            "skip%",
            "ad imps",
            "CTR%",
            "fill%",
            "revenue",
            "creators"));
    for (int d = 0; d < config.days(); d++) {
      for (int a = 0; a < arms.size(); a++) {
        DayStats s = stats[a][d];
        sb.append(
            String.format(
                Locale.ROOT,
                "%-4d %-8s %8d %10.1f %7.2f %7.2f %8d %7.2f %6.1f %10s %10s%n",
                d + 1,
                arms.get(a),
                s.sessions,
                s.watchSecondsPerSession(),
                100 * s.rate(s.likes),
                100 * s.rate(s.skips),
                s.adImpressions,
                100 * s.ctr(),
                100 * s.fillRate(),
                money(s.revenueMicros),
                money(s.creatorPayoutMicros)));
      }
    }
    return sb.toString();
  }

  /**
   * Writes {@code summary.json} and {@code report.html} (with charts) to the configured directory.
   *
   * @return the report's path
   * @throws IOException if writing fails
   */
  public Path write() throws IOException {
    Path dir = config.out();
    Files.createDirectories(dir);
    JSON.writeValue(dir.resolve("summary.json").toFile(), summary());
    Path html = dir.resolve("report.html");
    Files.writeString(html, Report.html(this));
    return html;
  }

  static BigDecimal units(long micros) {
    BigDecimal u = Money.toUnits(micros).stripTrailingZeros();
    return u.scale() < 0 ? u.setScale(0, RoundingMode.UNNECESSARY) : u;
  }

  static String money(long micros) {
    return Money.toUnits(micros).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  static double round(double x) {
    return Math.round(x * 10_000) / 10_000.0;
  }
}
