package dev.foryou.ranking.eval;

import java.util.List;

/** Most-popular baseline: every user gets items by training count. */
final class Popularity implements Algorithm<String> {

  @Override
  public String name() {
    return "pop";
  }

  @Override
  public List<String> grid() {
    return List.of("count");
  }

  @Override
  public Recommender fit(UserItems train, String config) {
    int[] counts = train.itemCounts();
    float[] scores = new float[counts.length];
    for (int i = 0; i < counts.length; i++) {
      scores[i] = counts[i];
    }
    return (user, out) -> System.arraycopy(scores, 0, out, 0, scores.length);
  }
}
