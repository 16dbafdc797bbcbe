package dev.foryou.ads.billing;

import dev.foryou.core.IdMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/*
 * The ledger applies events one at a time under its own lock: live calls first append the event
 * to the log (if any), then apply it; replay applies logged events through the same code, so the
 * state after replay equals the state before the crash. Idempotency is by event id (impression ids
 * are the keys of the impression table, click and view ids are kept in a set; both are checked);
 * duplicates are logged too, so their counters replay exactly.
 */
final class LedgerImpl implements Ledger, Reports {
  static final int IMPR = 0;
  static final int CLICKS = 1;
  static final int INVALID = 2;
  static final int SPEND = 3;
  static final int AUCTIONS = 4;
  static final int WINS = 5;
  static final int N = 6;
  private static final long HOUR = 3_600_000L;

  private final PacerImpl pacer;
  private final CapsImpl caps;
  private final ZoneId zone;
  private final int creatorShareBps;
  private final long fundRpmMicros;
  private final long minClickDelayMillis;
  private final long qualifiedVideoMillis;
  private final long qualifiedWatchMillis;
  private EventLog log;
  private boolean closed;

  private final HashSet<String> seen = new HashSet<>();
  private final HashMap<String, Imp> impressions = new HashMap<>();
  private final IdMap adGroups = new IdMap();
  private final IdMap creators = new IdMap();
  private final IdMap viewers = new IdMap();
  private final IdMap videos = new IdMap();
  private final LongOpenHashSet viewed = new LongOpenHashSet();
  private int[] adGroupCampaign = minusOnes(16);
  private long[] cpmCarry = new long[16];
  private final ArrayList<Buckets> campaignStats = new ArrayList<>();
  private final ArrayList<Buckets> adGroupStats = new ArrayList<>();
  private final ArrayList<CreatorAcc> creatorAccs = new ArrayList<>();

  private long spend;
  private long creatorShare;
  private long budgetCapped;
  private long impressionCount;
  private long validClicks;
  private long duplicates;
  private long invalidNoImpression;
  private long invalidRepeat;
  private long invalidFast;
  private long qualifiedViews;
  private long tooOld;

  // event-id retention: ids (and impressions) older than this many days behind the newest event
  // are forgotten, and events that old are refused, so the id set stays bounded
  private long retentionDays = Long.MAX_VALUE;
  private long newestDay = Long.MIN_VALUE;
  private final java.util.TreeMap<Long, ArrayList<String>> idsByDay = new java.util.TreeMap<>();

  LedgerImpl(
      PacerImpl pacer,
      CapsImpl caps,
      ZoneId zone,
      int creatorShareBps,
      long fundRpmMicros,
      long minClickDelayMillis,
      long qualifiedVideoMillis,
      long qualifiedWatchMillis) {
    this.pacer = pacer;
    this.caps = caps;
    this.zone = zone;
    this.creatorShareBps = creatorShareBps;
    this.fundRpmMicros = fundRpmMicros;
    this.minClickDelayMillis = minClickDelayMillis;
    this.qualifiedVideoMillis = qualifiedVideoMillis;
    this.qualifiedWatchMillis = qualifiedWatchMillis;
  }

