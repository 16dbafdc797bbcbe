package dev.foryou.examples.sim;

import dev.foryou.core.event.Interaction;
import dev.foryou.ranking.FeedContext;
import dev.foryou.ranking.FeedEngine;
import dev.foryou.ranking.FeedItem;
import dev.foryou.ranking.FeedPage;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.List;

/**
 * The engine's organic feed behind the simulator's seam, through the public API of {@link
 * FeedEngine} only: videos are upserted as they are published, every organic event goes to {@link
 * FeedEngine#record}, and pages come from {@link FeedEngine#feed} with the session's cursor (so a
 * session never repeats itself).
 *
 * <p>Not thread-safe (the per-user cursors); the engine underneath is.
 */
final class ForyouPolicy implements FeedPolicy {
  private final World world;
  private final FeedEngine engine;
  private final Int2ObjectOpenHashMap<String> cursors = new Int2ObjectOpenHashMap<>();
  private int upserted;

  ForyouPolicy(World world, FeedEngine engine) {
    this.world = world;
    this.engine = engine;
  }

  FeedEngine engine() {
    return engine;
  }

  @Override
  public String name() {
    return "foryou";
  }

  @Override
  public void published(int publishedCount) {
    for (int v = upserted; v < publishedCount; v++) {
      int index = engine.upsert(world.video(v));
      if (index != v) {
        throw new IllegalStateException("catalog index " + index + " for world video " + v);
      }
    }
    upserted = Math.max(upserted, publishedCount);
  }

  @Override
  public void record(Interaction event) {
    engine.record(event);
  }

  @Override
  public int page(
      int user, int count, boolean newSession, long nowMillis, int[] out, double[] outValues) {
    FeedContext context = FeedContext.firstPage();
    String cursor = newSession ? null : cursors.get(user);
    if (cursor != null) {
      context = context.withCursor(cursor);
    }
    FeedPage page = engine.feed(user, count, context);
    cursors.put(user, page.cursor());
    List<FeedItem> items = page.items();
    int n = Math.min(count, items.size());
    for (int i = 0; i < n; i++) {
      out[i] = items.get(i).video();
      outValues[i] = items.get(i).score();
    }
    return n;
  }
}
