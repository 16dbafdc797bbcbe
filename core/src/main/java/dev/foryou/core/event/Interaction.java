package dev.foryou.core.event;

import java.util.Objects;

/**
 * One interaction of a user with an item at a time. Users and videos are dense indexes (see {@link
 * dev.foryou.core.user.UserRegistry} and {@link dev.foryou.core.catalog.Catalog}); for ad events
 * the item is the ad creative's index in the ads module's own id space.
 *
 * <p>Immutable and thread-safe. The compact constructor checks what can be checked without the
 * catalog: non-negative indexes and amounts, a non-negative timestamp, {@code watchMs} only on
 * views, {@code coins} only on gifts.
 *
 * @param type what happened
 * @param user the user's dense index
 * @param item the video's dense index (the creative's for ad events)
 * @param timestampMillis when it happened, milliseconds since the Unix epoch
 * @param watchMs for {@link EventType#VIEW}: how long the video was watched, else 0
 * @param coins for {@link EventType#GIFT}: coins sent, at least 1, else 0
 * @param eventId an id for de-duplication, or {@link #NO_ID}
 */
public record Interaction(
    EventType type,
    int user,
    int item,
    long timestampMillis,
    long watchMs,
    int coins,
    long eventId) {

  /** The {@code eventId} of an event that carries none. */
  public static final long NO_ID = 0L;

  /** Validates. */
  public Interaction {
    Objects.requireNonNull(type, "type");
    if (user < 0) {
      throw new IllegalArgumentException("user index must be >= 0: " + user);
    }
    if (item < 0) {
      throw new IllegalArgumentException("item index must be >= 0: " + item);
    }
    if (timestampMillis < 0) {
      throw new IllegalArgumentException("timestampMillis must be >= 0: " + timestampMillis);
    }
    if (watchMs < 0) {
      throw new IllegalArgumentException("watchMs must be >= 0: " + watchMs);
    }
    if (watchMs != 0 && type != EventType.VIEW) {
      throw new IllegalArgumentException("watchMs is only for VIEW events, got " + type);
    }
    if (type == EventType.GIFT ? coins < 1 : coins != 0) {
      throw new IllegalArgumentException("coins must be >= 1 on GIFT and 0 otherwise: " + coins);
    }
  }

  /**
   * An event with no amounts and no id.
   *
   * @param type what happened (not {@link EventType#GIFT}, which needs coins)
   * @param user the user
   * @param item the item
   * @param timestampMillis when
   * @return the event
   */
  public static Interaction of(EventType type, int user, int item, long timestampMillis) {
    return new Interaction(type, user, item, timestampMillis, 0, 0, NO_ID);
  }

  /**
   * A view of {@code watchMs} milliseconds.
   *
   * @param user the user
   * @param video the video
   * @param timestampMillis when
   * @param watchMs how long it was watched
   * @return the event
   */
  public static Interaction view(int user, int video, long timestampMillis, long watchMs) {
    return new Interaction(EventType.VIEW, user, video, timestampMillis, watchMs, 0, NO_ID);
  }

  /**
   * A gift of {@code coins} coins.
   *
   * @param user the user
   * @param video the video whose creator receives the gift
   * @param timestampMillis when
   * @param coins how many coins, at least 1
   * @return the event
   */
  public static Interaction gift(int user, int video, long timestampMillis, int coins) {
    return new Interaction(EventType.GIFT, user, video, timestampMillis, 0, coins, NO_ID);
  }

  /**
   * Returns this event with an id for de-duplication.
   *
   * @param id the id, not {@link #NO_ID}
   * @return a copy carrying the id
   */
  public Interaction withEventId(long id) {
    if (id == NO_ID) {
      throw new IllegalArgumentException("event id must not be " + NO_ID);
    }
    return new Interaction(type, user, item, timestampMillis, watchMs, coins, id);
  }
}
