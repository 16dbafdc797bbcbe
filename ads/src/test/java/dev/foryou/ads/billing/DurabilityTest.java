package dev.foryou.ads.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
  private static final LocalDate DAY = LocalDate.of(2026, 8, 3);
  private static final long T0 = DAY.atStartOfDay(ZONE).toInstant().toEpochMilli();

  @TempDir Path tmp;

  private static AdAccounting open(Path dir) {
    AdAccounting.Builder b = AdAccounting.builder().zone(ZONE).creatorShareBps(3_333);
    if (dir != null) {
      b.directory(dir);
    }
    return b.build();
  }

  /** A seeded stream of configuration and events, as calls on an accounting. */
  private static List<Consumer<AdAccounting>> script(long seed, int events) {
    Random rnd = new Random(seed);
    List<Consumer<AdAccounting>> ops = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      String id = "c" + c;
      long daily = 2_000_000 + rnd.nextInt(2_000_000);
      ops.add(
          a ->
              a.registerCampaign(
                  CampaignBudget.of(
                      id,
                      "adv" + (Integer.parseInt(id.substring(1)) % 2),
                      daily,
                      daily * 3,
                      PacingMode.EVEN,
                      ZONE)));
    }
    ops.add(a -> a.setCampaignCaps("c0", List.of(new CapRule(CapWindow.hours(1), 2))));
    ops.add(a -> a.setAdvertiserCaps("adv1", List.of(new CapRule(CapWindow.calendarDay(), 5))));
    for (int e = 0; e < events; e++) {
      long ts = T0 + e * 30_000L;
      int kind = rnd.nextInt(10);
      int c = rnd.nextInt(3);
      String user = "u" + rnd.nextInt(20);
      String imp = "i" + rnd.nextInt(e + 1); // sometimes a duplicate
      long price = rnd.nextInt(9_000_000);
      boolean cpc = rnd.nextBoolean();
      String creator = rnd.nextBoolean() ? "" : "cr" + rnd.nextInt(4);
      int clickTarget = rnd.nextInt(e + 1);
      long clickDelay = rnd.nextInt(3_000);
      String view = "vid" + rnd.nextInt(10);
      long watch = rnd.nextInt(100_000);
      if (kind < 6) {
        ops.add(
            a -> {
              String adv = "adv" + (c % 2);
              CapHold h = a.caps().tryAcquire(user, "c" + c, adv, ts);
              if (h.granted()) {
                a.ledger()
                    .recordImpression(
                        new AdImpression(
                            imp,
                            user,
                            adv,
                            "c" + c,
                            "c" + c + "-g",
                            creator,
                            cpc ? PricingModel.CPC : PricingModel.CPM,
                            price,
                            ts),
                        0,
                        h);
              }
            });
      } else if (kind < 9) {
        ops.add(
            a ->
                a.ledger()
                    .recordClick(
                        new AdClick("k" + clickTarget, "i" + clickTarget, ts + clickDelay)));
      } else {
        ops.add(
            a ->
                a.ledger()
                    .recordView(new VideoView("v" + imp, user, view, "cr1", 70_000, watch, ts)));
      }
    }
    return ops;
  }

  /** Everything observable about an accounting, as text. */
  static String fingerprint(AdAccounting a) {
    StringBuilder sb = new StringBuilder();
    sb.append(a.ledger().totals()).append('\n');
    for (int c = 0; c < 3; c++) {
      String id = "c" + c;
      String adv = "adv" + (c % 2);
      sb.append(a.pacer().spentOn(id, DAY))
          .append(' ')
          .append(a.pacer().spentLifetime(id))
          .append('\n');
      DeliveryReport r = a.reports().campaign(adv, id, DAY);
      sb.append(r.impressions())
          .append(' ')
          .append(r.clicks())
          .append(' ')
          .append(r.invalidClicks())
          .append(' ')
          .append(r.spendMicros())
          .append(' ')
          .append(java.util.Arrays.toString(r.hourlySpendMicros()))
          .append('\n');
      for (int u = 0; u < 20; u++) {
        sb.append(a.caps().campaignCount("u" + u, id, CapWindow.lifetime(), T0)).append(',');
      }
      sb.append('\n');
    }
    for (int cr = 0; cr < 4; cr++) {
      sb.append(a.ledger().creatorStatement("cr" + cr, DAY, DAY.plusDays(3))).append('\n');
    }
    return sb.toString();
  }

  @Test
  void restart_logOnly_recoversExactly() {
    List<Consumer<AdAccounting>> ops = script(7, 600);
    String expected;
    try (AdAccounting a = open(tmp)) {
      ops.forEach(op -> op.accept(a));
      expected = fingerprint(a);
    }
    AdAccounting memory = open(null);
    ops.forEach(op -> op.accept(memory));
    assertThat(fingerprint(memory)).isEqualTo(expected);
    try (AdAccounting b = open(tmp)) {
      assertThat(b.recovery().snapshotLoaded()).isFalse();
      assertThat(b.recovery().tornBytesDropped()).isZero();
      assertThat(fingerprint(b)).isEqualTo(expected);
    }
  }

  @Test
  void restart_snapshotPlusLog_recoversExactlyAndKeepsWorking() {
    for (long seed = 1; seed <= 5; seed++) {
      Path dir = tmp.resolve("s" + seed);
      List<Consumer<AdAccounting>> ops = script(seed, 500);
      String expected;
      try (AdAccounting a = open(dir)) {
        for (int i = 0; i < ops.size(); i++) {
          ops.get(i).accept(a);
          if (i == ops.size() / 2) {
            a.snapshot();
          }
        }
        expected = fingerprint(a);
      }
      try (AdAccounting b = open(dir)) {
        assertThat(b.recovery().snapshotLoaded()).as("seed %d", seed).isTrue();
        assertThat(b.recovery().recordsReplayed()).as("seed %d", seed).isPositive();
        assertThat(fingerprint(b)).as("seed %d", seed).isEqualTo(expected);
        // a client retrying every event after the restart is charged nothing more
        long before = b.ledger().totals().advertiserSpendMicros();
        script(seed, 500).forEach(op -> op.accept(b));
        assertThat(b.ledger().totals().advertiserSpendMicros())
            .as("seed %d", seed)
            .isEqualTo(before);
        b.snapshot();
        try {
          assertThat(AccountingImpl.logSeqs(dir)).as("older logs compacted away").hasSize(1);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      try (AdAccounting c = open(dir)) {
        assertThat(c.recovery().recordsReplayed()).as("seed %d", seed).isZero();
        assertThat(c.ledger().totals().advertiserSpendMicros())
            .isEqualTo(
                c.ledger().totals().platformRevenueMicros()
                    + c.ledger().totals().creatorShareMicros());
      }
    }
  }

  @Test
  void killMidWrite_tornLastRecordDropped_stateEqualsAllButLastEvent() throws IOException {
    List<Consumer<AdAccounting>> ops = script(11, 300);
    // find a prefix whose last op really appended an impression record
    Path dir = tmp.resolve("torn");
    long sizeBefore;
    long sizeAfter;
    int last = ops.size() - 1;
    try (AdAccounting a = open(dir)) {
      for (int i = 0; i < last; i++) {
        ops.get(i).accept(a);
      }
      a.snapshot();
      sizeBefore = Files.size(AccountingImpl.currentLog(dir));
      a.ledger()
          .recordImpression(
              new AdImpression(
                  "final",
                  "u1",
                  "adv0",
                  "c0",
                  "c0-g",
                  "cr1",
                  PricingModel.CPM,
                  5_000_000,
                  T0 + 999_999_999L),
              0);
      sizeAfter = Files.size(AccountingImpl.currentLog(dir));
    }
    assertThat(sizeAfter).isGreaterThan(sizeBefore + 8);
    // the crash: the last record is cut in the middle of its payload
    try (FileChannel ch =
        FileChannel.open(AccountingImpl.currentLog(dir), StandardOpenOption.WRITE)) {
      ch.truncate(sizeBefore + (sizeAfter - sizeBefore) / 2);
    }
    AdAccounting reference = open(null);
    for (int i = 0; i < last; i++) {
      ops.get(i).accept(reference);
    }
    try (AdAccounting b = open(dir)) {
      assertThat(b.recovery().tornBytesDropped()).isEqualTo((sizeAfter - sizeBefore) / 2);
      assertThat(fingerprint(b)).isEqualTo(fingerprint(reference));
      assertThat(Files.size(AccountingImpl.currentLog(dir))).isEqualTo(sizeBefore);
      // the retried event is charged once
      Charge c =
          b.ledger()
              .recordImpression(
                  new AdImpression(
                      "final",
                      "u1",
                      "adv0",
                      "c0",
                      "c0-g",
                      "cr1",
                      PricingModel.CPM,
                      5_000_000,
                      T0 + 999_999_999L),
                  0);
      assertThat(c.outcome()).isEqualTo(Outcome.RECORDED);
    }
    try (AdAccounting b = open(dir)) {
      assertThat(b.recovery().tornBytesDropped()).isZero();
      assertThat(
              b.ledger()
                  .recordImpression(
                      new AdImpression(
                          "final",
                          "u1",
                          "adv0",
                          "c0",
                          "c0-g",
                          "cr1",
                          PricingModel.CPM,
                          5_000_000,
                          T0 + 999_999_999L),
                      0)
                  .outcome())
          .isEqualTo(Outcome.DUPLICATE);
    }
  }

  @Test
  void killMidWrite_everyCutPoint_neverDoubleCharges() throws IOException {
    Path dir = tmp.resolve("cuts");
    List<Consumer<AdAccounting>> ops = script(3, 40);
    long size;
    try (AdAccounting a = open(dir)) {
      ops.forEach(op -> op.accept(a));
      size = Files.size(AccountingImpl.currentLog(dir));
    }
    byte[] full = Files.readAllBytes(AccountingImpl.currentLog(dir));
    AdAccounting all = open(null);
    ops.forEach(op -> op.accept(all));
    long fullSpend = all.ledger().totals().advertiserSpendMicros();
    for (int cut = 0; cut < size; cut += 23) {
      Path d = tmp.resolve("cut" + cut);
      Files.createDirectories(d);
      Files.write(AccountingImpl.logFile(d, 1), java.util.Arrays.copyOf(full, cut));
      try (AdAccounting b = open(d)) {
        long spend = b.ledger().totals().advertiserSpendMicros();
        if (cut > size / 2) {
          assertThat(b.recovery().recordsReplayed()).as("cut at %d", cut).isPositive();
        }
        assertThat(spend).as("cut at %d", cut).isLessThanOrEqualTo(fullSpend);
        // replaying the whole stream on top finishes exactly where an uninterrupted run did
        ops.forEach(
            op -> {
              try {
                op.accept(b);
              } catch (IllegalArgumentException alreadyRegistered) {
                // not expected: re-registration is an update
                throw alreadyRegistered;
              }
            });
        assertThat(b.ledger().totals().advertiserSpendMicros())
            .as("cut at %d", cut)
            .isEqualTo(fullSpend);
      }
    }
  }

  @Test
  void snapshot_holdsInFlight_areNotCountedAfterRestart() {
    Path dir = tmp.resolve("holds");
    try (AdAccounting a = open(dir)) {
      a.registerCampaign(
          CampaignBudget.of("c", "adv", 1_000_000, 1_000_000, PacingMode.ASAP, ZONE));
      a.setCampaignCaps("c", List.of(new CapRule(CapWindow.lifetime(), 2)));
      CapHold served = a.caps().tryAcquire("u", "c", "adv", T0);
      a.ledger()
          .recordImpression(
              new AdImpression("i1", "u", "adv", "c", "g", "", PricingModel.CPM, 1_000_000, T0),
              0,
              served);
      CapHold inFlight = a.caps().tryAcquire("u", "c", "adv", T0 + 1);
      assertThat(inFlight.granted()).isTrue();
      assertThat(a.caps().tryAcquire("u", "c", "adv", T0 + 2).granted()).isFalse();
      assertThatThrownBy(() -> a.caps().release(served))
          .as("a served impression's hold cannot be given back")
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(a.pacer().reserve("c", 500, T0)).isTrue();
      a.snapshot();
      assertThat(a.caps().campaignCount("u", "c", CapWindow.lifetime(), T0)).isEqualTo(2);
    }
    try (AdAccounting b = open(dir)) {
      assertThat(b.caps().campaignCount("u", "c", CapWindow.lifetime(), T0)).isEqualTo(1);
      assertThat(b.pacer().heldMicros("c")).isZero();
      assertThat(b.caps().tryAcquire("u", "c", "adv", T0 + 3).granted()).isTrue();
    }
  }

  @Test
  void crashDuringSnapshot_oldSnapshotPlusAllLogs_recoverExactly() throws IOException {
    Path dir = tmp.resolve("midsnap");
    List<Consumer<AdAccounting>> ops = script(13, 400);
    String expected;
    try (AdAccounting a = open(dir)) {
      for (int i = 0; i < 150; i++) {
        ops.get(i).accept(a);
      }
      a.snapshot(); // snapshot 1 -> log 2
      for (int i = 150; i < 300; i++) {
        ops.get(i).accept(a);
      }
      byte[] oldSnapshot = Files.readAllBytes(dir.resolve("snapshot.bin"));
      byte[] log2 = Files.readAllBytes(AccountingImpl.logFile(dir, 2));
      a.snapshot(); // snapshot 2 -> log 3
      for (int i = 300; i < ops.size(); i++) {
        ops.get(i).accept(a);
      }
      expected = fingerprint(a);
      // the crash: the new snapshot never reached its name, the old log was not yet deleted
      Files.write(dir.resolve("snapshot.bin"), oldSnapshot);
      Files.write(AccountingImpl.logFile(dir, 2), log2);
    }
    try (AdAccounting b = open(dir)) {
      assertThat(b.recovery().recordsReplayed()).isGreaterThan(150);
      assertThat(fingerprint(b)).isEqualTo(expected);
    }
  }

  @Test
  void closed_durableInstance_refusesEvents() {
    AdAccounting a = open(tmp.resolve("closed"));
    a.registerCampaign(CampaignBudget.of("c", "adv", 1_000, 1_000, PacingMode.ASAP, ZONE));
    a.close();
    assertThatThrownBy(
            () ->
                a.ledger()
                    .recordImpression(
                        new AdImpression("i", "u", "adv", "c", "g", "", PricingModel.CPM, 1, T0),
                        0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> a.ledger().recordClick(new AdClick("k", "i", T0)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> a.setCampaignCaps("c", List.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(a::snapshot).isInstanceOf(IllegalStateException.class);
    a.close(); // idempotent
  }

  @Test
  void idRetention_survivesSnapshotAndReplay() {
    Path dir = tmp.resolve("retention");
    long day = 86_400_000L;
    java.util.function.Supplier<AdAccounting> opener =
        () -> AdAccounting.builder().zone(ZONE).idRetentionDays(1).directory(dir).build();
    java.util.function.LongFunction<AdImpression> imp =
        t ->
            new AdImpression(
                "i" + t, "u", "adv", "c", "g", "", PricingModel.CPM, 2_000_000, T0 + t * day / 4);
    try (AdAccounting a = opener.get()) {
      a.registerCampaign(
          CampaignBudget.of(
              "c",
              "adv",
              CampaignBudget.UNLIMITED,
              CampaignBudget.UNLIMITED,
              PacingMode.ASAP,
              ZONE));
      for (long t = 0; t < 8; t++) { // two days, four impressions a day
        a.ledger().recordImpression(imp.apply(t), 0);
        if (t == 5) {
          a.snapshot();
        }
      }
    }
    for (int restart = 0; restart < 2; restart++) {
      try (AdAccounting b = opener.get()) {
        assertThat(b.ledger().recordImpression(imp.apply(4), 0).outcome())
            .isEqualTo(Outcome.DUPLICATE);
        assertThat(b.ledger().recordImpression(imp.apply(7), 0).outcome())
            .isEqualTo(Outcome.DUPLICATE);
        assertThat(b.ledger().totals().advertiserSpendMicros()).isEqualTo((8 + restart) * 2_000);
        b.ledger().recordImpression(imp.apply(8 + restart * 4), 0); // a new day moves the window
        b.snapshot();
      }
    }
    try (AdAccounting c = opener.get()) {
      assertThat(c.ledger().recordImpression(imp.apply(3), 0).outcome()).isEqualTo(Outcome.TOO_OLD);
      assertThat(c.ledger().totals().advertiserSpendMicros()).isEqualTo(10 * 2_000);
    }
  }

  @Test
  void corruptRecordInTheMiddle_failsLoudly() throws IOException {
    Path dir = tmp.resolve("corrupt");
    try (AdAccounting a = open(dir)) {
      script(5, 50).forEach(op -> op.accept(a));
    }
    Path log = AccountingImpl.currentLog(dir);
    byte[] bytes = Files.readAllBytes(log);
    bytes[20] ^= 0x5A; // inside the first record's payload
    Files.write(log, bytes);
    assertThatThrownBy(() -> open(dir))
        .isInstanceOf(UncheckedIOException.class)
        .hasStackTraceContaining("corrupt event log record at offset 0");
  }

  @Test
  void corruptSnapshot_failsLoudly() throws IOException {
    Path dir = tmp.resolve("badsnap");
    try (AdAccounting a = open(dir)) {
      script(5, 50).forEach(op -> op.accept(a));
      a.snapshot();
    }
    Path snap = dir.resolve("snapshot.bin");
    byte[] bytes = Files.readAllBytes(snap);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(snap, bytes);
    assertThatThrownBy(() -> open(dir))
        .isInstanceOf(UncheckedIOException.class)
        .hasStackTraceContaining("checksum");
  }
}
