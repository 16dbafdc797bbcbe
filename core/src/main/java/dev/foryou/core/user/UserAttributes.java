package dev.foryou.core.user;

import java.util.Locale;
import java.util.Objects;

/**
 * What is known about a user for targeting and policy: age band, gender, place, language, device
 * and whether they subscribe to the ad-free plan. Strings are normalised: country upper case (ISO
 * 3166-1 alpha-2, or empty when unknown), region free text (empty when unknown), language lower
 * case (ISO 639-1, or empty).
 *
 * <p>Immutable and thread-safe.
 *
 * @param ageBand age band
 * @param gender gender
 * @param country ISO 3166-1 alpha-2 code, or empty
 * @param region region within the country, or empty
 * @param language ISO 639-1 code, or empty
 * @param os device operating system
 * @param adFree true for ad-free subscribers: they are never shown ads
 */
public record UserAttributes(
    AgeBand ageBand,
    Gender gender,
    String country,
    String region,
    String language,
    DeviceOs os,
    boolean adFree) {

  /** A user about whom nothing is known (treated as a minor for ads). */
  public static final UserAttributes UNKNOWN =
      new UserAttributes(AgeBand.UNKNOWN, Gender.UNKNOWN, "", "", "", DeviceOs.UNKNOWN, false);

  /** Validates and normalises. */
  public UserAttributes {
    Objects.requireNonNull(ageBand, "ageBand");
    Objects.requireNonNull(gender, "gender");
    Objects.requireNonNull(os, "os");
    country = Objects.requireNonNull(country, "country").trim().toUpperCase(Locale.ROOT);
    region = Objects.requireNonNull(region, "region").trim();
    language = Objects.requireNonNull(language, "language").trim().toLowerCase(Locale.ROOT);
    if (!country.isEmpty() && !country.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("country must be two letters (ISO 3166-1): " + country);
    }
    if (!language.isEmpty() && !language.matches("[a-z]{2,3}")) {
      throw new IllegalArgumentException("language must be an ISO 639 code: " + language);
    }
  }
}
