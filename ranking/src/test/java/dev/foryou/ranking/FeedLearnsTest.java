package dev.foryou.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foryou.core.signal.VideoCounter;
import it.unimi.dsi.fastutil.ints.IntArrays;
import org.junit.jupiter.api.Test;

/**
 * The feed learns: users with hidden topic tastes scroll through the engine's feed and react
 * according to their tastes; afterwards the engine's pages hit their liked topics far more often
 * than a popularity feed built from the same signals.
 */
class FeedLearnsTest {
  private static final int USERS = 40;
  private static final int PAGE = 10;

  @Test
  void feed_afterSimulatedInteractions_beatsPopularityOnLikedTopics() {
    long seed = 20261122L;
    World w = new World(seed, 3000, USERS, 10, 16);
    FeedEngine engine = w.engine().build();
    double firstRound = 0;
    for (int round = 0; round < 12; round++) {
      int hits = 0;
      int shown = 0;
      for (int u = 0; u < USERS; u++) {
        FeedPage p = engine.feed(u, PAGE, FeedContext.firstPage());
        for (FeedItem it : p.items()) {
          hits += w.liked(u, it.video()) ? 1 : 0;
          shown++;
        }
        w.react(engine, u, p);
      }
      if (round == 0) {
        firstRound = hits / (double) shown;
      }
      w.time.advance(60_000);
    }
    engine.flushLearning();

    // evaluation: one more page per user (not recorded) versus the popularity feed
    double ours = 0;
    double popular = 0;
    int bound = w.catalog.indexBound();
    int[] byPopularity = new int[bound];
    double[] pop = new double[bound];
    for (int v = 0; v < bound; v++) {
      byPopularity[v] = v;
      pop[v] =
          w.signals.count(v, VideoCounter.LIKES) + 0.5 * w.signals.count(v, VideoCounter.VIEWS);
    }
    IntArrays.quickSort(byPopularity, (a, b) -> Double.compare(pop[b], pop[a]));
    for (int u = 0; u < USERS; u++) {
      FeedPage p = engine.feed(u, PAGE, FeedContext.firstPage());
      assertThat(p.items()).hasSize(PAGE);
      for (FeedItem it : p.items()) {
        ours += w.liked(u, it.video()) ? 1 : 0;
      }
      int n = 0;
      for (int i = 0; i < bound && n < PAGE; i++) {
        int v = byPopularity[i];
        if (!w.signals.hasSeen(u, v)) {
          popular += w.liked(u, v) ? 1 : 0;
          n++;
        }
      }
    }
    ours /= USERS * PAGE;
    popular /= USERS * PAGE;
    System.out.printf(
        "feed learns (seed %d): first-round hit rate %.3f, final %.3f, popularity %.3f%n",
        seed, firstRound, ours, popular);
    assertThat(ours)
        .as("seed %d: hit rate %.3f vs popularity %.3f", seed, ours, popular)
        .isGreaterThan(popular + 0.25);
    assertThat(ours)
        .as("seed %d: learned over the first round", seed)
        .isGreaterThan(firstRound + 0.2);
  }
}
