package dev.foryou.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pre-ranker (cheap features and the linearised value on every candidate, full features and
 * model on the best {@link DefaultFeedEngine#PRE_RANK}) returns the full model's page on almost
 * every request of a trained engine.
 */
class PreRankTest {
  private static final int USERS = 60;
  private static final int PAGE = 20;

  @Test
  void feed_preRanked_matchesFullModelPage() {
    long seed = 20261201L;
    World w = new World(seed, 6000, USERS, 12, 16);
    DefaultFeedEngine engine = (DefaultFeedEngine) w.engine().seed(seed).build();
    // train: a few rounds of reactions to the engine's own pages
    for (int round = 0; round < 6; round++) {
      for (int u = 0; u < USERS; u++) {
        w.react(engine, u, engine.feed(u, PAGE, FeedContext.firstPage()));
      }
      w.time.advance(60_000);
    }
    engine.flushLearning();
    engine.audit(true);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 400; i++) {
      engine.feed(r.nextInt(USERS + 10), PAGE, FeedContext.firstPage()); // some unknown users
    }
    long[] a = engine.audits();
    double samePages = a[1] / (double) a[0];
    double sameItems = a[2] / (double) (a[0] * PAGE);
    System.out.printf(
        "pre-rank (seed %d): %d pages, identical %.3f, items also on the full page %.4f%n",
        seed, a[0], samePages, sameItems);
    assertThat(a[0]).isEqualTo(400);
    assertThat(samePages).as("seed %d: identical pages %.3f", seed, samePages).isGreaterThan(0.9);
    assertThat(sameItems).as("seed %d: shared items %.4f", seed, sameItems).isGreaterThan(0.98);
  }
}
