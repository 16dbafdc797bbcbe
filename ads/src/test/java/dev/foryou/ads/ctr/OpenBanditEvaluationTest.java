package dev.foryou.ads.ctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foryou.ads.model.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluates {@link CtrModel} on the Open Bandit Dataset sample (Saito, Aihara, Matsutani and
 * Narita, "Open Bandit Dataset and Pipeline", 2020; ZOZOTOWN, 4 × 10,000 logged impressions in 3
 * positions). Protocol: each of the four logs (random/bts × men/women) is split by time, the first
 * 70 % trains the model, the last 30 % is scored prequentially (predict, then learn the row), and
 * AUC and log loss over all test rows are compared with a baseline that predicts the training click
 * rate. Hierarchy: creative = item of a log, ad group = (log, item_feature_1, item_feature_3),
 * advertiser = (log, item_feature_3) (features are hashed per log). Position bias θ is estimated on
 * the training part of the uniformly random logs (unbiased by the policy): θ_p = CTR(position p) /
 * CTR(position 1). Results are printed; benchmarks/README.md records them.
 */
class OpenBanditEvaluationTest {
  private static final String[][] LOGS = {
    {"random", "men"}, {"random", "women"}, {"bts", "men"}, {"bts", "women"}
  };

  static Path dataDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path d = p.resolve("shared/data/open-bandit-sample");
      if (Files.isDirectory(d)) {
        return d;
      }
    }
    return null;
  }

  record Row(int creative, int group, int advertiser, Format format, int position, boolean click) {}

  @Test
  void openBandit_timeOrderedSplit_reportsAucAndLogLossAgainstBaseline() throws IOException {
    Path dir = dataDir();
    assumeTrue(dir != null, "shared/data/open-bandit-sample not found above the working directory");
    Map<String, Integer> ids = new HashMap<>();
    List<List<Row>> trains = new ArrayList<>();
    List<List<Row>> tests = new ArrayList<>();
    for (int li = 0; li < LOGS.length; li++) {
      String[] log = LOGS[li];
      // the top level of the hierarchy stands for the log (one bucket per policy × campaign)
      Format bucket = Format.values()[li];
      Path folder = dir.resolve(log[0]).resolve(log[1]);
      Map<String, String[]> items = new HashMap<>();
      List<String> ctx = Files.readAllLines(folder.resolve("item_context.csv"));
      for (String line : ctx.subList(1, ctx.size())) {
        String[] f = line.split(",");
        items.put(f[1], f);
      }
      List<String> lines = Files.readAllLines(folder.resolve(log[1] + ".csv"));
      List<String[]> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        rows.add(line.split(",", 7));
      }
      rows.sort((a, b) -> a[1].compareTo(b[1])); // ISO timestamps sort by time
      List<Row> parsed = new ArrayList<>();
      for (String[] f : rows) {
        String[] item = items.get(f[2]);
        String campaign = log[0] + "/" + log[1]; // item hashes differ per log
        int creative = ids.computeIfAbsent("c/" + campaign + "/" + f[2], k -> ids.size());
        int adv = ids.computeIfAbsent("a/" + campaign + "/" + item[5], k -> ids.size());
        int group =
            ids.computeIfAbsent("g/" + campaign + "/" + item[3] + "/" + item[5], k -> ids.size());
        parsed.add(
            new Row(creative, group, adv, bucket, Integer.parseInt(f[3]) - 1, f[4].equals("1")));
      }
      int cut = (int) (parsed.size() * 0.7);
      trains.add(parsed.subList(0, cut));
      tests.add(parsed.subList(cut, parsed.size()));
    }
    // position bias from the random logs' training parts
    long[] imps = new long[3];
    long[] clicks = new long[3];
    for (int l = 0; l < 2; l++) {
      for (Row r : trains.get(l)) {
        imps[r.position()]++;
        clicks[r.position()] += r.click() ? 1 : 0;
      }
    }
    double[] theta = new double[3];
    for (int p = 0; p < 3; p++) {
      theta[p] = ((double) clicks[p] / imps[p]) / ((double) clicks[0] / imps[0]);
    }
    long trainImps = 0;
    long trainClicks = 0;
    for (List<Row> t : trains) {
      for (Row r : t) {
        trainImps++;
        trainClicks += r.click() ? 1 : 0;
      }
    }
    double globalCtr = (double) trainClicks / trainImps;
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "Open Bandit sample: train %d rows (%d clicks), theta=%s, global CTR %.5f%n",
            trainImps,
            trainClicks,
            Arrays.toString(theta),
            globalCtr));
    double[] baseline = null;
    double[] chosen = null;
    for (double k : new double[] {200, 1000, 5000, 20000}) {
      for (boolean positional : new boolean[] {false, true}) {
        CtrModel m =
            CtrModel.builder()
                .priorMean(globalCtr)
                .priorStrength(k)
                .positionBias(positional ? theta : new double[] {1.0})
                .build();
        for (List<Row> t : trains) {
          for (Row r : t) {
            m.register(r.creative(), r.group(), r.advertiser(), r.format());
            m.recordImpression(r.creative(), r.position(), r.click());
          }
        }
        List<double[]> scored = new ArrayList<>();
        for (List<Row> t : tests) {
          for (Row r : t) {
            m.register(r.creative(), r.group(), r.advertiser(), r.format());
            double p = m.pctr(r.creative(), r.position());
            scored.add(new double[] {p, r.click() ? 1 : 0, globalCtr});
            m.recordImpression(r.creative(), r.position(), r.click());
          }
        }
        double[] model = metrics(scored, 0);
        baseline = metrics(scored, 2);
        report.append(
            String.format(
                Locale.ROOT,
                "  k=%5.0f position-aware=%-5s  AUC %.4f  logloss %.5f%n",
                k,
                positional,
                model[0],
                model[1]));
        if (k == 20000 && positional) {
          chosen = model;
        }
      }
    }
    report.append(
        String.format(
            Locale.ROOT,
            "  baseline global CTR            AUC %.4f  logloss %.5f%n",
            baseline[0],
            baseline[1]));
    System.out.print(report);
    // Honest finding (see benchmarks/README.md): with ~134 training clicks over ~160 items, item
    // identity carries no measurable signal on this sample; strong smoothing keeps the model within
    // 1 % of the global-CTR log loss instead of overfitting the noise.
    assertThat(chosen[1]).as(report + "log loss vs baseline").isLessThan(baseline[1] * 1.01);
    assertThat(chosen[0]).as(report + "AUC is a probability").isBetween(0.0, 1.0);
  }

  @Test
  void metrics_knownRankings_aucAndLogLossAsDefined() {
    List<double[]> perfect = List.of(new double[] {0.9, 1}, new double[] {0.1, 0});
    assertThat(metrics(perfect, 0)[0]).isEqualTo(1.0);
    List<double[]> tied = List.of(new double[] {0.5, 1}, new double[] {0.5, 0});
    assertThat(metrics(tied, 0)[0]).isEqualTo(0.5);
    assertThat(metrics(tied, 0)[1])
        .isCloseTo(Math.log(2), org.assertj.core.api.Assertions.within(1e-12));
  }

  /** Returns {AUC, log loss} of column {@code col} against column 1 (labels). */
  static double[] metrics(List<double[]> rows, int col) {
    int n = rows.size();
    double[][] s = rows.toArray(new double[0][]);
    Arrays.sort(s, (a, b) -> Double.compare(a[col], b[col]));
    double pos = 0;
    double rankSum = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && s[j][col] == s[i][col]) {
        j++;
      }
      double avgRank = (i + 1 + j) / 2.0; // ranks i+1..j
      for (int t = i; t < j; t++) {
        if (s[t][1] == 1) {
          pos++;
          rankSum += avgRank;
        }
      }
      i = j;
    }
    double neg = n - pos;
    double auc = (rankSum - pos * (pos + 1) / 2) / (pos * neg);
    double ll = 0;
    for (double[] r : s) {
      double p = Math.min(Math.max(r[col], 1e-7), 1 - 1e-7);
      ll -= r[1] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    return new double[] {auc, ll / n};
  }
}
