package dev.foryou.ads.billing;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The result of {@link FrequencyCaps#tryAcquire}: when {@link #granted()}, one impression slot
 * under every applicable cap, counted until {@link FrequencyCaps#release released}.
 *
 * <p>Thread-safe; release is effective once.
 */
public final class CapHold {
  /** The refusal: a cap would be exceeded. */
  public static final CapHold DENIED = new CapHold(false, -1, -1, -1, 0, 0);

  private final boolean granted;
  final int user;
  final int campaign;
  final int advertiser;
  final long timeMillis;
  final long day;
  final AtomicBoolean released = new AtomicBoolean();

  CapHold(boolean granted, int user, int campaign, int advertiser, long timeMillis, long day) {
    this.granted = granted;
    this.user = user;
    this.campaign = campaign;
    this.advertiser = advertiser;
    this.timeMillis = timeMillis;
    this.day = day;
  }

  /**
   * Whether the impression may be shown.
   *
   * @return {@code true} if granted
   */
  public boolean granted() {
    return granted;
  }

  @Override
  public String toString() {
    return granted ? "CapHold[granted at " + timeMillis + "]" : "CapHold[denied]";
  }
}
