package dev.foryou.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuctionCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    CommandLine cl = ForyouCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  Run runJson(String json) throws Exception {
    Path f = dir.resolve("a.json");
    Files.writeString(f, json);
    return run("auction", "--input", f.toString());
  }

  @Test
  void auction_issueExample_printsWinnersAndLosers() throws Exception {
    Run r =
        runJson(
            """
            {"mechanism":"gsp", "increment":0.01, "reserve_cpm":0.0,
             "slots":[{"id":"s1","ctr_factor":1.0},{"id":"s2","ctr_factor":0.5}],
             "bids":[{"ad":"A","type":"CPC","bid":2.0,"pctr":0.006},
                     {"ad":"B","type":"CPM","bid":8.0},
                     {"ad":"C","type":"CPM","bid":3.5}]}
            """);
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode out = new ObjectMapper().readTree(r.out());
    // A: eCPM 12, pays 8/(1000*0.006) + 0.01 = 1.3433 per click; B pays 3.5 + 0.01 per mille
    assertThat(out.toString())
        .isEqualTo(
            "{\"winners\":[{\"slot\":\"s1\",\"ad\":\"A\",\"type\":\"CPC\",\"price\":1.3433,\"ecpm\":12},"
                + "{\"slot\":\"s2\",\"ad\":\"B\",\"type\":\"CPM\",\"price\":3.51,\"ecpm\":8}],"
                + "\"losers\":[\"C\"]}");
  }

  @Test
  void auction_vcgFromStdin_pricesExternality() throws Exception {
    InputStream old = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream(
              """
              {"mechanism":"vcg","slots":[{"id":"top","ctr_factor":1.0},{"id":"second","ctr_factor":0.5}],
               "bids":[{"ad":"a1","type":"CPC","bid":10,"pctr":0.01},
                       {"ad":"a2","type":"CPC","bid":4,"pctr":0.01},
                       {"ad":"a3","type":"CPC","bid":2,"pctr":0.01}]}
              """
                  .getBytes(StandardCharsets.UTF_8)));
      Run r = run("auction", "--input", "-");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode w = new ObjectMapper().readTree(r.out()).get("winners");
      assertThat(w.get(0).get("price").decimalValue()).isEqualByComparingTo("3");
      assertThat(w.get(1).get("price").decimalValue()).isEqualByComparingTo("2");
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void auction_belowReserveAndFewBids_fillWhatItCan() throws Exception {
    Run r =
        runJson(
            """
            {"reserve_cpm":5, "slots":[{"id":"s1"},{"id":"s2"},{"id":"s3"}],
             "bids":[{"ad":"B","type":"CPM","bid":8.0},{"ad":"L","type":"CPM","bid":4.99}]}
            """);
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode out = new ObjectMapper().readTree(r.out());
    assertThat(out.get("winners")).hasSize(1);
    assertThat(out.get("winners").get(0).get("price").decimalValue()).isEqualByComparingTo("5");
    assertThat(out.get("losers").toString()).isEqualTo("[\"L\"]");
  }

  @Test
  void auction_badInput_messageOnStderrAndNonZeroExit() throws Exception {
    String[][] cases = {
      {"{\"slots\":[{\"id\":\"s\"}],\"bids\":[{\"ad\":\"A\",\"type\":\"CPM\",\"bid\":-1}]}", "-1"},
      {"{\"slots\":[{\"id\":\"s\"}],\"bids\":[{\"ad\":\"A\",\"type\":\"CPC\",\"bid\":1}]}", "pctr"},
      {
        "{\"slots\":[{\"id\":\"s\"}],\"bids\":[{\"ad\":\"A\",\"type\":\"CPC\",\"bid\":1,\"pctr\":1.5}]}",
        "1.5"
      },
      {
        "{\"slots\":[{\"id\":\"s\"}],\"bids\":[{\"ad\":\"A\",\"type\":\"CPM\",\"bid\":1},"
            + "{\"ad\":\"A\",\"type\":\"CPM\",\"bid\":2}]}",
        "duplicate ad id: A"
      },
      {"{\"slots\":[],\"bids\":[]}", "slots"},
      {
        "{\"slots\":[{\"id\":\"s\"}],\"bids\":[{\"ad\":\"A\",\"type\":\"CPM\",\"bid\":NaN}]}",
        "JSON"
      },
      {"{\"slots\":[{\"id\":\"s\"}],\"bids\":[{\"ad\":\"A\",\"type\":\"CPA\",\"bid\":1}]}", "CPA"},
      {"{\"mechanism\":\"first\",\"slots\":[{\"id\":\"s\"}],\"bids\":[]}", "first"},
      {"{\"slots\":[{\"id\":\"s\"}],\"bids\":[],\"extra\":1}", "extra"},
      {"not json", "JSON"},
    };
    for (String[] c : cases) {
      Run r = runJson(c[0]);
      assertThat(r.code()).as(c[0]).isNotZero();
      assertThat(r.err()).as(c[0]).startsWith("error: ").contains(c[1]).doesNotContain("\tat ");
      assertThat(r.out()).as(c[0]).isEmpty();
    }
    Run missing = run("auction", "--input", dir.resolve("nope.json").toString());
    assertThat(missing.code()).isNotZero();
    assertThat(missing.err()).contains("no such file");
  }
}
