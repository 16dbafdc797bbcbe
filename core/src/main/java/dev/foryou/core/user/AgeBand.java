package dev.foryou.core.user;

/** A user's age band, as targeting sees it. Users under 18 get only contextual ads. */
public enum AgeBand {
  /** Not known. */
  UNKNOWN,
  /** 13 to 17 years: a minor. */
  AGE_13_17,
  /** 18 to 24 years. */
  AGE_18_24,
  /** 25 to 34 years. */
  AGE_25_34,
  /** 35 to 44 years. */
  AGE_35_44,
  /** 45 to 54 years. */
  AGE_45_54,
  /** 55 years and over. */
  AGE_55_PLUS;

  /**
   * Tells whether this band is under 18; an unknown age counts as a minor, to be safe.
   *
   * @return true for minors and unknown ages
   */
  public boolean isMinorOrUnknown() {
    return this == UNKNOWN || this == AGE_13_17;
  }
}
