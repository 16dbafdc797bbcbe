package dev.foryou.core.user;

/** A user's gender, as targeting sees it. */
public enum Gender {
  /** Not known or not given. */
  UNKNOWN,
  /** Female. */
  FEMALE,
  /** Male. */
  MALE,
  /** Another gender. */
  OTHER
}
