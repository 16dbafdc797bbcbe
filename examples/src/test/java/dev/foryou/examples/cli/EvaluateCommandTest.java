package dev.foryou.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

  @TempDir Path dir;

  private Path ratings() throws Exception {
    Random r = new Random(5);
    StringBuilder sb = new StringBuilder("user,item,rating,time\n");
    for (int u = 0; u < 120; u++) {
      for (int k = 0; k < 25; k++) {
        int item = (u % 4) * 30 + (int) Math.min(29, Math.abs(r.nextGaussian()) * 10);
        sb.append(u)
            .append(',')
            .append(item)
            .append(',')
            .append(2 + r.nextInt(4))
            .append(',')
            .append(1000 + k)
            .append('\n');
      }
    }
    Path f = dir.resolve("ratings.csv");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void evaluate_smallFile_printsTableAndWritesJsonWithKeysFollowingK() throws Exception {
    Path json = dir.resolve("out.json");
    StringWriter out = new StringWriter();
    CommandLine cli = ForyouCli.commandLine();
    cli.setOut(new PrintWriter(out));
    int code =
        cli.execute(
            "evaluate",
            "--data",
            ratings().toString(),
            "--core",
            "3",
            "--models",
            "pop,ease,foryou",
            "--k",
            "5",
            "--json",
            json.toString());
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString()).contains("ndcg@5").contains("foryou").contains("train s");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("dataset").asText()).isNotEmpty();
    assertThat(root.get("protocol").asText()).isEqualTo("random");
    assertThat(root.get("users").asInt()).isPositive();
    assertThat(root.get("items").asInt()).isPositive();
    assertThat(root.get("interactions").asInt()).isPositive();
    JsonNode results = root.get("results");
    assertThat(results).hasSize(3);
    JsonNode first = results.get(0);
    assertThat(first.get("model").asText()).isEqualTo("pop");
    for (String key :
        new String[] {"ndcg@5", "recall@5", "hit@5", "mrr@5", "coverage@5", "train_seconds"}) {
      assertThat(first.has(key)).as(key).isTrue();
    }
  }

  @Test
  void evaluate_temporalProtocol_runs() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = ForyouCli.commandLine();
    cli.setOut(new PrintWriter(out));
    int code =
        cli.execute(
            "evaluate",
            "--data",
            ratings().toString(),
            "--protocol",
            "temporal",
            "--core",
            "3",
            "--models",
            "pop,itemknn");
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString()).contains("temporal").contains("itemknn");
  }

  @Test
  void evaluate_unknownModel_failsWithUsageError() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cli = ForyouCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("evaluate", "--data", ratings().toString(), "--models", "pop,svd");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("svd");
  }

  @Test
  void evaluate_missingFileOrBadLine_reportsErrorWithoutStackTrace() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cli = ForyouCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("evaluate", "--data", dir.resolve("none.tsv").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("none.tsv").doesNotContain("at dev.foryou");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "1,2,3\n1,x\n");
    StringWriter err2 = new StringWriter();
    CommandLine cli2 = ForyouCli.commandLine();
    cli2.setErr(new PrintWriter(err2));
    assertThat(cli2.execute("evaluate", "--data", bad.toString())).isEqualTo(2);
    assertThat(err2.toString()).contains("line 2");
  }
}
