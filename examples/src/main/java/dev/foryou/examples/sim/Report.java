package dev.foryou.examples.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders a {@link SimulationResult} as a self-contained HTML page: headline numbers, the per-day
 * table, and charts drawn by XChart to PNG and embedded as base64 data URLs.
 *
 * <p>Stateless and thread-safe (rendering runs headless).
 */
final class Report {
  private static final int W = 820;
  private static final int H = 380;

  private Report() {}

  static String html(SimulationResult r) {
    System.setProperty("java.awt.headless", "true");
    StringBuilder sb = new StringBuilder(1 << 20);
    sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>foryou simulation</title>")
        .append("<style>body{font-family:sans-serif;max-width:900px;margin:2em auto;color:#222}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;")
        .append("padding:3px 7px;text-align:right}th{background:#f3f3f3}img{margin:8px 0}")
        .append("</style></head><body>");
    sb.append("<h1>foryou feed simulation</h1><p>")
        .append(
            esc(
                String.format(
                    Locale.ROOT,
                    "seed %d, %d users (A/B split across %s), %d videos, %d days, ads %s.",
                    r.config.seed(),
                    r.config.users(),
                    String.join(" / ", r.arms),
                    r.config.videos(),
                    r.config.days(),
                    r.campaigns.isEmpty() ? "off" : "on")))
        .append("</p>");
    headline(r, sb);
    sb.append("<h2>Watch time per session</h2>").append(img(watchChart(r)));
    sb.append("<h2>Engagement</h2>").append(img(engagementChart(r)));
    if (!r.campaigns.isEmpty()) {
      sb.append("<h2>Ad revenue and creator payouts</h2>").append(img(moneyChart(r)));
      sb.append("<h2>Fill rate and CTR</h2>").append(img(adRatesChart(r)));
      sb.append("<h2>Spend vs budget over the last day</h2>")
          .append("<p>Cumulative spend as a share of the daily budget, hour by hour, for the")
          .append(" campaigns that spent most that day; the dashed line is the day's traffic")
          .append(
              " curve (what EVEN pacing follows; ASAP campaigns spend as fast as they win).</p>")
          .append(img(pacingChart(r)));
      campaignTable(r, sb);
    } else {
      sb.append("<h2>Creator payouts</h2><p>Ads are off: creators earn only creator-fund")
          .append(" payouts, which the ads engine computes; none are booked in this run.</p>");
    }
    sb.append("<h2>Per day</h2><pre>").append(esc(r.table())).append("</pre>");
    sb.append("</body></html>\n");
    return sb.toString();
  }

