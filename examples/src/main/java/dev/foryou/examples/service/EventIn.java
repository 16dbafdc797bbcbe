package dev.foryou.examples.service;

import dev.foryou.core.event.EventType;
import java.util.Objects;

/**
 * One event as a client posts it, with external ids.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type what happened
 * @param user the user's external id
 * @param item the video's external id, or for ad events the impression id the feed returned
 * @param timestampMillis when, or 0 for "now"
 * @param watchMs watch time for views, else 0
 * @param coins coins for gifts, else 0
 * @param eventId a client event id for de-duplication, or 0
 */
public record EventIn(
    EventType type,
    String user,
    String item,
    long timestampMillis,
    long watchMs,
    int coins,
    long eventId) {

  /** Validates. */
  public EventIn {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(item, "item");
  }
}
