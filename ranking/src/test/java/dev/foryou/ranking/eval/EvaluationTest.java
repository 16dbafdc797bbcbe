package dev.foryou.ranking.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  /** 300 users in 6 taste clusters of 40 items each; users mostly pick from their cluster. */
  static Split plantedSplit(long seed) {
    Random r = new Random(seed);
    int users = 300;
    int items = 240;
    int[][] rows = new int[users][];
    for (int u = 0; u < users; u++) {
      int cluster = u % 6;
      java.util.Set<Integer> s = new java.util.TreeSet<>();
      while (s.size() < 20) {
        s.add(
            r.nextDouble() < 0.85
                ? cluster * 40 + (int) Math.min(39, Math.abs(r.nextGaussian()) * 14)
                : r.nextInt(items));
      }
      rows[u] = s.stream().mapToInt(Integer::intValue).toArray();
    }
    StringBuilder sb = new StringBuilder();
    for (int u = 0; u < users; u++) {
      for (int i : rows[u]) {
        sb.append(u).append(',').append(i).append(",5\n");
      }
    }
    try {
      RatingData d =
          RatingLoader.read(
              new java.io.StringReader(sb.toString()), "planted", RatingLoader.Format.CSV);
      return Protocols.random(Protocols.filter(d, 3, 2), seed);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void run_plantedClusters_personalizedModelsBeatPopularity() {
    Split split = plantedSplit(11);
    List<String> lines = new ArrayList<>();
    List<ModelResult> rs =
        Evaluation.run(split, List.of("pop", "ease", "ials", "itemknn"), 10, 2, 3L, lines::add);
    assertThat(lines).hasSize(4);
    double pop = rs.get(0).test().ndcg();
    for (ModelResult r : rs.subList(1, rs.size())) {
      assertThat(r.test().ndcg()).as(r.model()).isGreaterThan(pop * 1.3);
      assertThat(r.test().users()).isPositive();
    }
  }

  @Test
  void run_unknownModelOrBadK_throwsNamingIt() {
    Split split = plantedSplit(1);
    assertThatThrownBy(() -> Evaluation.run(split, List.of("svd"), 10, 1, 1L, s -> {}))
        .hasMessageContaining("svd");
    assertThatThrownBy(() -> Evaluation.run(split, List.of("pop"), 0, 1, 1L, s -> {}))
        .hasMessageContaining("0");
  }

  /** Walks up from the working directory to find {@code shared/data}; null if absent. */
  static Path sharedData() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path d = p.resolve("shared").resolve("data");
      if (Files.isDirectory(d)) {
        return d;
      }
      p = p.getParent();
    }
    return null;
  }

  @Test
  void run_movieLens100k_foryouBeatsPopularityClearly() throws IOException {
    Path data = sharedData();
    assumeTrue(data != null, "shared/data not found above " + Path.of("").toAbsolutePath());
    Path file = data.resolve("movielens-100k").resolve("ratings.tsv");
    assumeTrue(Files.isRegularFile(file), "missing " + file);
    RatingData ratings = RatingLoader.load(file, RatingLoader.Format.AUTO);
    assertThat(ratings.size()).isEqualTo(100_000);
    Interactions in = Protocols.filter(ratings, Protocols.ratingThreshold(null, ratings), 10);
    Split split = Protocols.random(in, 42);
    List<ModelResult> rs =
        Evaluation.run(split, List.of("pop", "foryou"), 10, 2, 42L, s -> {}, true);
    double pop = rs.get(0).test().ndcg();
    double foryou = rs.get(1).test().ndcg();
    assertThat(pop).isBetween(0.08, 0.2);
    assertThat(foryou).as("foryou %.4f vs pop %.4f", foryou, pop).isGreaterThan(pop * 1.8);
  }
}
