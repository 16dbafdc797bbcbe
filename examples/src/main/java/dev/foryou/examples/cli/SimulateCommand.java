package dev.foryou.examples.cli;

import dev.foryou.examples.sim.Progress;
import dev.foryou.examples.sim.Simulation;
import dev.foryou.examples.sim.SimulationConfig;
import dev.foryou.examples.sim.SimulationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code foryou simulate}: runs the feed simulator and writes {@code report.html} and {@code
 * summary.json}.
 *
 * <p>Not thread-safe; one instance runs once.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates users scrolling a For You feed: the engine against popularity and random feeds"
          + " on an A/B split of the same synthetic users, with ads, budgets and creator payouts.",
      "Writes OUT/report.html (charts) and OUT/summary.json. The same seed gives the same numbers."
    })
public final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--users",
      description = "simulated users (default: ${DEFAULT-VALUE})",
      defaultValue = "" + SimulationConfig.DEFAULT_USERS)
  int users;

  @Option(
      names = "--videos",
      description = "videos (default: ${DEFAULT-VALUE})",
      defaultValue = "" + SimulationConfig.DEFAULT_VIDEOS)
  int videos;

  @Option(
      names = "--days",
      description = "simulated days (default: ${DEFAULT-VALUE})",
      defaultValue = "" + SimulationConfig.DEFAULT_DAYS)
  int days;

  @Option(
      names = "--seed",
      description = "random seed (default: ${DEFAULT-VALUE})",
      defaultValue = "" + SimulationConfig.DEFAULT_SEED)
  long seed;

  @Option(names = "--ads-off", description = "run without ads")
  boolean adsOff;

  @Option(
      names = "--out",
      description = "output directory (default: ${DEFAULT-VALUE})",
      defaultValue = "target/simulation")
  Path out;

  @Option(names = "--quiet", description = "no progress bar and no table")
  boolean quiet;

  /** Kept so the level sticks (java.util.logging holds loggers weakly). */
  private static final Logger LUCENE_VECTOR_LOG =
      Logger.getLogger("org.apache.lucene.internal.vectorization");

  /** Creates the command; picocli fills its fields. */
  public SimulateCommand() {}

  /** Keeps the terminal clean: no Lucene vector banner. */
  static void quietLibraries() {
    LUCENE_VECTOR_LOG.setLevel(Level.WARNING);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    SimulationConfig config;
    try {
      config = new SimulationConfig(users, videos, days, seed, adsOff, out);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("simulate: " + e.getMessage());
      return 2;
    }
    quietLibraries();
    long t0 = System.nanoTime();
    SimulationResult result = Simulation.run(config, quiet ? Progress.NONE : new Bar());
    Path report = result.write();
    double secs = (System.nanoTime() - t0) / 1e9;
    if (!quiet) {
      w.println(result.table());
    }
    w.println(headline(result));
    w.printf(
        Locale.ROOT,
        "report: %s%nsummary: %s%n(%.1f s)%n",
        report.toAbsolutePath(),
        config.out().resolve("summary.json").toAbsolutePath(),
        secs);
    w.flush();
    return 0;
  }

  private static String headline(SimulationResult r) {
    var s = r.summary();
    StringBuilder sb = new StringBuilder("watch s/session:");
    s.get("watch_seconds_per_session")
        .properties()
        .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue()));
    if (s.get("ads").asBoolean()) {
      long violations = 0;
      double worst = 0;
      for (var c : s.get("campaigns")) {
        violations += c.get("cap_violations").asLong();
        worst = Math.max(worst, c.get("overspend").asDouble());
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "%nads: impressions=%d clicks=%d ctr=%.4f fill_rate=%.4f revenue=%s"
                  + " creator_payouts=%s max_overspend=%s cap_violations=%d",
              s.get("ad_impressions").asLong(),
              s.get("ad_clicks").asLong(),
              s.get("ad_ctr").asDouble(),
              s.get("fill_rate").asDouble(),
              s.get("ad_revenue").asText(),
              s.get("creator_payouts").asText(),
              worst,
              violations));
    }
    return sb.toString();
  }

  /** A terminal progress bar over sessions. */
  private static final class Bar implements Progress {
    private ProgressBar bar;

    @Override
    public void start(long totalSessions) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("simulate")
              .setInitialMax(totalSessions)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(250)
              .setUnit(" sessions", 1)
              // a fixed width: no terminal probing (which would load a native library)
              .setConsumer(new ConsoleProgressBarConsumer(System.err, 100))
              .build();
    }

    @Override
    public void advanced(long doneSessions, int day) {
      bar.stepTo(doneSessions);
      bar.setExtraMessage("day " + (day + 1));
    }

    @Override
    public void done() {
      bar.close();
    }
  }
}
