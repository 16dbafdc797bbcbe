package dev.foryou.ads.reach;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntPredicate;

/** HyperLogLog + bottom-k per UTC day; see {@link ReachEstimator}. */
final class SketchReach implements ReachEstimator {
  private static final long DAY = 86_400_000L;

  private final int minAudience;
  private final int precision;
  private final int k;
  private final int windowDays;
  private final Day[] days;

  SketchReach(int minAudience, int precision, int k, int windowDays) {
    this.minAudience = minAudience;
    this.precision = precision;
    this.k = k;
    this.windowDays = windowDays;
    this.days = new Day[windowDays];
  }

  /** The sketches of one day. */
  private static final class Day {
    final long epochDay;
    final HyperLogLog hll;
    final BottomK sample;

    Day(long epochDay, int precision, int k) {
      this.epochDay = epochDay;
      this.hll = new HyperLogLog(precision);
      this.sample = new BottomK(k);
    }
  }

  @Override
  public synchronized void recordActive(int user, long nowMillis) {
    if (user < 0) {
      throw new IllegalArgumentException("user must be >= 0: " + user);
    }
    long d = Math.floorDiv(nowMillis, DAY);
    int slot = (int) Math.floorMod(d, windowDays);
    Day day = days[slot];
    if (day == null || day.epochDay < d) {
      day = new Day(d, precision, k);
      days[slot] = day;
    } else if (day.epochDay > d) {
      return; // older than the window
    }
    long h = HyperLogLog.hash(user);
    day.hll.add(h);
    day.sample.add(h, user);
  }

  @Override
  public synchronized ReachEstimate estimate(IntPredicate spec, long nowMillis) {
    Objects.requireNonNull(spec, "spec");
    long today = Math.floorDiv(nowMillis, DAY);
    HyperLogLog hll = new HyperLogLog(precision);
    BottomK sample = new BottomK(k);
    for (Day d : days) {
      if (d != null && d.epochDay <= today && d.epochDay > today - windowDays) {
        hll.merge(d.hll);
        sample.merge(d.sample);
      }
    }
    int n = sample.size();
    int matching = 0;
    for (int i = 0; i < n; i++) {
      if (spec.test(sample.users[i])) {
        matching++;
      }
    }
    boolean exact = n < k;
    long active = exact ? n : Math.round(hll.estimate());
    long users = exact ? matching : Math.round(active * (matching / (double) n));
    boolean tooSmall = users < minAudience;
    return new ReachEstimate(tooSmall, tooSmall ? 0 : users, active, exact);
  }

  /** The k distinct smallest hashes seen, sorted ascending, with their users. */
  static final class BottomK {
    final long[] hashes;
    final int[] users;
    private int size;

    BottomK(int k) {
      hashes = new long[k];
      users = new int[k];
    }

    int size() {
      return size;
    }

    void add(long hash, int user) {
      int k = hashes.length;
      if (size == k && Long.compareUnsigned(hash, hashes[k - 1]) >= 0) {
        return;
      }
      int pos = search(hash);
      if (pos >= 0) {
        return; // already sampled
      }
      int at = -pos - 1;
      int move = Math.min(size, k - 1) - at;
      if (move > 0) {
        System.arraycopy(hashes, at, hashes, at + 1, move);
        System.arraycopy(users, at, users, at + 1, move);
      }
      hashes[at] = hash;
      users[at] = user;
      if (size < k) {
        size++;
      }
    }

    private int search(long hash) {
      int lo = 0;
      int hi = size - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = Long.compareUnsigned(hashes[mid], hash);
        if (c < 0) {
          lo = mid + 1;
        } else if (c > 0) {
          hi = mid - 1;
        } else {
          return mid;
        }
      }
      return -(lo + 1);
    }

    void merge(BottomK other) {
      for (int i = 0; i < other.size; i++) {
        add(other.hashes[i], other.users[i]);
      }
    }

    @Override
    public String toString() {
      return "BottomK" + Arrays.toString(Arrays.copyOf(hashes, size));
    }
  }
}
