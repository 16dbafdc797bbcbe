package dev.foryou.ranking.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpenBanditLoaderTest {

  private static final String HEADER =
      ",timestamp,item_id,position,click,propensity_score,user_feature_0,user_feature_1\n";

  @Test
  void read_fixture_readsRows() throws IOException {
    ClickLog log =
        OpenBanditLoader.read(
            new StringReader(
                HEADER
                    + "0,2019-11-24 00:03:13+00:00,14,3,0,0.03,aa,bb\n"
                    + "1,2019-11-24 00:03:14+00:00,2,1,1,0.5,cc,bb\n"));
    assertThat(log.size()).isEqualTo(2);
    assertThat(log.item(0)).isEqualTo(14);
    assertThat(log.position(0)).isEqualTo(3);
    assertThat(log.clicked(1)).isTrue();
    assertThat(log.propensity(1)).isEqualTo(0.5);
    assertThat(log.userFeatures()).isEqualTo(2);
    assertThat(log.userFeature(0, 1)).isEqualTo(1);
    assertThat(log.userFeature(1, 1)).isZero();
    assertThat(log.items()).isEqualTo(15);
  }

  @Test
  void read_badRow_reportsLineNumber() {
    assertThatThrownBy(
            () -> OpenBanditLoader.read(new StringReader(HEADER + "0,t,1,1,2,0.5,a,b\n")))
        .hasMessageContaining("line 2")
        .hasMessageContaining("click");
    assertThatThrownBy(
            () ->
                OpenBanditLoader.read(
                    new StringReader(HEADER + "0,t,1,1,0,0.5,a,b\n1,t,x,1,0,0.5,a,b\n")))
        .hasMessageContaining("line 3")
        .hasMessageContaining("item_id");
    assertThatThrownBy(() -> OpenBanditLoader.read(new StringReader("a,b\n")))
        .hasMessageContaining("item_id");
  }

  @Test
  void load_realSample_positionCtrModelBeatsConstantOnLogLoss() throws IOException {
    Path data = EvaluationTest.sharedData();
    assumeTrue(data != null, "shared/data not found");
    Path file = data.resolve("open-bandit-sample/random/men/men.csv");
    assumeTrue(Files.isRegularFile(file), "missing " + file);
    ClickLog log = OpenBanditLoader.load(file);
    assertThat(log.size()).isEqualTo(10_000);
    assertThat(log.items()).isLessThanOrEqualTo(34);
    // train a smoothed per-position CTR on the first 70% (clicks are rare: ~0.5%), score the rest
    int cut = log.size() * 7 / 10;
    double[] clicks = new double[3];
    double[] shows = new double[3];
    double total = 0;
    for (int r = 0; r < cut; r++) {
      int k = log.position(r) - 1;
      shows[k]++;
      if (log.clicked(r)) {
        clicks[k]++;
        total++;
      }
    }
    double base = total / cut;
    int n = log.size() - cut;
    double[] model = new double[n];
    double[] constant = new double[n];
    boolean[] y = new boolean[n];
    for (int r = cut; r < log.size(); r++) {
      int k = log.position(r) - 1;
      model[r - cut] = (clicks[k] + 100 * base) / (shows[k] + 100);
      constant[r - cut] = base;
      y[r - cut] = log.clicked(r);
    }
    double auc = Metrics.auc(model, y);
    assertThat(auc).isBetween(0.0, 1.0);
    assertThat(Metrics.auc(constant, y)).isEqualTo(0.5);
    assertThat(Metrics.logLoss(model, y)).isLessThan(Metrics.logLoss(constant, y));
  }
}
