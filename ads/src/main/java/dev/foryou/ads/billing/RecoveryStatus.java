package dev.foryou.ads.billing;

/**
 * What opening a log directory found.
 *
 * <p>Immutable and thread-safe.
 *
 * @param snapshotLoaded whether a valid snapshot was loaded
 * @param recordsReplayed event-log records replayed after the snapshot
 * @param tornBytesDropped bytes of a torn last record dropped (0 if the log ended cleanly); a
 *     warning is also logged through {@code java.util.logging}
 */
public record RecoveryStatus(boolean snapshotLoaded, long recordsReplayed, long tornBytesDropped) {

  /** Nothing was recovered: a fresh or in-memory instance. */
  public static final RecoveryStatus FRESH = new RecoveryStatus(false, 0, 0);
}
