package dev.foryou.ads.billing;

/** Thrown when an advertiser asks for a report on something it does not own. */
public final class ReportAccessDeniedException extends SecurityException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names who asked for what
   */
  public ReportAccessDeniedException(String message) {
    super(message);
  }
}
