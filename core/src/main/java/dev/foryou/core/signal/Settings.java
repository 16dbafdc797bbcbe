package dev.foryou.core.signal;

import dev.foryou.core.event.EventType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A signal store's validated settings (see {@link SignalStoreBuilder} for their meaning). */
record Settings(
    long[] halfLivesMs,
    long affinityHalfLifeMs,
    long coEngagementHalfLifeMs,
    int historySize,
    int seenSetSize,
    int coEngagedPerVideo,
    int coEngagementPairs,
    long coEngagementWindowMs,
    long maxActiveUsers,
    long userIdleTimeoutMs,
    int maxAffinityKeys,
    long futureToleranceMs,
    int dedupWindow,
    double[] affinityWeights) {

  static double[] defaultWeights() {
    double[] w = new double[EventType.values().length];
    w[EventType.VIEW.ordinal()] = 1.0;
    w[EventType.LIKE.ordinal()] = 2.0;
    w[EventType.SHARE.ordinal()] = 3.0;
    w[EventType.COMMENT.ordinal()] = 2.0;
    w[EventType.FOLLOW.ordinal()] = 4.0;
    w[EventType.GIFT.ordinal()] = 3.0;
    w[EventType.SKIP.ordinal()] = -1.0;
    w[EventType.NOT_INTERESTED.ordinal()] = -5.0;
    return w;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(halfLivesMs.length);
    for (long h : halfLivesMs) {
      out.writeLong(h);
    }
    out.writeLong(affinityHalfLifeMs);
    out.writeLong(coEngagementHalfLifeMs);
    out.writeInt(historySize);
    out.writeInt(seenSetSize);
    out.writeInt(coEngagedPerVideo);
    out.writeInt(coEngagementPairs);
    out.writeLong(coEngagementWindowMs);
    out.writeLong(maxActiveUsers);
    out.writeLong(userIdleTimeoutMs);
    out.writeInt(maxAffinityKeys);
    out.writeLong(futureToleranceMs);
    out.writeInt(dedupWindow);
    out.writeInt(affinityWeights.length);
    for (double w : affinityWeights) {
      out.writeDouble(w);
    }
  }

  static Settings read(DataInput in) throws IOException {
    int n = in.readInt();
    if (n != VideoCounter.values().length) {
      throw new IOException(
          "snapshot has " + n + " video counters, expected " + VideoCounter.values().length);
    }
    long[] hl = new long[n];
    for (int i = 0; i < n; i++) {
      hl[i] = in.readLong();
    }
    long aff = in.readLong();
    long co = in.readLong();
    int hist = in.readInt();
    int seen = in.readInt();
    int coK = in.readInt();
    int pairs = in.readInt();
    long window = in.readLong();
    long maxUsers = in.readLong();
    long idle = in.readLong();
    int maxKeys = in.readInt();
    long future = in.readLong();
    int dedup = in.readInt();
    int nw = in.readInt();
    if (nw != EventType.values().length) {
      throw new IOException(
          "snapshot has " + nw + " event types, expected " + EventType.values().length);
    }
    double[] w = new double[nw];
    for (int i = 0; i < nw; i++) {
      w[i] = in.readDouble();
    }
    return new Settings(
        hl, aff, co, hist, seen, coK, pairs, window, maxUsers, idle, maxKeys, future, dedup, w);
  }
}
