package dev.foryou.examples.sim;

import dev.foryou.core.event.Interaction;

/**
 * The seam between the simulator (or the embedded service) and whatever serves the organic feed:
 * the engine, or a baseline. A policy learns only from the events it is given and serves pages of
 * video indexes.
 *
 * <p>Implementations need not be thread-safe unless they say so; the simulator calls them from one
 * thread.
 */
public interface FeedPolicy {

  /**
   * Returns the policy's name as reports show it ({@code foryou}, {@code popular}, {@code random}).
   *
   * @return the name
   */
  String name();

  /**
   * Tells the policy that videos {@code [0, publishedCount)} are now in the catalog and may be
   * served (videos are indexed in publish order).
   *
   * @param publishedCount how many videos are published
   */
  void published(int publishedCount);

  /**
   * Feeds one organic event (impression, view, like, share, comment, follow, skip, not interested,
   * gift) to the policy.
   *
   * @param event the event
   */
  void record(Interaction event);

  /**
   * Serves the next page of the user's feed.
   *
   * @param user the user's dense index
   * @param count how many videos to serve, at least 1
   * @param newSession true for the first page of an app session (later pages continue it)
   * @param nowMillis the current time
   * @param out receives video indexes, at least {@code count} long
   * @param outValues receives each video's value as the policy ranked it (0 when it has none), at
   *     least {@code count} long
   * @return how many were written (fewer only when nothing else is left to serve)
   */
  int page(int user, int count, boolean newSession, long nowMillis, int[] out, double[] outValues);
}
