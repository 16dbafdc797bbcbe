package dev.foryou.examples.sim;

/**
 * Counters of one arm over one simulated day (sessions are attributed to the day they start; money
 * to the day it is booked).
 *
 * <p>Not thread-safe.
 */
final class DayStats {
  long sessions;
  long watchMs;
  long organicImpressions;
  long skips;
  long completes;
  long likes;
  long shares;
  long comments;
  long follows;
  long notInterested;
  long giftCoins;
  long adImpressions;
  long adClicks;
  long adOpportunities;
  long adFilled;
  long revenueMicros;
  long creatorPayoutMicros;
  long spendMicros;

  double watchSecondsPerSession() {
    return sessions == 0 ? 0 : watchMs / 1000.0 / sessions;
  }

  double rate(long count) {
    return organicImpressions == 0 ? 0 : (double) count / organicImpressions;
  }

  double ctr() {
    return adImpressions == 0 ? 0 : (double) adClicks / adImpressions;
  }

  double fillRate() {
    return adOpportunities == 0 ? 0 : (double) adFilled / adOpportunities;
  }

  void add(DayStats o) {
    sessions += o.sessions;
    watchMs += o.watchMs;
    organicImpressions += o.organicImpressions;
    skips += o.skips;
    completes += o.completes;
    likes += o.likes;
    shares += o.shares;
    comments += o.comments;
    follows += o.follows;
    notInterested += o.notInterested;
    giftCoins += o.giftCoins;
    adImpressions += o.adImpressions;
    adClicks += o.adClicks;
    adOpportunities += o.adOpportunities;
    adFilled += o.adFilled;
    revenueMicros += o.revenueMicros;
    creatorPayoutMicros += o.creatorPayoutMicros;
    spendMicros += o.spendMicros;
  }
}
