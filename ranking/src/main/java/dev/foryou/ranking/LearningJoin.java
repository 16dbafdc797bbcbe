package dev.foryou.ranking;

import dev.foryou.core.event.Interaction;
import dev.foryou.ranking.model.Objective;
import dev.foryou.ranking.model.TrainingExample;
import it.unimi.dsi.fastutil.longs.Long2ObjectLinkedOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Joins each impression's logged features with the outcomes that follow it within a window, then
 * emits a {@link TrainingExample}. Bounded: beyond {@code maxPending} the oldest is emitted early.
 *
 * <p>Thread-safe: one lock; emitted examples are learned outside it by the caller.
 */
final class LearningJoin {
  private static final int COMPLETE = Objective.COMPLETE.ordinal();

  private final long window;
  private final int maxPending;
  private final Long2ObjectLinkedOpenHashMap<Pending> pending =
      new Long2ObjectLinkedOpenHashMap<>();

  LearningJoin(long window, int maxPending) {
    this.window = window;
    this.maxPending = maxPending;
  }

  static long key(int user, int video) {
    return ((long) user << 32) | (video & 0xFFFFFFFFL);
  }

  static final class Pending {
    final float[] features;
    final long timestamp;
    final long durationMs;
    long watchMs;
    boolean viewed;
    boolean like;
    boolean share;
    boolean comment;
    boolean follow;
    boolean skip;
    boolean notInterested;

    Pending(float[] features, long timestamp, long durationMs) {
      this.features = features;
      this.timestamp = timestamp;
      this.durationMs = durationMs;
    }

    TrainingExample toExample() {
      float[] y = new float[Objective.count()];
      float ratio = viewed ? (float) Math.min(1.0, watchMs / (double) durationMs) : 0f;
      boolean engaged = like || share || comment || follow;
      y[COMPLETE] = ratio >= 1f ? 1 : 0;
      y[Objective.LIKE.ordinal()] = like ? 1 : 0;
      y[Objective.SHARE.ordinal()] = share ? 1 : 0;
      y[Objective.COMMENT.ordinal()] = comment ? 1 : 0;
      y[Objective.FOLLOW.ordinal()] = follow ? 1 : 0;
      y[Objective.SKIP.ordinal()] = skip || (!viewed && !engaged) ? 1 : 0;
      y[Objective.NOT_INTERESTED.ordinal()] = notInterested ? 1 : 0;
      y[Objective.WATCH_RATIO.ordinal()] = ratio;
      return new TrainingExample(features, y);
    }
  }

  /** Tells whether an impression of this pair waits for outcomes. */
  boolean isPending(int user, int video) {
    synchronized (this) {
      return pending.containsKey(key(user, video));
    }
  }

  /**
   * Applies an event: an impression (or an outcome with no pending impression, when {@code
   * features} is given) opens an entry; outcomes update it. Returns examples now due.
   */
  List<TrainingExample> apply(
      Interaction e, float @Nullable [] features, long durationMs, long nowMillis) {
    List<TrainingExample> due = new ArrayList<>(0);
    synchronized (this) {
      long k = key(e.user(), e.item());
      Pending p = pending.get(k);
      if (p == null || e.type() == dev.foryou.core.event.EventType.IMPRESSION) {
        if (features != null) {
          if (p != null) {
            due.add(pending.remove(k).toExample());
          }
          p = new Pending(features, e.timestampMillis(), Math.max(1, durationMs));
          pending.put(k, p);
        }
      }
      if (p != null) {
        switch (e.type()) {
          case VIEW -> {
            p.viewed = true;
            p.watchMs = Math.max(p.watchMs, e.watchMs());
          }
          case LIKE -> p.like = true;
          case SHARE -> p.share = true;
          case COMMENT -> p.comment = true;
          case FOLLOW -> p.follow = true;
          case SKIP -> p.skip = true;
          case NOT_INTERESTED -> p.notInterested = true;
          default -> {}
        }
      }
      while (!pending.isEmpty()) {
        Pending first = pending.get(pending.firstLongKey());
        if (pending.size() > maxPending || first.timestamp + window <= nowMillis) {
          due.add(pending.removeFirst().toExample());
        } else {
          break;
        }
      }
    }
    return due;
  }

  /** Emits everything pending. */
  List<TrainingExample> drain() {
    synchronized (this) {
      List<TrainingExample> all = new ArrayList<>(pending.size());
      while (!pending.isEmpty()) {
        all.add(pending.removeFirst().toExample());
      }
      return all;
    }
  }
}
