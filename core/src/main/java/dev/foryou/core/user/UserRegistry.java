package dev.foryou.core.user;

import dev.foryou.core.IdMap;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The users the engine knows: external ids mapped to dense {@code int} indexes, and each user's
 * {@link UserAttributes}. A user is registered on first sight; attributes default to {@link
 * UserAttributes#UNKNOWN}.
 *
 * <p>Thread-safe.
 */
public final class UserRegistry {
  private final IdMap ids = new IdMap();
  private volatile AtomicReferenceArray<UserAttributes> attributes =
      new AtomicReferenceArray<>(1024);

  /** Creates an empty registry. */
  public UserRegistry() {}

  /**
   * Returns the index of a user, registering them on first sight.
   *
   * @param externalId the user's external id, non-empty
   * @return the dense index
   * @throws IllegalArgumentException if the id is empty
   */
  public int register(String externalId) {
    return ids.intern(externalId);
  }

  /**
   * Registers a user (if new) and sets their attributes.
   *
   * @param externalId the user's external id
   * @param attrs their attributes
   * @return the dense index
   */
  public int register(String externalId, UserAttributes attrs) {
    Objects.requireNonNull(attrs, "attrs");
    int idx = register(externalId);
    setAttributes(idx, attrs);
    return idx;
  }

  /**
   * Returns the index of a known user.
   *
   * @param externalId the external id
   * @return the index, or empty if never registered
   */
  public OptionalInt indexOf(String externalId) {
    return ids.indexOf(externalId);
  }

  /**
   * Returns the external id of a user index.
   *
   * @param user a registered index
   * @return the external id
   * @throws IllegalArgumentException if the index is unknown
   */
  public String externalId(int user) {
    return ids.id(user);
  }

  /**
   * Tells whether an index belongs to a registered user.
   *
   * @param user an index
   * @return true if registered
   */
  public boolean contains(int user) {
    return user >= 0 && user < ids.size();
  }

  /**
   * Returns how many users are registered; every index is below this.
   *
   * @return the number of users
   */
  public int size() {
    return ids.size();
  }

  /**
   * Sets a registered user's attributes.
   *
   * @param user a registered index
   * @param attrs the attributes
   * @throws IllegalArgumentException if the user is unknown
   */
  public void setAttributes(int user, UserAttributes attrs) {
    Objects.requireNonNull(attrs, "attrs");
    checkUser(user);
    synchronized (this) {
      AtomicReferenceArray<UserAttributes> a = attributes;
      if (user >= a.length()) {
        AtomicReferenceArray<UserAttributes> grown =
            new AtomicReferenceArray<>(Math.max(a.length() * 2, user + 1));
        for (int i = 0; i < a.length(); i++) {
          grown.set(i, a.get(i));
        }
        attributes = a = grown;
      }
      a.set(user, attrs);
    }
  }

  /**
   * Returns a registered user's attributes.
   *
   * @param user a registered index
   * @return the attributes, {@link UserAttributes#UNKNOWN} if never set
   * @throws IllegalArgumentException if the user is unknown
   */
  public UserAttributes attributes(int user) {
    checkUser(user);
    AtomicReferenceArray<UserAttributes> a = attributes;
    UserAttributes v = user < a.length() ? a.get(user) : null;
    return v == null ? UserAttributes.UNKNOWN : v;
  }

  private void checkUser(int user) {
    if (!contains(user)) {
      throw new IllegalArgumentException("unknown user index " + user + " (size " + size() + ")");
    }
  }
}
