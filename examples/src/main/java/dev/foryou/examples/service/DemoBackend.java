package dev.foryou.examples.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foryou.examples.sim.DemoEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ServiceBackend} over the simulator's demo world ({@link DemoEngine}): a synthetic
 * catalog and advertisers with the engine's feed and ads.
 *
 * <p>Thread-safe.
 */
public final class DemoBackend implements ServiceBackend {
  private final DemoEngine engine;

  /**
   * Wraps a demo engine.
   *
   * @param engine the engine
   */
  public DemoBackend(DemoEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public int record(List<EventIn> events) {
    List<DemoEngine.Event> out = new ArrayList<>(events.size());
    for (EventIn e : events) {
      out.add(
          new DemoEngine.Event(
              e.type(),
              e.user(),
              e.item(),
              e.timestampMillis(),
              e.watchMs(),
              e.coins(),
              e.eventId()));
    }
    return engine.record(out);
  }

  @Override
  public List<FeedItem> feed(String user, int count) {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be in [1, " + MAX_COUNT + "]: " + count);
    }
    List<FeedItem> out = new ArrayList<>();
    for (DemoEngine.Item it : engine.feed(user, count)) {
      out.add(
          new FeedItem(
              it.video(), it.creator(), it.campaign(), it.creative(), it.format(), it.id()));
    }
    return out;
  }

  @Override
  public Optional<JsonNode> report(String advertiser) {
    return engine.report(advertiser);
  }

  @Override
  public String describe() {
    return engine.describe();
  }
}
