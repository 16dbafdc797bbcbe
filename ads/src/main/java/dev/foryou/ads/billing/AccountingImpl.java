package dev.foryou.ads.billing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/** The facade: wires pacer, caps and ledger, and owns the log and snapshots. */
final class AccountingImpl implements AdAccounting {
  private static final Logger LOG = Logger.getLogger(AccountingImpl.class.getName());
  private static final int MAGIC = 0x46594143; // "FYAC"
  private static final int VERSION = 1;
  static final String LOG_FILE = "events.log";
  static final String SNAPSHOT_FILE = "snapshot.bin";

  private final PacerImpl pacer;
  private final CapsImpl caps;
  private final LedgerImpl ledger;
  private final Path dir;
  private final RecoveryStatus recovery;

  AccountingImpl(AdAccounting.Builder b) {
    var zone = b.zone == null ? ZoneOffset.UTC : b.zone;
    this.pacer = new PacerImpl(b.pacingSlotMillis == null ? 60_000L : b.pacingSlotMillis);
    this.caps = new CapsImpl(zone);
    this.ledger =
        new LedgerImpl(
            pacer,
            caps,
            zone,
            b.creatorShareBps == null ? 5_000 : b.creatorShareBps,
            b.fundRpmMicros == null ? 30_000L : b.fundRpmMicros,
            b.minClickDelayMillis == null ? 500L : b.minClickDelayMillis,
            b.qualifiedVideoMillis == null ? 60_000L : b.qualifiedVideoMillis,
            b.qualifiedWatchMillis == null ? 5_000L : b.qualifiedWatchMillis);
    this.dir = b.directory;
    if (dir == null) {
      recovery = RecoveryStatus.FRESH;
      return;
    }
    try {
      Files.createDirectories(dir);
      long from = 0;
      boolean loaded = false;
      Path snap = dir.resolve(SNAPSHOT_FILE);
      if (Files.exists(snap)) {
        from = loadSnapshot(snap);
        loaded = true;
      }
      EventLog.Replayed r =
          EventLog.replay(dir.resolve(LOG_FILE), from, in -> ledger.replay(in, this));
      ledger.attachLog(
          new EventLog(dir.resolve(LOG_FILE), r.validEnd(), Boolean.TRUE.equals(b.fsync)));
      recovery = new RecoveryStatus(loaded, r.records(), r.tornBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open ad accounting in " + dir, e);
    }
  }

  private long loadSnapshot(Path snap) throws IOException {
    byte[] all = Files.readAllBytes(snap);
    if (all.length < 4) {
      throw new IOException("snapshot too short: " + snap);
    }
    CRC32C crc = new CRC32C();
    crc.update(all, 0, all.length - 4);
    int stored =
        ((all[all.length - 4] & 0xff) << 24)
            | ((all[all.length - 3] & 0xff) << 16)
            | ((all[all.length - 2] & 0xff) << 8)
            | (all[all.length - 1] & 0xff);
    if ((int) crc.getValue() != stored) {
      throw new IOException("snapshot checksum mismatch: " + snap);
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 4));
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new IOException("not a version " + VERSION + " snapshot: " + snap);
    }
    long offset = in.readLong();
    pacer.read(in);
    caps.read(in);
    ledger.read(in);
    return offset;
  }

  void applyRegister(CampaignBudget budget) {
    pacer.register(budget);
  }

  @Override
  public void registerCampaign(CampaignBudget budget) {
    Objects.requireNonNull(budget, "budget");
    pacer.checkRegister(budget);
    synchronized (ledger) {
      logConfig(
          out -> {
            out.writeByte(Codec.REGISTER_CAMPAIGN);
            Codec.writeBudget(out, budget);
          });
      pacer.register(budget);
    }
  }

  @Override
  public void setCampaignCaps(String campaignId, List<CapRule> rules) {
    Ledger.requireId(campaignId, "campaignId");
    CapsImpl.validate(rules);
    synchronized (ledger) {
      logConfig(
          out -> {
            out.writeByte(Codec.CAMPAIGN_CAPS);
            out.writeUTF(campaignId);
            Codec.writeRules(out, rules);
          });
      caps.setCampaignRules(campaignId, rules);
    }
  }

  @Override
  public void setAdvertiserCaps(String advertiserId, List<CapRule> rules) {
    Ledger.requireId(advertiserId, "advertiserId");
    CapsImpl.validate(rules);
    synchronized (ledger) {
      logConfig(
          out -> {
            out.writeByte(Codec.ADVERTISER_CAPS);
            out.writeUTF(advertiserId);
            Codec.writeRules(out, rules);
          });
      caps.setAdvertiserRules(advertiserId, rules);
    }
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private void logConfig(Writer w) {
    EventLog log = ledger.log();
    if (log == null) {
      return;
    }
    try {
      w.write(log.begin());
      log.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the event log", e);
    }
  }

  @Override
  public BudgetPacer pacer() {
    return pacer;
  }

  @Override
  public FrequencyCaps caps() {
    return caps;
  }

  @Override
  public Ledger ledger() {
    return ledger;
  }

  @Override
  public Reports reports() {
    return ledger;
  }

  @Override
  public void snapshot() {
    if (dir == null) {
      return;
    }
    synchronized (ledger) {
      Path tmp = dir.resolve(SNAPSHOT_FILE + ".tmp");
      try {
        EventLog log = ledger.log();
        log.sync();
        long offset = log.position();
        try (FileChannel ch =
            FileChannel.open(
                tmp,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
          OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
          CRC32C crc = new CRC32C();
          DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
          out.writeInt(MAGIC);
          out.writeInt(VERSION);
          out.writeLong(offset);
          pacer.write(out);
          caps.write(out);
          ledger.write(out);
          out.flush();
          new DataOutputStream(raw).writeInt((int) crc.getValue());
          raw.flush();
          ch.force(true);
        }
        Files.move(
            tmp,
            dir.resolve(SNAPSHOT_FILE),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write snapshot in " + dir, e);
      }
    }
  }

  @Override
  public RecoveryStatus recovery() {
    return recovery;
  }

  @Override
  public void close() {
    synchronized (ledger) {
      EventLog log = ledger.log();
      if (log != null) {
        try {
          log.sync();
          log.close();
        } catch (IOException e) {
          LOG.warning("closing the event log failed: " + e);
        }
        ledger.attachLog(null);
      }
    }
  }
}
