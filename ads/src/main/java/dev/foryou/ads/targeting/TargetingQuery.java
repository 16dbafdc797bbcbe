package dev.foryou.ads.targeting;

import dev.foryou.core.user.UserAttributes;
import java.util.List;
import java.util.Objects;

/**
 * The request side of targeting: who the user is, plus the user's top interest keys and custom
 * audiences, resolved by the caller (so the ads module does not need the signal store).
 *
 * <p>For a minor or a user of unknown age ({@link dev.foryou.core.user.AgeBand#isMinorOrUnknown()})
 * the interests and audiences are ignored: only contextual targeting applies, so ad groups that
 * include interests or audiences never match.
 *
 * <p>Immutable and thread-safe.
 *
 * @param user the user's attributes
 * @param interests interest keys such as {@code "hashtag:dance"} (see {@link Dimension#INTEREST})
 * @param audiences custom audience ids the user belongs to
 */
public record TargetingQuery(UserAttributes user, List<String> interests, List<String> audiences) {

  /** Validates and copies. */
  public TargetingQuery {
    Objects.requireNonNull(user, "user");
    interests = List.copyOf(interests);
    audiences = List.copyOf(audiences);
  }

  /**
   * A query with only contextual attributes.
   *
   * @param user the user's attributes
   * @return the query
   */
  public static TargetingQuery of(UserAttributes user) {
    return new TargetingQuery(user, List.of(), List.of());
  }

  /**
   * Tells whether personal dimensions may be used for this user.
   *
   * @return false for minors and unknown ages
   */
  public boolean personalAllowed() {
    return !user.ageBand().isMinorOrUnknown();
  }

  /**
   * Returns the values this request has in a dimension, as the targeting sees them (empty for
   * personal dimensions of a minor, and for unknown country/region/language).
   *
   * @param d the dimension
   * @return the values, possibly empty
   */
  public List<String> values(Dimension d) {
    return switch (d) {
      case AGE -> List.of(user.ageBand().name());
      case GENDER -> List.of(user.gender().name());
      case OS -> List.of(user.os().name());
      case COUNTRY -> user.country().isEmpty() ? List.of() : List.of(user.country());
      case REGION ->
          user.country().isEmpty() || user.region().isEmpty()
              ? List.of()
              : List.of(user.country() + "/" + user.region());
      case LANGUAGE -> user.language().isEmpty() ? List.of() : List.of(user.language());
      case INTEREST -> personalAllowed() ? interests : List.of();
      case AUDIENCE -> personalAllowed() ? audiences : List.of();
    };
  }
}
