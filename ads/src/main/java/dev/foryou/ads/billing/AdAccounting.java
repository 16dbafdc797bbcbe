package dev.foryou.ads.billing;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The ad server's money desk: budgets and pacing, frequency caps, the billing ledger, reports and
 * creator statements, optionally durable in a directory.
 *
 * <p>At auction time the ad server calls {@link #pacer()}{@code .admit} (throttle decision) and
 * {@link #caps()}{@code .tryAcquire} (cap check-and-reserve) per candidate, and for each winner
 * {@code pacer().reserve} with the most the impression can cost; losers' holds are released. After
 * the auction it calls {@link #ledger()}{@code .recordImpression} (which charges CPM at the
 * clearing price and settles the hold) and later {@code recordClick}.
 *
 * <p><b>Durability</b> (when {@link Builder#directory} is set): every configuration change and
 * every billing event is appended to {@code events.log} (records of {@code [length][CRC32C]
 * [payload]}) before it takes effect; {@link #snapshot()} writes {@code snapshot.bin} atomically
 * (temp file, then rename) with the log offset it covers. Opening the directory loads the snapshot
 * and replays the log after it; a torn last record (crash mid-write) is dropped with a warning and
 * reported by {@link #recovery()}. Replay is idempotent by event id, so a crash never
 * double-charges. Budget holds and cap holds in flight are not durable (they are released by the
 * restart); auction counts survive through snapshots only.
 *
 * <p>Thread-safe.
 */
public interface AdAccounting extends Closeable {

  /**
   * Registers a campaign budget, or updates it (same advertiser).
   *
   * @param budget the budget
   * @throws IllegalArgumentException if the campaign exists under another advertiser
   */
  void registerCampaign(CampaignBudget budget);

  /**
   * Sets the frequency caps of a campaign (replacing earlier ones; an empty list removes them).
   *
   * @param campaignId the campaign
   * @param rules the caps
   * @throws IllegalArgumentException if the id is empty
   */
  void setCampaignCaps(String campaignId, List<CapRule> rules);

  /**
   * Sets the frequency caps of an advertiser, over all its campaigns.
   *
   * @param advertiserId the advertiser
   * @param rules the caps
   * @throws IllegalArgumentException if the id is empty
   */
  void setAdvertiserCaps(String advertiserId, List<CapRule> rules);

  /**
   * Budgets and pacing.
   *
   * @return the pacer
   */
  BudgetPacer pacer();

  /**
   * Frequency caps.
   *
   * @return the caps
   */
  FrequencyCaps caps();

  /**
   * The billing ledger.
   *
   * @return the ledger
   */
  Ledger ledger();

  /**
   * Delivery reports.
   *
   * @return the reports
   */
  Reports reports();

  /**
   * Writes a snapshot of all state and the log offset it covers (atomically); no-op without a
   * directory.
   *
   * @throws java.io.UncheckedIOException if writing fails (the previous snapshot stays)
   */
  void snapshot();

  /**
   * What was recovered when this instance was opened.
   *
   * @return the recovery status
   */
  RecoveryStatus recovery();

  /** Flushes and closes the event log. */
  @Override
  void close();

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AdAccounting}. Not thread-safe. Every setting may be given once. */
  final class Builder {
    ZoneId zone;
    Integer creatorShareBps;
    Long fundRpmMicros;
    Long minClickDelayMillis;
    Long qualifiedVideoMillis;
    Long qualifiedWatchMillis;
    Long pacingSlotMillis;
    Path directory;
    Boolean fsync;

    Builder() {}

    private static void once(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " already set");
      }
    }

    /**
     * The zone of calendar-day caps and creator statements (default UTC).
     *
     * @param zone the zone
     * @return this
     */
    public Builder zone(ZoneId zone) {
      once(this.zone, "zone");
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * The creators' share of the ad revenue next to their videos, in basis points (default 5000 =
     * 50 %).
     *
     * @param bps 0..10000
     * @return this
     */
    public Builder creatorShareBps(int bps) {
      once(creatorShareBps, "creatorShareBps");
      if (bps < 0 || bps > 10_000) {
        throw new IllegalArgumentException("creatorShareBps must be in 0..10000: " + bps);
      }
      this.creatorShareBps = bps;
      return this;
    }

    /**
     * The creator fund's payout per 1,000 qualified views, in micros (default 30,000 = 0.03).
     *
     * @param micros at least 0
     * @return this
     */
    public Builder fundRpmMicros(long micros) {
      once(fundRpmMicros, "fundRpmMicros");
      if (micros < 0) {
        throw new IllegalArgumentException("fundRpmMicros must be >= 0: " + micros);
      }
      this.fundRpmMicros = micros;
      return this;
    }

    /**
     * Clicks sooner than this after their impression are invalid (default 500 ms).
     *
     * @param millis at least 0
     * @return this
     */
    public Builder minClickDelayMillis(long millis) {
      once(minClickDelayMillis, "minClickDelayMillis");
      if (millis < 0) {
        throw new IllegalArgumentException("minClickDelayMillis must be >= 0: " + millis);
      }
      this.minClickDelayMillis = millis;
      return this;
    }

    /**
     * Minimum video length for a creator-fund view (default 60 s).
     *
     * @param millis at least 1
     * @return this
     */
    public Builder qualifiedVideoMillis(long millis) {
      once(qualifiedVideoMillis, "qualifiedVideoMillis");
      if (millis < 1) {
        throw new IllegalArgumentException("qualifiedVideoMillis must be >= 1: " + millis);
      }
      this.qualifiedVideoMillis = millis;
      return this;
    }

    /**
     * Minimum watch time for a creator-fund view (default 5 s).
     *
     * @param millis at least 0
     * @return this
     */
    public Builder qualifiedWatchMillis(long millis) {
      once(qualifiedWatchMillis, "qualifiedWatchMillis");
      if (millis < 0) {
        throw new IllegalArgumentException("qualifiedWatchMillis must be >= 0: " + millis);
      }
      this.qualifiedWatchMillis = millis;
      return this;
    }

    /**
     * Length of the pacing controller's slot (default 60 s).
     *
     * @param millis at least 1000 and dividing one hour
     * @return this
     */
    public Builder pacingSlotMillis(long millis) {
      once(pacingSlotMillis, "pacingSlotMillis");
      if (millis < 1000 || 3_600_000L % millis != 0) {
        throw new IllegalArgumentException(
            "pacingSlotMillis must be >= 1000 and divide one hour: " + millis);
      }
      this.pacingSlotMillis = millis;
      return this;
    }

    /**
     * Makes the state durable in a directory (created if missing; recovered if it holds state).
     *
     * @param dir the directory
     * @return this
     */
    public Builder directory(Path dir) {
      once(directory, "directory");
      this.directory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Forces every log record to the device before returning (default {@code false}: records reach
     * the OS, which survives a process crash but not a power loss).
     *
     * @param fsync whether to force
     * @return this
     */
    public Builder fsync(boolean fsync) {
      once(this.fsync, "fsync");
      this.fsync = fsync;
      return this;
    }

    /**
     * Builds, recovering from the directory if it holds state.
     *
     * @return the accounting
     * @throws java.io.UncheckedIOException if the directory cannot be read or its log is corrupt
     */
    public AdAccounting build() {
      return new AccountingImpl(this);
    }
  }
}
