package dev.foryou.core.signal;

import dev.foryou.core.TimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.user.UserRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.IntPredicate;

/**
 * Turns interaction events into the features ranking and ads read: exponentially decayed per-video
 * counters, per-user decayed affinities (creators, hashtags, sounds, categories), a bounded recent
 * history and seen-set per user, followed creators, and item-to-item co-engagement.
 *
 * <p>Decay: a counter with half-life h holds Σ wᵢ·2^(−(t−tᵢ)/h) at time t over its events i; events
 * that arrive out of order (earlier than the counter's last update) are decayed to the counter's
 * time and added, so order does not change the value. Events more than the configured tolerance in
 * the future of the time source are rejected.
 *
 * <p>Events with an {@link Interaction#eventId()} are de-duplicated within a bounded window.
 * Inactive users age out after a configured idle time or beyond a maximum count (Caffeine).
 *
 * <p>Thread-safe: any number of threads may record and read at once; every accepted event is
 * counted exactly once.
 */
public interface SignalStore {

  /**
   * Starts configuring a store over a catalog and a user registry.
   *
   * @param catalog the videos events refer to
   * @param users the users events refer to
   * @return a new builder
   */
  static SignalStoreBuilder builder(Catalog catalog, UserRegistry users) {
    return new SignalStoreBuilder(catalog, users);
  }

  /**
   * Rebuilds a catalog, a user registry and a store from a snapshot written by {@link #snapshot}.
   * Every file's checksum is verified before anything is built; the result shares nothing with any
   * live state. The catalog gets default search settings and the given clock; the store gets the
   * settings it was snapshotted with.
   *
   * @param dir the snapshot directory
   * @param timeSource the clock of the restored catalog and store
   * @return the restored components
   * @throws IOException if the snapshot is missing, truncated, corrupt or of an unknown version
   */
  static CoreSnapshot restore(Path dir, TimeSource timeSource) throws IOException {
    return Snapshots.read(dir, timeSource);
  }

  /**
   * Ingests one event.
   *
   * @param event the event
   * @return false if it was a duplicate (same event id seen before) and ignored
   * @throws IllegalArgumentException if the user or video is unknown, the video removed, or the
   *     timestamp too far in the future; the store is unchanged
   */
  boolean record(Interaction event);

  /**
   * Ingests a batch; each event is validated before any is applied, so a bad event rejects the
   * whole batch with the store unchanged.
   *
   * @param events the events
   * @return how many were applied (duplicates excluded)
   * @throws IllegalArgumentException naming the first bad event
   */
  int recordAll(Collection<Interaction> events);

  /**
   * Returns a video's decayed counter at the time source's now.
   *
   * @param video a video index
   * @param counter which counter
   * @return the decayed value, 0 for a video with no events
   */
  double count(int video, VideoCounter counter);

  /**
   * Copies all of a video's decayed counters, in {@link VideoCounter} order, at now.
   *
   * @param video a video index
   * @param out at least {@code VideoCounter.values().length} doubles
   */
  void counts(int video, double[] out);

  /**
   * Copies the decayed counters of many videos at one now: video {@code videos[i]}'s counters go to
   * {@code out[i * VideoCounter.values().length + c]}, the values {@link #counts(int, double[])}
   * gives. A ranker reads its candidates' counters in one tight, lock-free loop this way.
   *
   * @param videos video indexes
   * @param n how many of them, from the start
   * @param out at least {@code n * VideoCounter.values().length} doubles
   * @throws IllegalArgumentException if {@code n} is out of range, {@code out} too short or a video
   *     unknown (then nothing is written)
   */
  void counts(int[] videos, int n, double[] out);

  /**
   * Returns the exact, undecayed total of a counter: how many events (or seconds, or coins) were
   * applied. For reconciliation and reports.
   *
   * @param video a video index
   * @param counter which counter
   * @return the total
   */
  long total(int video, VideoCounter counter);

  /**
   * Returns a user's decayed affinity to one key at now (positive for engagement, negative for
   * skips and "not interested").
   *
   * @param user a user index
   * @param kind what kind of key
   * @param key the key's index in the catalog's id map of that kind
   * @return the affinity, 0 if none or the user has aged out
   */
  double affinity(int user, AffinityKind kind, int key);