  private static void headline(SimulationResult r, StringBuilder sb) {
    sb.append("<table><tr><th>arm</th><th>sessions</th><th>watch s / session</th>")
        .append("<th>like rate</th><th>skip rate</th><th>follow rate</th></tr>");
    for (String a : r.arms) {
      DayStats t = r.total(a);
      sb.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%d</td><td>%.1f</td><td>%.2f%%</td><td>%.2f%%</td>"
                  + "<td>%.3f%%</td></tr>",
              esc(a),
              t.sessions,
              t.watchSecondsPerSession(),
              100 * t.rate(t.likes),
              100 * t.rate(t.skips),
              100 * t.rate(t.follows)));
    }
    sb.append("</table>");
    if (!r.campaigns.isEmpty()) {
      DayStats all = new DayStats();
      for (String a : r.arms) {
        all.add(r.total(a));
      }
      long violations = 0;
      long worstOver = 0;
      for (int c = 0; c < r.campaigns.size(); c++) {
        violations += r.capViolations[c];
        worstOver = Math.max(worstOver, r.maxDailyOverspend(c));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<p>Ads: %d impressions, %d clicks (CTR %.2f%%), fill rate %.1f%%, advertiser spend"
                  + " %s, platform revenue %s, creator payouts %s; worst daily overspend %s;"
                  + " frequency-cap violations %d.</p>",
              all.adImpressions,
              all.adClicks,
              100 * all.ctr(),
              100 * all.fillRate(),
              SimulationResult.money(all.spendMicros),
              SimulationResult.money(all.revenueMicros),
              SimulationResult.money(all.creatorPayoutMicros),
              SimulationResult.money(Math.max(0, worstOver)),
              violations));
    }
  }

  private static void campaignTable(SimulationResult r, StringBuilder sb) {
    sb.append("<h2>Campaigns</h2><table><tr><th>id</th><th>format</th><th>bid</th>")
        .append("<th>daily budget</th><th>spend</th><th>impr.</th><th>clicks</th>")
        .append("<th>cap/day</th><th>cap violations</th></tr>");
    for (int c = 0; c < r.campaigns.size(); c++) {
      CampaignSpec s = r.campaigns.get(c);
      sb.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%s</td><td>%s %s</td><td>%s</td><td>%s</td><td>%d</td>"
                  + "<td>%d</td><td>%d</td><td>%d</td></tr>",
              esc(s.id()),
              s.format(),
              SimulationResult.money(s.bidMicros()),
              s.cpc() ? "CPC" : "CPM",
              SimulationResult.money(s.dailyBudgetMicros()),
              SimulationResult.money(r.spend[c]),
              r.impressions[c],
              r.clicks[c],
              s.capPerDay(),
              r.capViolations[c]));
    }
    sb.append("</table>");
  }

  private static double[] days(SimulationResult r) {
    double[] x = new double[r.config.days()];
    for (int d = 0; d < x.length; d++) {
      x[d] = d + 1;
    }
    return x;
  }

  private static XYChart watchChart(SimulationResult r) {
    XYChart c =
        new XYChartBuilder()
            .width(W)
            .height(H)
            .title("Watch time per session by day")
            .xAxisTitle("day")
            .yAxisTitle("seconds")
            .build();
    style(c);
    for (int a = 0; a < r.arms.size(); a++) {
      double[] y = new double[r.config.days()];
      for (int d = 0; d < y.length; d++) {
        y[d] = r.stats[a][d].watchSecondsPerSession();
      }
      c.addSeries(r.arms.get(a), days(r), y);
    }
    return c;
  }

  private static CategoryChart engagementChart(SimulationResult r) {
    CategoryChart c =
        new CategoryChartBuilder()
            .width(W)
            .height(H)
            .title("Engagement per organic impression (%)")
            .yAxisTitle("%")
            .build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    List<String> kinds = List.of("like", "complete", "skip", "share x10", "follow x10");
    for (String a : r.arms) {
      DayStats t = r.total(a);
      c.addSeries(
          a,
          kinds,
          List.of(
              100 * t.rate(t.likes),
              100 * t.rate(t.completes),
              100 * t.rate(t.skips),
              1000 * t.rate(t.shares),
              1000 * t.rate(t.follows)));
    }
    return c;
  }

  private static CategoryChart moneyChart(SimulationResult r) {
    CategoryChart c =
        new CategoryChartBuilder()
            .width(W)
            .height(H)
            .title("Platform ad revenue and creator payouts by day")
            .xAxisTitle("day")
            .yAxisTitle("currency units")
            .build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    List<Integer> x = new ArrayList<>();
    List<Double> revenue = new ArrayList<>();
    List<Double> creators = new ArrayList<>();
    for (int d = 0; d < r.config.days(); d++) {
      x.add(d + 1);
      long rev = 0;
      long cr = 0;
      for (int a = 0; a < r.arms.size(); a++) {
        rev += r.stats[a][d].revenueMicros;
        cr += r.stats[a][d].creatorPayoutMicros;
      }
      revenue.add(rev / 1e6);
      creators.add(cr / 1e6);
    }
    c.addSeries("platform revenue", x, revenue);
    c.addSeries("creator payouts", x, creators);
    return c;
  }

  private static XYChart adRatesChart(SimulationResult r) {
    XYChart c =
        new XYChartBuilder()
            .width(W)
            .height(H)
            .title("Ad fill rate and CTR by day (%)")
            .xAxisTitle("day")
            .yAxisTitle("%")
            .build();
    style(c);
    double[] fill = new double[r.config.days()];
    double[] ctr = new double[r.config.days()];
    for (int d = 0; d < fill.length; d++) {
      DayStats t = new DayStats();
      for (int a = 0; a < r.arms.size(); a++) {
        t.add(r.stats[a][d]);
      }
      fill[d] = 100 * t.fillRate();
      ctr[d] = 100 * t.ctr();
    }
    c.addSeries("fill rate", days(r), fill);
    c.addSeries("CTR x10", days(r), scale(ctr, 10));
    return c;
  }

  private static XYChart pacingChart(SimulationResult r) {
    XYChart c =
        new XYChartBuilder()
            .width(W)
            .height(H + 80)
            .title("Spend / daily budget, last day")
            .xAxisTitle("hour (UTC)")
            .yAxisTitle("share of daily budget")
            .build();
    style(c);
    int day = r.config.days() - 1;
    double[] hours = new double[25];
    for (int h = 0; h <= 24; h++) {
      hours[h] = h;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < r.campaigns.size(); i++) {
      if (r.impressions[i] > 0) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingLong((Integer i) -> -r.daySpend(i, day)).thenComparing(i -> i));
    for (int i : order.subList(0, Math.min(8, order.size()))) {
      double budget = r.campaigns.get(i).dailyBudgetMicros();
      long[] path = r.spendByHour[i];
      double[] y = new double[25];
      for (int h = 0; h <= 24; h++) {
        long at = path[day * 24 + h];
        y[h] = (at - path[day * 24]) / budget;
      }
      CampaignSpec s = r.campaigns.get(i);
      c.addSeries(s.id() + " " + s.format().name().toLowerCase(Locale.ROOT), hours, y);
    }
    double[] plan = new double[25];
    for (int h = 1; h <= 24; h++) {
      plan[h] = plan[h - 1] + Behaviour.DIURNAL[h - 1] / Behaviour.DIURNAL_SUM;
    }
    XYSeries p = c.addSeries("traffic plan", hours, plan);
    p.setLineStyle(new java.awt.BasicStroke(2f, 0, 0, 10f, new float[] {6f, 4f}, 0f));
    p.setMarker(SeriesMarkers.NONE);
    return c;
  }

  private static void style(XYChart c) {
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    c.getStyler().setMarkerSize(5);
  }

  private static double[] scale(double[] a, double k) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * k;
    }
    return out;
  }

  private static String img(Chart<?, ?> chart) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return "<div><img alt=\""
          + esc(chart.getTitle())
          + "\" src=\"data:image/png;base64,"
          + Base64.getEncoder().encodeToString(png)
          + "\"></div>";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
