package dev.foryou.examples.sim;

import java.util.Objects;

/**
 * One arm of the A/B split: an organic feed policy and the ads that run with it.
 *
 * @param policy the organic feed
 * @param ads the ads engine for this arm, {@link AdsAdapter#NONE} for none
 */
record Arm(FeedPolicy policy, AdsAdapter ads) {
  Arm {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(ads, "ads");
  }

  String name() {
    return policy.name();
  }
}
