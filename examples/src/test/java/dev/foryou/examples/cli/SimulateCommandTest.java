package dev.foryou.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cli = ForyouCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void simulate_smallRun_writesReportAndSummary(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        run(
            out,
            err,
            "simulate",
            "--users",
            "90",
            "--videos",
            "400",
            "--days",
            "1",
            "--seed",
            "5",
            "--out",
            dir.toString(),
            "--quiet");
    assertThat(code).as(err.toString()).isZero();
    assertThat(dir.resolve("report.html")).exists();
    assertThat(dir.resolve("summary.json")).exists();
    assertThat(out.toString()).contains("watch s/session:");
  }

  @Test
  void simulate_badOption_exitsWithUsageError(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "simulate", "--users", "5", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("users must be in");
    assertThat(run(out, err, "simulate", "--days", "many")).isEqualTo(2);
  }
}
