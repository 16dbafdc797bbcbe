package dev.foryou.examples.sim;

import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.SplittableRandom;

/**
 * Baseline: uniformly random published videos the user has not been shown yet.
 *
 * <p>Not thread-safe.
 */
final class RandomPolicy implements FeedPolicy {
  private final SplittableRandom rnd;
  private final IntOpenHashSet[] shown;
  private int published;

  RandomPolicy(int users, long seed) {
    this.rnd = new SplittableRandom(seed);
    this.shown = new IntOpenHashSet[users];
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
  public int page(int user, int count, long nowMillis, int[] out) {
    IntOpenHashSet seen = seen(user);
    int n = 0;
    for (int tries = 0; n < count && tries < count * 20 && published > 0; tries++) {
      int v = rnd.nextInt(published);
      if (!seen.contains(v) && !contains(out, n, v)) {
        out[n++] = v;
      }
    }
    return n;
  }

  private IntOpenHashSet seen(int user) {
    IntOpenHashSet s = shown[user];
    if (s == null) {
      shown[user] = s = new IntOpenHashSet();
    }
    return s;
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
