package dev.foryou.examples.sim;

import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;

/**
 * Baseline: the most popular published videos the user has not been shown yet, popularity being an
 * exponentially decayed (half-life 12 h) score of the engagement this arm's users gave: views
 * weighted by watch ratio, plus likes, shares and follows, minus skips. The ranking is refreshed
 * every simulated 15 minutes. New videos with no engagement rank last, as they would in a plain
 * "trending" feed.
 *
 * <p>Not thread-safe.
 */
final class PopularPolicy implements FeedPolicy {
  private static final double HALF_LIFE_MS = 12 * 3_600_000.0;
  private static final long REFRESH_MS = 15 * 60_000L;
  private static final int TOP = 4000;

  private final World world;
  private final Int2ObjectOpenHashMap<IntOpenHashSet> shown = new Int2ObjectOpenHashMap<>();
  private final double[] score;
  private final long epoch;
  private int published;
  private int[] ranked = new int[0];
  private long rankedAt = Long.MIN_VALUE;

  PopularPolicy(World world) {
    this.world = world;
    this.score = new double[world.videos];
    this.epoch = World.START_MILLIS;
  }

  @Override
  public String name() {
    return "popular";
  }

  @Override
  public void published(int publishedCount) {
    published = publishedCount;
  }

  @Override
  public void record(Interaction e) {
    double w =
        switch (e.type()) {
          case IMPRESSION -> {
            seen(e.user()).add(e.item());
            yield 0;
          }
          case VIEW -> Math.min(1.0, e.watchMs() / (double) world.videoDurationMs[e.item()]);
          case LIKE -> 1;
          case SHARE, FOLLOW -> 2;
          case SKIP -> -0.3;
          default -> 0;
        };
    if (w != 0 && e.type() != EventType.IMPRESSION) {
      // scores live on a growing scale 2^((t - epoch) / h): no per-event decay pass needed
      score[e.item()] += w * Math.pow(2, (e.timestampMillis() - epoch) / HALF_LIFE_MS);
    }
  }

  @Override
  public int page(
      int user, int count, boolean newSession, long nowMillis, int[] out, double[] outValues) {
    if (nowMillis - rankedAt >= REFRESH_MS || ranked.length == 0) {
      rerank();
      rankedAt = nowMillis;
    }
    IntOpenHashSet seen = seen(user);
    int n = 0;
    for (int i = 0; i < ranked.length && n < count; i++) {
      int v = ranked[i];
      if (!seen.contains(v) && !RandomPolicy.contains(out, n, v)) {
        outValues[n] = 0;
        out[n++] = v;
      }
    }
    return n;
  }

  private void rerank() {
    int[] idx = new int[published];
    for (int i = 0; i < published; i++) {
      idx[i] = i;
    }
    // stable sort by score, descending; ties by index keep it deterministic
    IntArrays.mergeSort(idx, (a, b) -> Double.compare(score[b], score[a]));
    ranked = idx.length > TOP ? java.util.Arrays.copyOf(idx, TOP) : idx;
  }

  private IntOpenHashSet seen(int user) {
    return shown.computeIfAbsent(user, k -> new IntOpenHashSet());
  }
}