  private static int[] minusOnes(int n) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, -1);
    return a;
  }

  void retentionDays(long days) {
    this.retentionDays = days;
  }

  /** Whether an event is older than the id retention (it can no longer be deduplicated). */
  private boolean tooOld(long ts) {
    if (retentionDays == Long.MAX_VALUE || newestDay == Long.MIN_VALUE) {
      return false;
    }
    if (day(ts) < newestDay - retentionDays) {
      tooOld++;
      return true;
    }
    return false;
  }

  /** Files an accepted id under its day and forgets ids that left the retention window. */
  private void remember(String id, long ts) {
    if (retentionDays == Long.MAX_VALUE) {
      return;
    }
    long d = day(ts);
    idsByDay.computeIfAbsent(d, k -> new ArrayList<>()).add(id);
    if (d > newestDay) {
      newestDay = d;
      long keepFrom = newestDay - retentionDays;
      while (!idsByDay.isEmpty() && idsByDay.firstKey() < keepFrom) {
        for (String old : idsByDay.pollFirstEntry().getValue()) {
          seen.remove(old);
          impressions.remove(old);
        }
      }
    }
  }

  synchronized void attachLog(EventLog log) {
    this.log = log;
  }

  /** After close a durable ledger refuses events (they could not be logged). */
  synchronized void markClosed() {
    closed = true;
  }

  synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("ad accounting is closed");
    }
  }

  synchronized EventLog log() {
    return log;
  }

  /** One impression, kept for click validation and attribution. */
  private static final class Imp {
    final int campaign;
    final int adGroup;
    final int creator;
    final PricingModel pricing;
    final long price;
    final long ts;
    boolean clicked;

    Imp(int campaign, int adGroup, int creator, PricingModel pricing, long price, long ts) {
      this.campaign = campaign;
      this.adGroup = adGroup;
      this.creator = creator;
      this.pricing = pricing;
      this.price = price;
      this.ts = ts;
    }
  }

  /** Counters per epoch hour (UTC), with the current hour cached. */
  static final class Buckets {
    final Long2ObjectOpenHashMap<long[]> hours = new Long2ObjectOpenHashMap<>();
    private long curHour = Long.MIN_VALUE;
    private long[] cur;

    long[] at(long millis) {
      long h = Math.floorDiv(millis, HOUR);
      if (h == curHour) {
        return cur;
      }
      long[] b = hours.get(h);
      if (b == null) {
        b = new long[N];
        hours.put(h, b);
      }
      curHour = h;
      cur = b;
      return b;
    }

    void write(DataOutput out) throws IOException {
      out.writeInt(hours.size());
      for (Long2ObjectMap.Entry<long[]> e : hours.long2ObjectEntrySet()) {
        out.writeLong(e.getLongKey());
        for (long v : e.getValue()) {
          out.writeLong(v);
        }
      }
    }

    void read(DataInput in) throws IOException {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        long h = in.readLong();
        long[] b = new long[N];
        for (int k = 0; k < N; k++) {
          b[k] = in.readLong();
        }
        hours.put(h, b);
      }
      curHour = Long.MIN_VALUE;
    }
  }

  /** A creator's money, by day of the accounting zone: [adImpressions, shareMicros, views]. */
  private static final class CreatorAcc {
    long carry;
    final HashMap<Long, long[]> days = new HashMap<>();

    long[] day(long epochDay) {
      return days.computeIfAbsent(epochDay, d -> new long[3]);
    }
  }

  private static <T> T grow(ArrayList<T> list, int idx, java.util.function.Supplier<T> make) {
    while (list.size() <= idx) {
      list.add(make.get());
    }
    return list.get(idx);
  }

  private long dayStart = Long.MAX_VALUE;
  private long dayEnd = Long.MIN_VALUE;
  private long dayIndex;

  /** Epoch day of an instant in the accounting zone (boundaries cached; called under the lock). */
  private long day(long millis) {
    if (millis >= dayStart && millis < dayEnd) {
      return dayIndex;
    }
    LocalDate d = Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
    dayStart = d.atStartOfDay(zone).toInstant().toEpochMilli();
    dayEnd = d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    dayIndex = d.toEpochDay();
    return dayIndex;
  }

  private void writeLog(Object event) {
    checkOpen();
    if (log == null) {
      return;
    }
    try {
      var out = log.begin();
      switch (event) {
        case AdImpression e -> Codec.writeImpression(out, e);
        case AdClick e -> Codec.writeClick(out, e);
        case VideoView e -> Codec.writeView(out, e);
        default -> throw new IllegalStateException("not an event: " + event);
      }
      log.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the event log", e);
    }
  }

  // ---- impressions ----

  @Override
  public Charge recordImpression(AdImpression imp, long heldMicros) {
    return recordImpression(imp, heldMicros, CapHold.DENIED);
  }

  @Override
  public Charge recordImpression(AdImpression imp, long heldMicros, CapHold capHold) {
    Objects.requireNonNull(imp, "impression");
    Objects.requireNonNull(capHold, "capHold");
    int c = checkCampaign(imp.campaignId(), imp.advertiserId());
    if (heldMicros != 0) {
      pacer.campaign(c).checkHold(heldMicros);
    }
    caps.checkCommit(capHold, imp.userId(), imp.campaignId(), imp.advertiserId());
    synchronized (this) {
      checkAdGroup(imp.adGroupId(), c);
      writeLog(imp);
      return applyImpression(imp, heldMicros, capHold);
    }
  }

  private int checkCampaign(String campaignId, String advertiserId) {
    int c = pacer.indexOf(campaignId);
    if (c < 0) {
      throw new IllegalArgumentException("campaign has no registered budget: " + campaignId);
    }
    String owner = pacer.campaign(c).budget.advertiserId();
    if (!owner.equals(advertiserId)) {
      throw new IllegalArgumentException(
          "campaign " + campaignId + " belongs to advertiser " + owner + ", not " + advertiserId);
    }
    return c;
  }

  private void checkAdGroup(String adGroupId, int campaign) {
    var g = adGroups.indexOf(adGroupId);
    if (g.isPresent() && g.getAsInt() < adGroupCampaign.length) {
      int owner = adGroupCampaign[g.getAsInt()];
      if (owner != campaign && owner >= 0) {
        throw new IllegalArgumentException(
            "ad group " + adGroupId + " belongs to campaign " + pacer.id(owner));
      }
    }
  }

  private int adGroup(String adGroupId, int campaign) {
    int g = adGroups.intern(adGroupId);
    if (g >= adGroupCampaign.length) {
      int old = adGroupCampaign.length;
      adGroupCampaign = java.util.Arrays.copyOf(adGroupCampaign, Math.max(g + 1, old * 2));
      java.util.Arrays.fill(adGroupCampaign, old, adGroupCampaign.length, -1);
    }
    if (adGroupCampaign[g] < 0) {
      adGroupCampaign[g] = campaign;
    }
    return g;
  }

  private Charge applyImpression(AdImpression e, long hold, CapHold capHold) {
    int c = pacer.indexOf(e.campaignId());
    PacerImpl.Campaign pc = pacer.campaign(c);
    boolean old = tooOld(e.timestampMillis());
    // impression ids live in the impression table, other ids in the seen set: one namespace
    if (old || seen.contains(e.eventId()) || impressions.containsKey(e.eventId())) {
      if (old) {
        if (hold > 0) {
          pc.release(Math.min(hold, pc.held));
        }
        if (capHold.granted() && !capHold.released.get()) {
          caps.release(capHold);
        }
        return new Charge(Outcome.TOO_OLD, 0, 0);
      }
      duplicates++;
      if (hold > 0) {
        pc.release(Math.min(hold, pc.held));
      }
      if (capHold.granted() && !capHold.released.get()) {
        caps.release(capHold); // a retried report: its impression was counted the first time
      }
      return new Charge(Outcome.DUPLICATE, 0, 0);
    }
    int g = adGroup(e.adGroupId(), c);
    int cr = e.creatorId().isEmpty() ? -1 : creators.intern(e.creatorId());
    impressions.put(
        e.eventId(), new Imp(c, g, cr, e.pricing(), e.priceMicros(), e.timestampMillis()));
    remember(e.eventId(), e.timestampMillis());
    long nominal = 0;
    if (e.pricing() == PricingModel.CPM) {
      if (c >= cpmCarry.length) {
        cpmCarry = java.util.Arrays.copyOf(cpmCarry, Math.max(c + 1, cpmCarry.length * 2));
      }
      long sum = cpmCarry[c] + e.priceMicros();
      nominal = sum / 1000;
      cpmCarry[c] = sum % 1000;
    }
    long charged = pc.charge(e.timestampMillis(), nominal, hold);
    budgetCapped += nominal - charged;
    impressionCount++;
    caps.commit(capHold, e.userId(), e.campaignId(), e.advertiserId(), e.timestampMillis());
    long share = book(c, g, cr, charged, e.timestampMillis());
    bump(c, g, e.timestampMillis(), IMPR, 1);
    if (cr >= 0) {
      creatorAccs.get(cr).day(day(e.timestampMillis()))[0]++;
    }
    return new Charge(Outcome.RECORDED, charged, share);
  }

  /** Books a charge: totals, stats and the creator's share; returns the share. */
  private long book(int c, int g, int cr, long charged, long ts) {
    spend += charged;
    long share = 0;
    if (cr >= 0) {
      CreatorAcc acc = grow(creatorAccs, cr, CreatorAcc::new);
      if (charged > 0) {
        long num = acc.carry + Math.multiplyExact(charged, (long) creatorShareBps);
        share = num / 10_000;
        acc.carry = num % 10_000;
        acc.day(day(ts))[1] += share;
      }
    }
    creatorShare += share;
    bump(c, g, ts, SPEND, charged);
    return share;
  }

  private void bump(int c, int g, long ts, int field, long by) {
    grow(campaignStats, c, Buckets::new).at(ts)[field] += by;
    grow(adGroupStats, g, Buckets::new).at(ts)[field] += by;
  }

  // ---- clicks ----

  @Override
  public synchronized Charge recordClick(AdClick click) {
    Objects.requireNonNull(click, "click");
    writeLog(click);
    return applyClick(click);
  }

  /**
   * Admits the id of a click or view: a refusal (too old, or a duplicate, counted) or null once the
   * id is filed as seen.
   */
  private Charge admitId(String id, long ts) {
    if (tooOld(ts)) {
      return new Charge(Outcome.TOO_OLD, 0, 0);
    }
    if (impressions.containsKey(id) || !seen.add(id)) {
      duplicates++;
      return new Charge(Outcome.DUPLICATE, 0, 0);
    }
    remember(id, ts);
    return null;
  }

  private Charge applyClick(AdClick e) {
    Charge refused = admitId(e.eventId(), e.timestampMillis());
    if (refused != null) {
      return refused;
    }
    Imp imp = impressions.get(e.impressionId());
    if (imp == null) {
      invalidNoImpression++;
      return new Charge(Outcome.INVALID_NO_IMPRESSION, 0, 0);
    }
    if (imp.clicked) {
      invalidRepeat++;
      bump(imp.campaign, imp.adGroup, e.timestampMillis(), INVALID, 1);
      return new Charge(Outcome.INVALID_REPEAT_CLICK, 0, 0);
    }
    if (e.timestampMillis() - imp.ts < minClickDelayMillis || e.timestampMillis() < imp.ts) {
      imp.clicked = true; // the impression's one click was spent on an invalid one
      invalidFast++;
      bump(imp.campaign, imp.adGroup, e.timestampMillis(), INVALID, 1);
      return new Charge(Outcome.INVALID_TOO_FAST, 0, 0);
    }
    imp.clicked = true;
    validClicks++;
    bump(imp.campaign, imp.adGroup, e.timestampMillis(), CLICKS, 1);
    long charged = 0;
    long share = 0;
    if (imp.pricing == PricingModel.CPC) {
      charged = pacer.campaign(imp.campaign).charge(e.timestampMillis(), imp.price, 0);
      budgetCapped += imp.price - charged;
      share = book(imp.campaign, imp.adGroup, imp.creator, charged, e.timestampMillis());
    }
    return new Charge(Outcome.RECORDED, charged, share);
  }

  // ---- views ----

  @Override
  public synchronized Charge recordView(VideoView view) {
    Objects.requireNonNull(view, "view");
    writeLog(view);
    return applyView(view);
  }

  private Charge applyView(VideoView e) {
    Charge refused = admitId(e.eventId(), e.timestampMillis());
    if (refused != null) {
      return refused;
    }
    int cr = creators.intern(e.creatorId());
    CreatorAcc acc = grow(creatorAccs, cr, CreatorAcc::new);
    long key = ((long) viewers.intern(e.userId()) << 32) | videos.intern(e.videoId());
    boolean first = viewed.add(key);
    if (first
        && e.videoDurationMs() >= qualifiedVideoMillis
        && e.watchMs() >= qualifiedWatchMillis) {
      qualifiedViews++;
      acc.day(day(e.timestampMillis()))[2]++;
      return new Charge(Outcome.QUALIFIED_VIEW, 0, 0);
    }
    return new Charge(Outcome.UNQUALIFIED_VIEW, 0, 0);
  }

  // ---- auctions ----

  @Override
  public void recordAuction(String campaignId, String adGroupId, boolean won, long nowMillis) {
    Ledger.requireId(campaignId, "campaignId");
    Ledger.requireId(adGroupId, "adGroupId");
    int c = pacer.indexOf(campaignId);
    if (c < 0) {
      throw new IllegalArgumentException("campaign has no registered budget: " + campaignId);
    }
    synchronized (this) {
      checkAdGroup(adGroupId, c);
      int g = adGroup(adGroupId, c);
      bump(c, g, nowMillis, AUCTIONS, 1);
      if (won) {
        bump(c, g, nowMillis, WINS, 1);
      }
    }
  }

  // ---- replay ----

  /** Applies one logged event (no log write, no holds). */
  synchronized void replay(java.io.DataInputStream in, AccountingImpl owner) throws IOException {
    byte type = in.readByte();
    switch (type) {
      case Codec.REGISTER_CAMPAIGN -> owner.applyRegister(Codec.readBudget(in));
      case Codec.CAMPAIGN_CAPS -> caps.setCampaignRules(in.readUTF(), Codec.readRules(in));
      case Codec.ADVERTISER_CAPS -> caps.setAdvertiserRules(in.readUTF(), Codec.readRules(in));
      case Codec.IMPRESSION -> {
        AdImpression e = Codec.readImpression(in);
        checkCampaign(e.campaignId(), e.advertiserId());
        applyImpression(e, 0, CapHold.DENIED);
      }
      case Codec.CLICK -> applyClick(Codec.readClick(in));
      case Codec.VIEW -> applyView(Codec.readView(in));
      default -> throw new IOException("unknown event log record type " + type);
    }
  }

  // ---- totals and statements ----

  @Override
  public synchronized LedgerTotals totals() {
    return new LedgerTotals(
        spend,
        spend - creatorShare,
        creatorShare,
        fund(qualifiedViews),
        budgetCapped,
        impressionCount,
        validClicks,
        duplicates,
        invalidNoImpression,
        invalidRepeat,
        invalidFast,
        qualifiedViews,
        tooOld);
  }

  private long fund(long views) {
    return Math.multiplyExact(views, fundRpmMicros) / 1000;
  }

  @Override
  public synchronized CreatorStatement creatorStatement(
      String creatorId, LocalDate from, LocalDate to) {
    Ledger.requireId(creatorId, "creatorId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to " + to + " is before from " + from);
    }
    var idx = creators.indexOf(creatorId);
    long imps = 0;
    long share = 0;
    long views = 0;
    if (idx.isPresent() && idx.getAsInt() < creatorAccs.size()) {
      CreatorAcc acc = creatorAccs.get(idx.getAsInt());
      for (Map.Entry<Long, long[]> e : acc.days.entrySet()) {
        long d = e.getKey();
        if (d >= from.toEpochDay() && d <= to.toEpochDay()) {
          imps += e.getValue()[0];
          share += e.getValue()[1];
          views += e.getValue()[2];
        }
      }
    }
    return new CreatorStatement(creatorId, from, to, imps, share, views, fund(views));
  }

  // ---- reports ----

  @Override
  public DeliveryReport campaign(String requester, String campaignId, LocalDate day) {
    Ledger.requireId(requester, "requesterAdvertiserId");
    Ledger.requireId(campaignId, "campaignId");
    Objects.requireNonNull(day, "day");
    int c = pacer.indexOf(campaignId);
    if (c < 0) {
      throw new IllegalArgumentException("unknown campaign: " + campaignId);
    }
    CampaignBudget b = pacer.budget(campaignId);
    if (!b.advertiserId().equals(requester)) {
      throw new ReportAccessDeniedException(
          "advertiser " + requester + " may not read campaign " + campaignId);
    }
    synchronized (this) {
      long[][] hourly =
          hourly(c < campaignStats.size() ? campaignStats.get(c) : null, b.zone(), day);
      return report("campaign", campaignId, day, hourly, plan(b), dailyOf(b));
    }
  }

  @Override
  public DeliveryReport adGroup(String requester, String adGroupId, LocalDate day) {
    Ledger.requireId(requester, "requesterAdvertiserId");
    Ledger.requireId(adGroupId, "adGroupId");
    Objects.requireNonNull(day, "day");
    synchronized (this) {
      var g = adGroups.indexOf(adGroupId);
      if (g.isEmpty()) {
        throw new IllegalArgumentException("unknown ad group: " + adGroupId);
      }
      int c = adGroupCampaign[g.getAsInt()];
      CampaignBudget b = pacer.campaign(c).budget;
      if (!b.advertiserId().equals(requester)) {
        throw new ReportAccessDeniedException(
            "advertiser " + requester + " may not read ad group " + adGroupId);
      }
      Buckets s = g.getAsInt() < adGroupStats.size() ? adGroupStats.get(g.getAsInt()) : null;
      return report("adGroup", adGroupId, day, hourly(s, b.zone(), day), plan(b), dailyOf(b));
    }
  }

  @Override
  public DeliveryReport advertiser(String requester, String advertiserId, LocalDate day) {
    Ledger.requireId(requester, "requesterAdvertiserId");
    Ledger.requireId(advertiserId, "advertiserId");
    Objects.requireNonNull(day, "day");
    if (!requester.equals(advertiserId)) {
      throw new ReportAccessDeniedException(
          "advertiser " + requester + " may not read advertiser " + advertiserId);
    }
    long[][] sum = new long[24][N];
    long[] plan = new long[24];
    long daily = 0;
    synchronized (this) {
      for (int c = 0; c < pacer.size(); c++) {
        CampaignBudget b = pacer.campaign(c).budget;
        if (!b.advertiserId().equals(advertiserId)) {
          continue;
        }
        long[][] h = hourly(c < campaignStats.size() ? campaignStats.get(c) : null, b.zone(), day);
        long[] p = plan(b);
        for (int i = 0; i < 24; i++) {
          for (int k = 0; k < N; k++) {
            sum[i][k] += h[i][k];
          }
          plan[i] += p[i];
        }
        daily += dailyOf(b);
      }
    }
    return report("advertiser", advertiserId, day, sum, plan, daily);
  }

  private long[] plan(CampaignBudget b) {
    return b.dailyMicros() == CampaignBudget.UNLIMITED
        ? new long[24]
        : pacer.hourlyPlan(b.campaignId());
  }

  private static long dailyOf(CampaignBudget b) {
    return b.dailyMicros() == CampaignBudget.UNLIMITED ? 0 : b.dailyMicros();
  }

  /** Counters per wall-clock hour of {@code day} in {@code zone}. */
  private static long[][] hourly(Buckets s, ZoneId zone, LocalDate day) {
    long[][] out = new long[24][N];
    if (s == null) {
      return out;
    }
    long start = day.atStartOfDay(zone).toInstant().toEpochMilli();
    long end = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    long firstHour = Math.floorDiv(start, HOUR);
    long lastHour = Math.floorDiv(end - 1, HOUR);
    for (long h = firstHour; h <= lastHour; h++) {
      long[] b = s.hours.get(h);
      if (b == null) {
        continue;
      }
      // the wall-clock hour: on a 25-hour day both 02:00s add up, a 23-hour day skips one
      int local = Instant.ofEpochMilli(Math.max(start, h * HOUR)).atZone(zone).getHour();
      for (int k = 0; k < N; k++) {
        out[local][k] += b[k];
      }
    }
    return out;
  }

  private static DeliveryReport report(
      String level, String id, LocalDate day, long[][] hourly, long[] plan, long daily) {
    long[] t = new long[N];
    long[] spendByHour = new long[24];
    double[] err = new double[24];
    for (int h = 0; h < 24; h++) {
      for (int k = 0; k < N; k++) {
        t[k] += hourly[h][k];
      }
      spendByHour[h] = hourly[h][SPEND];
      err[h] =
          plan[h] == 0
              ? (spendByHour[h] == 0 ? 0 : 1)
              : (spendByHour[h] - plan[h]) / (double) plan[h];
    }
    long imps = t[IMPR];
    long clicks = t[CLICKS];
    long spent = t[SPEND];
    return new DeliveryReport(
        level,
        id,
        day,
        imps,
        clicks,
        t[INVALID],
        spent,
        t[AUCTIONS],
        t[WINS],
        imps == 0 ? 0 : clicks / (double) imps,
        imps == 0 ? 0 : Math.multiplyExact(spent, 1000L) / imps,
        clicks == 0 ? 0 : spent / clicks,
        t[AUCTIONS] == 0 ? 0 : t[WINS] / (double) t[AUCTIONS],
        daily == 0 ? 0 : spent / (double) daily,
        spendByHour,
        plan,
        err);
  }

  // ---- snapshot ----

  synchronized void write(DataOutput out) throws IOException {
    out.writeInt(seen.size());
    for (String s : seen) {
      out.writeUTF(s);
    }
    Codec.writeIds(out, adGroups);
    for (int g = 0; g < adGroups.size(); g++) {
      out.writeInt(adGroupCampaign[g]);
    }
    Codec.writeIds(out, creators);
    Codec.writeIds(out, viewers);
    Codec.writeIds(out, videos);
    out.writeInt(impressions.size());
    for (Map.Entry<String, Imp> e : impressions.entrySet()) {
      Imp i = e.getValue();
      out.writeUTF(e.getKey());
      out.writeInt(i.campaign);
      out.writeInt(i.adGroup);
      out.writeInt(i.creator);
      out.writeByte(i.pricing.ordinal());
      out.writeLong(i.price);
      out.writeLong(i.ts);
      out.writeBoolean(i.clicked);
    }
    out.writeInt(viewed.size());
    for (long k : viewed) {
      out.writeLong(k);
    }
    out.writeInt(cpmCarry.length);
    for (long v : cpmCarry) {
      out.writeLong(v);
    }
    writeBuckets(out, campaignStats);
    writeBuckets(out, adGroupStats);
    out.writeInt(creatorAccs.size());
    for (CreatorAcc a : creatorAccs) {
      out.writeLong(a.carry);
      out.writeInt(a.days.size());
      for (Map.Entry<Long, long[]> e : a.days.entrySet()) {
        out.writeLong(e.getKey());
        for (long v : e.getValue()) {
          out.writeLong(v);
        }
      }
    }
    for (long v :
        new long[] {
          spend,
          creatorShare,
          budgetCapped,
          impressionCount,
          validClicks,
          duplicates,
          invalidNoImpression,
          invalidRepeat,
          invalidFast,
          qualifiedViews,
          tooOld,
          newestDay
        }) {
      out.writeLong(v);
    }
    out.writeInt(idsByDay.size());
    for (Map.Entry<Long, ArrayList<String>> e : idsByDay.entrySet()) {
      out.writeLong(e.getKey());
      out.writeInt(e.getValue().size());
      for (String id : e.getValue()) {
        out.writeUTF(id);
      }
    }
  }

  private static void writeBuckets(DataOutput out, List<Buckets> list) throws IOException {
    out.writeInt(list.size());
    for (Buckets b : list) {
      b.write(out);
    }
  }

  private static void readBuckets(DataInput in, List<Buckets> list) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      Buckets b = new Buckets();
      b.read(in);
      list.add(b);
    }
  }

  synchronized void read(DataInput in) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      seen.add(in.readUTF());
    }
    Codec.readIds(in, adGroups);
    adGroupCampaign = minusOnes(Math.max(16, adGroups.size()));
    for (int g = 0; g < adGroups.size(); g++) {
      adGroupCampaign[g] = in.readInt();
    }
    Codec.readIds(in, creators);
    Codec.readIds(in, viewers);
    Codec.readIds(in, videos);
    int ni = in.readInt();
    for (int i = 0; i < ni; i++) {
      String id = in.readUTF();
      Imp imp =
          new Imp(
              in.readInt(),
              in.readInt(),
              in.readInt(),
              PricingModel.values()[in.readByte()],
              in.readLong(),
              in.readLong());
      imp.clicked = in.readBoolean();
      impressions.put(id, imp);
    }
    int nv = in.readInt();
    for (int i = 0; i < nv; i++) {
      viewed.add(in.readLong());
    }
    cpmCarry = new long[in.readInt()];
    for (int i = 0; i < cpmCarry.length; i++) {
      cpmCarry[i] = in.readLong();
    }
    readBuckets(in, campaignStats);
    readBuckets(in, adGroupStats);
    int nc = in.readInt();
    for (int i = 0; i < nc; i++) {
      CreatorAcc a = new CreatorAcc();
      a.carry = in.readLong();
      int nd = in.readInt();
      for (int k = 0; k < nd; k++) {
        long d = in.readLong();
        a.days.put(d, new long[] {in.readLong(), in.readLong(), in.readLong()});
      }
      creatorAccs.add(a);
    }
    spend = in.readLong();
    creatorShare = in.readLong();
    budgetCapped = in.readLong();
    impressionCount = in.readLong();
    validClicks = in.readLong();
    duplicates = in.readLong();
    invalidNoImpression = in.readLong();
    invalidRepeat = in.readLong();
    invalidFast = in.readLong();
    qualifiedViews = in.readLong();
    tooOld = in.readLong();
    newestDay = in.readLong();
    int days = in.readInt();
    for (int i = 0; i < days; i++) {
      long d = in.readLong();
      int n2 = in.readInt();
      ArrayList<String> ids = new ArrayList<>(n2);
      for (int k = 0; k < n2; k++) {
        ids.add(in.readUTF());
      }
      idsByDay.put(d, ids);
    }
  }
}