  /**
   * Writes a user's top affinities of one kind, best first.
   *
   * @param user a user index
   * @param kind what kind
   * @param k at most this many
   * @param outKeys receives key indexes
   * @param outScores receives decayed affinities
   * @return how many were written
   */
  int topAffinities(int user, AffinityKind kind, int k, int[] outKeys, double[] outScores);

  /**
   * Writes all of a user's affinities of one kind, of any sign, decayed to now, in no particular
   * order: the values {@link #affinity} returns for those keys (every other key has affinity 0).
   * One call reads what a ranker would otherwise look up key by key.
   *
   * @param user a user index
   * @param kind what kind
   * @param outKeys receives key indexes
   * @param outScores receives decayed affinities
   * @return how many were written: all of them, unless the arrays are shorter (then the first
   *     {@code min(outKeys.length, outScores.length)} in map order); at most the builder's {@code
   *     maxAffinityKeys}
   * @throws IllegalArgumentException if the user is not registered
   */
  int affinities(int user, AffinityKind kind, int[] outKeys, double[] outScores);

  /**
   * Writes a user's recent history (videos viewed or engaged with), most recent first.
   *
   * @param user a user index
   * @param out receives video indexes
   * @return how many were written, at most {@code out.length} and the history bound
   */
  int recentHistory(int user, int[] out);

  /**
   * Tells whether the user was shown or watched a video within the seen-set's bound.
   *
   * @param user a user index
   * @param video a video index
   * @return true if seen
   */
  boolean hasSeen(int user, int video);

  /**
   * One user's seen-set as a predicate for a short while (e.g. one feed request): {@code
   * test(video)} tells what {@link #hasSeen} would, without finding the user's state again for
   * every video; the standard store reads it without a lock. Videos seen meanwhile may or may not
   * show.
   *
   * @param user a user index
   * @return the predicate (it throws {@link IllegalArgumentException} for an unknown video index)
   * @throws IllegalArgumentException if the user is not registered (the default implementation: at
   *     the first test)
   */
  default IntPredicate seenSet(int user) {
    return video -> hasSeen(user, video);
  }

  /**
   * Tells whether the user follows a creator.
   *
   * @param user a user index
   * @param creator a creator index
   * @return true if following
   */
  boolean follows(int user, int creator);

  /**
   * Writes the creators a user follows.
   *
   * @param user a user index
   * @param out receives creator indexes
   * @return how many were written
   */
  int followedCreators(int user, int[] out);

  /**
   * Writes the videos most co-engaged with {@code video} (engaged with by the same users close in
   * time), strongest first, with decayed weights.
   *
   * @param video a video index
   * @param k at most this many
   * @param outVideos receives video indexes
   * @param outWeights receives weights
   * @return how many were written
   */
  int coEngaged(int video, int k, int[] outVideos, float[] outWeights);

  /**
   * Returns how many ad impressions (AD_IMPRESSION events) an active user had; ad events are not
   * catalog videos, so the store keeps only these undecayed per-user counters for them.
   *
   * @param user a user index
   * @return the count, 0 if the user has aged out
   */
  long adImpressions(int user);

  /**
   * Returns how many ad clicks (AD_CLICK events) an active user had.
   *
   * @param user a user index
   * @return the count, 0 if the user has aged out
   */
  long adClicks(int user);

  /**
   * Tells whether a user has in-memory state (has not aged out).
   *
   * @param user a user index
   * @return true if active
   */
  boolean isActive(int user);

  /**
   * Measures what the catalog, video signals and active users cost in memory.
   *
   * @return the report
   */
  MemoryReport memoryReport();

  /**
   * Writes the store's state (signals and users' state; the catalog and registry it was built on
   * included) to {@code dir} atomically: a crash mid-write leaves the previous snapshot intact.
   *
   * @param dir the snapshot directory (created or replaced)
   * @throws IOException if writing fails; the previous snapshot stays
   */
  void snapshot(Path dir) throws IOException;
}
