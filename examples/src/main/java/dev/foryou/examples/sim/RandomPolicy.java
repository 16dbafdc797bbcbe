package dev.foryou.examples.sim;

import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.SplittableRandom;

/**
 * Baseline: uniformly random published videos the user has not been shown yet.
 *
 * <p>Not thread-safe.
 */
final class RandomPolicy implements FeedPolicy {
  private final SplittableRandom rnd;
  private final Int2ObjectOpenHashMap<IntOpenHashSet> shown = new Int2ObjectOpenHashMap<>();
  private int published;

  RandomPolicy(long seed) {
    this.rnd = new SplittableRandom(seed);
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public void published(int publishedCount) {
    published = publishedCount;
  }

  @Override
  public void record(Interaction event) {
    if (event.type() == EventType.IMPRESSION) {
      seen(event.user()).add(event.item());
    }
  }

  @Override
  public int page(
      int user, int count, boolean newSession, long nowMillis, int[] out, double[] outValues) {
    IntOpenHashSet seen = seen(user);
    int n = 0;
    for (int tries = 0; n < count && tries < count * 20 && published > 0; tries++) {
      int v = rnd.nextInt(published);
      if (!seen.contains(v) && !contains(out, n, v)) {
        outValues[n] = 0;
        out[n++] = v;
      }
    }
    return n;
  }

  private IntOpenHashSet seen(int user) {
    return shown.computeIfAbsent(user, k -> new IntOpenHashSet());
  }

  static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }
}
