package dev.foryou.examples.sim;

import dev.foryou.core.ManualTimeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the arms of a simulation: the engine first (its organic feed and its ads), then the
 * baselines.
 *
 * <p>Not thread-safe.
 */
final class EngineArms {
  private EngineArms() {}

  static List<Arm> create(World world, SimulationConfig config, ManualTimeSource clock) {
    List<Arm> arms = new ArrayList<>();
    arms.add(new Arm(new PopularPolicy(world), AdsAdapter.NONE));
    arms.add(new Arm(new RandomPolicy(config.seed() + 17), AdsAdapter.NONE));
    return arms;
  }
}
