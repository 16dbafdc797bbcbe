package dev.foryou.core.user;

/** The operating system of the user's device. */
public enum DeviceOs {
  /** Not known. */
  UNKNOWN,
  /** Android. */
  ANDROID,
  /** iOS or iPadOS. */
  IOS,
  /** A web browser. */
  WEB,
  /** Anything else. */
  OTHER
}
