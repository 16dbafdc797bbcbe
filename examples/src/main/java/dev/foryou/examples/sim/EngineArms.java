package dev.foryou.examples.sim;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.user.UserRegistry;
import dev.foryou.ranking.FeedEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the arms of a simulation: the engine first (its organic feed over a real {@link Catalog},
 * {@link UserRegistry} and {@link SignalStore}, and its ads), then the popularity and random
 * baselines.
 *
 * <p>Not thread-safe.
 */
final class EngineArms {
  /** Embedding dimension of the simulated catalog. */
  static final int DIMENSION = 32;

  /**
   * Candidates the engine retrieves and scores per request (the engine's default is 1000; 400 keeps
   * the default run well inside its time budget at the same quality on this catalog size).
   */
  static final int CANDIDATES = 400;

  private EngineArms() {}

  /** The engine's parts, for callers (the demo service) that address it by external ids. */
  record Engine(
      Arm arm, Catalog catalog, UserRegistry users, SignalStore signals, FeedEngine feed) {}

  static List<Arm> create(World world, SimulationConfig config, ManualTimeSource clock) {
    List<Arm> arms = new ArrayList<>();
    arms.add(engine(world, config, clock).arm());
    arms.add(new Arm(new PopularPolicy(world), AdsAdapter.NONE));
    arms.add(new Arm(new RandomPolicy(config.seed() + 17), AdsAdapter.NONE));
    return arms;
  }

  static Engine engine(World world, SimulationConfig config, ManualTimeSource clock) {
    return engine(world, config, clock, true);
  }

  static Engine engine(
      World world, SimulationConfig config, ManualTimeSource clock, boolean evenPacing) {
    Catalog catalog = Catalog.builder().dimension(DIMENSION).timeSource(clock).build();
    UserRegistry users = new UserRegistry();
    for (int u = 0; u < world.users; u++) {
      int index = users.register(world.userId(u), world.attributes[u]);
      if (index != u) {
        throw new IllegalStateException("registry index " + index + " for world user " + u);
      }
    }
    SignalStore signals = SignalStore.builder(catalog, users).timeSource(clock).build();
    FeedEngine feed =
        FeedEngine.builder(catalog, signals, users)
            .timeSource(clock)
            .candidates(CANDIDATES)
            .seed(config.seed() * 0x2545F4914F6CDD1DL + 3)
            .build();
    AdsAdapter ads =
        config.adsOff()
            ? AdsAdapter.NONE
            : new EngineAds(world, clock, users, catalog, signals, evenPacing);
    Arm arm = new Arm(new ForyouPolicy(world, feed), ads);
    return new Engine(arm, catalog, users, signals, feed);
  }
}
