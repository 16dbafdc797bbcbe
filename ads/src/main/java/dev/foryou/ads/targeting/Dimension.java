package dev.foryou.ads.targeting;

import dev.foryou.core.user.AgeBand;
import dev.foryou.core.user.DeviceOs;
import dev.foryou.core.user.Gender;
import java.util.Locale;

/**
 * A targeting dimension and how its values are spelled.
 *
 * <ul>
 *   <li>{@link #AGE}: an {@link AgeBand} name, e.g. {@code "AGE_18_24"}
 *   <li>{@link #GENDER}: a {@link Gender} name
 *   <li>{@link #COUNTRY}: ISO 3166-1 alpha-2, upper-cased
 *   <li>{@link #REGION}: {@code "CC/region"}, e.g. {@code "US/California"}
 *   <li>{@link #LANGUAGE}: ISO 639 code, lower-cased
 *   <li>{@link #OS}: a {@link DeviceOs} name
 *   <li>{@link #INTEREST}: an interest key from the user's signals, e.g. {@code "hashtag:dance"},
 *       {@code "category:music"}, {@code "creator:alice"} (case-sensitive)
 *   <li>{@link #AUDIENCE}: a custom audience id (case-sensitive)
 * </ul>
 *
 * <p>{@link #INTEREST} and {@link #AUDIENCE} are personal: they are never applied to minors.
 */
public enum Dimension {
  /** Age band. */
  AGE,
  /** Gender. */
  GENDER,
  /** Country. */
  COUNTRY,
  /** Region within a country. */
  REGION,
  /** Content language. */
  LANGUAGE,
  /** Device operating system. */
  OS,
  /** Interests (hashtags, categories, creators) from the user's signals; personal. */
  INTEREST,
  /** Custom audiences (sets of users); personal. */
  AUDIENCE;

  /**
   * Tells whether this dimension uses personal data (not allowed for minors).
   *
   * @return true for interests and audiences
   */
  public boolean personal() {
    return this == INTEREST || this == AUDIENCE;
  }

  /**
   * Validates and normalises one value of this dimension.
   *
   * @param value the raw value
   * @return the normalised value
   * @throws IllegalArgumentException naming the value if it is not valid for this dimension
   */
  public String normalise(String value) {
    if (value == null) {
      throw new IllegalArgumentException(this + " value must not be null");
    }
    String v = value.trim();
    if (v.isEmpty()) {
      throw new IllegalArgumentException(this + " value must not be blank: '" + value + "'");
    }
    switch (this) {
      case AGE -> enumValue(AgeBand.class, v, value);
      case GENDER -> enumValue(Gender.class, v, value);
      case OS -> enumValue(DeviceOs.class, v, value);
      case COUNTRY -> {
        v = v.toUpperCase(Locale.ROOT);
        if (!v.matches("[A-Z]{2}")) {
          throw new IllegalArgumentException("COUNTRY must be two letters: '" + value + "'");
        }
      }
      case LANGUAGE -> {
        v = v.toLowerCase(Locale.ROOT);
        if (!v.matches("[a-z]{2,3}")) {
          throw new IllegalArgumentException("LANGUAGE must be an ISO 639 code: '" + value + "'");
        }
      }
      case REGION -> {
        int slash = v.indexOf('/');
        if (slash != 2 || v.substring(3).isBlank()) {
          throw new IllegalArgumentException("REGION must be 'CC/region': '" + value + "'");
        }
        v = v.substring(0, 2).toUpperCase(Locale.ROOT) + "/" + v.substring(3).trim();
      }
      case INTEREST, AUDIENCE -> {}
    }
    return v;
  }

  private <E extends Enum<E>> void enumValue(Class<E> type, String v, String raw) {
    try {
      Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a valid "
              + this
              + " value: '"
              + raw
              + "' (one of "
              + java.util.Arrays.toString(type.getEnumConstants())
              + ")",
          e);
    }
  }
}
