package dev.foryou.ads.model;

import java.util.Objects;

/** Shared validation of external ids. */
final class Ids {
  private Ids() {}

  static String check(String id, String what) {
    Objects.requireNonNull(id, what);
    if (id.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank: '" + id + "'");
    }
    return id;
  }
}
