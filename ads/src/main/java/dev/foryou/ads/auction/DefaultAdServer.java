package dev.foryou.ads.auction;

import dev.foryou.ads.ctr.CtrModel;
import dev.foryou.ads.model.AdGroup;
import dev.foryou.ads.model.Advertiser;
import dev.foryou.ads.model.BidType;
import dev.foryou.ads.model.Campaign;
import dev.foryou.ads.model.Creative;
import dev.foryou.ads.model.Format;
import dev.foryou.ads.model.Status;
import dev.foryou.ads.model.Surface;
import dev.foryou.ads.targeting.TargetingIndex;
import dev.foryou.ads.targeting.TargetingSpec;
import dev.foryou.core.IdMap;
import dev.foryou.core.TimeSource;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Design: inventory records live in arrays indexed by dense ids (IdMap), holding immutable
 * records whose final fields make in-place reference replacement safe to read without locks; a
 * volatile version counter written after each update publishes it. The targeting index holds the
 * live auctioned ad groups, ordered by their best possible eCPM (ecpmBound; a threshold / block-max
 * top-k scan after Fagin, Lotem and Naor, PODS 2001, and Ding and Suel, SIGIR 2011). Per request:
 * index scan block by block → per-candidate filters and eCPM → a bounded insertion list of the best
 * (slots + 1) → CampaignControl.allow on entry → stop when no remaining block's bound reaches the
 * reserve or the (slots + 1)-th best → Pricing (the same GSP/VCG rules as Auction). Exact: a
 * skipped ad group cannot place, since its eCPM (after a multiplier <= 1) is at most its bound. No
 * per-candidate allocation; per-thread scratch.
 */
final class DefaultAdServer implements AdServer {
  private static final long DAY_MILLIS = 86_400_000L;

  private record CampaignInfo(Campaign campaign, int advertiser) {}

  private record GroupInfo(AdGroup group, int campaign, int advertiser, int[] creatives) {}

  private final TimeSource clock;
  private final CtrModel ctr;
  private final CampaignControl control;
  private final AuctionRules rules;
  private final long[] reserves;
  // scans visit ad groups in blocks by their best possible eCPM (see ecpmBound)
  private final TargetingIndex index = TargetingIndex.create(this::ecpmBound);

  private final IdMap advertiserIds = new IdMap();
  private final IdMap campaignIds = new IdMap();
  private final IdMap groupIds = new IdMap();
  private final IdMap creativeIds = new IdMap();
  private volatile CampaignInfo[] campaigns = new CampaignInfo[16];
  private volatile GroupInfo[] groups = new GroupInfo[16];
  private volatile Creative[] creatives = new Creative[16];
  private final Int2ObjectOpenHashMap<IntArrayList> creativesOfGroup =
      new Int2ObjectOpenHashMap<>();
  private volatile long version;

  private final ConcurrentHashMap<LocalDate, Integer> topViews = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<LocalDate, TreeMap<String, Integer>> takeovers =
      new ConcurrentHashMap<>();

  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
  private volatile Tables tables = new Tables(16, 16);

  /**
   * Primitive copies of what the request loop reads per candidate, indexed by dense ad group and
   * campaign index: written under the lock, published by re-writing the volatile {@link #tables}.
   */
  private static final class Tables {
    // per ad group g: packed[2g] = bid micros | CPC << 62 | LIVE << 61 | format << 56,
    // packed[2g + 1] = campaign index: one cache line serves the first checks of a candidate
    static final long CPC = 1L << 62;
    static final long LIVE = 1L << 61;
    static final long HAS_CREATIVE = 1L << 60;
    static final long BID_MASK = (1L << 56) - 1;
    final long[] packed;
    final int[][] creatives;
    final boolean[] campaignLive;
    final long[] start;
    final long[] end;

    Tables(int groups, int campaigns) {
      packed = new long[2 * groups];
      creatives = new int[groups][];
      campaignLive = new boolean[campaigns];
      start = new long[campaigns];
      end = new long[campaigns];
    }

    int groupCapacity() {
      return creatives.length;
    }

    Tables grow(int group, int camp) {
      int gc = creatives.length;
      if (group < gc && camp < start.length) {
        return this;
      }
      Tables t =
          new Tables(
              group < gc ? gc : Math.max(group + 1, gc * 2),
              camp < start.length ? start.length : Math.max(camp + 1, start.length * 2));
      System.arraycopy(packed, 0, t.packed, 0, packed.length);
      System.arraycopy(creatives, 0, t.creatives, 0, gc);
      int c = start.length;
      System.arraycopy(campaignLive, 0, t.campaignLive, 0, c);
      System.arraycopy(start, 0, t.start, 0, c);
      System.arraycopy(end, 0, t.end, 0, c);
      return t;
    }
  }

  private void publishCampaign(int c, Campaign campaign) {
    Tables t = tables.grow(0, c);
    t.campaignLive[c] = campaign.status() == Status.ACTIVE;
    t.start[c] = campaign.schedule().startMillis();
    t.end[c] = campaign.schedule().endMillis();
    tables = t;
  }

  private void publishGroup(int g, GroupInfo info) {
    Tables t = tables.grow(g, 0);
    AdGroup group = info.group();
    if (group.bidMicros() > Tables.BID_MASK) {
      throw new IllegalArgumentException(
          "bid of ad group " + group.id() + " too large: " + group.bidMicros() + " micros");
    }
    t.creatives[g] = info.creatives();
    t.packed[2 * g + 1] = info.campaign();
    t.packed[2 * g] =
        group.bidMicros()
            | (group.bidType() == BidType.CPC ? Tables.CPC : 0)
            | (group.status() == Status.ACTIVE ? Tables.LIVE : 0)
            | (info.creatives().length > 0 ? Tables.HAS_CREATIVE : 0)
            | ((long) group.format().ordinal() << 56);
    tables = t;
  }

  DefaultAdServer(
      TimeSource clock,
      CtrModel ctr,
      CampaignControl control,
      AuctionRules rules,
      long[] reserves) {
    this.clock = clock;
    this.ctr = ctr;
    this.control = control;
    this.rules = rules;
    this.reserves = reserves;
    ctr.addUpperBoundListener(index::refreshBound);
  }

  /**
   * The best eCPM an ad group can reach now, in micros: its CPM bid, or its CPC bid × the upper
   * bound of its creatives' pCTRs × 1000, rounded up (the control's multiplier is at most 1). The
   * index re-reads it on every put and whenever the click model raises the pCTR bound; the server
   * calls {@link TargetingIndex#refreshBound} when a bid changes.
   */
  private long ecpmBound(int g) {
    Tables t = tables;
    if (g >= t.groupCapacity()) {
      return Long.MAX_VALUE;
    }
    long word = t.packed[2 * g];
    long bid = word & Tables.BID_MASK;
    if ((word & Tables.CPC) == 0) {
      return bid;
    }
    double e = Math.ceil(bid * ctr.pctrUpperBound(g) * 1000.0);
    return e >= 0x1p62 ? Long.MAX_VALUE : (long) e + 1;
  }

  private static final class Scratch {
    final IntArrayList eligible = new IntArrayList();
    int[] topGroup = new int[4];
    int[] topCreative = new int[4];
    long[] topEcpm = new long[4];
    long[] topBid = new long[4];
    double[] topPctr = new double[4];

    void ensure(int n) {
      if (topGroup.length < n) {
        topGroup = new int[n];
        topCreative = new int[n];
        topEcpm = new long[n];
        topBid = new long[n];
        topPctr = new double[n];
      }
    }
  }

  private static <T> T[] ensure(T[] a, int index) {
    return index < a.length ? a : Arrays.copyOf(a, Math.max(index + 1, a.length * 2));
  }

  // ---------------------------------------------------------------- inventory

  @Override
  public synchronized void upsert(Advertiser advertiser) {
    Objects.requireNonNull(advertiser, "advertiser");
    advertiserIds.intern(advertiser.id());
    version++;
  }

  @Override
  public synchronized void upsert(Campaign campaign) {
    Objects.requireNonNull(campaign, "campaign");
    OptionalInt adv = advertiserIds.indexOf(campaign.advertiserId());
    if (adv.isEmpty()) {
      throw new IllegalArgumentException(
          "campaign " + campaign.id() + " has unknown advertiser " + campaign.advertiserId());
    }
    OptionalInt existing = campaignIds.indexOf(campaign.id());
    if (existing.isPresent()) {
      CampaignInfo old = campaigns[existing.getAsInt()];
      if (old.advertiser() != adv.getAsInt()) {
        throw new IllegalArgumentException(
            "campaign " + campaign.id() + " cannot move to advertiser " + campaign.advertiserId());
      }
    }
    int c = campaignIds.intern(campaign.id());
    CampaignInfo[] a = ensure(campaigns, c);
    a[c] = new CampaignInfo(campaign, adv.getAsInt());
    campaigns = a;
    publishCampaign(c, campaign);
    version++;
  }

  private GroupInfo prepare(AdGroup g) {
    Objects.requireNonNull(g, "adGroup");
    OptionalInt c = campaignIds.indexOf(g.campaignId());
    if (c.isEmpty()) {
      throw new IllegalArgumentException(
          "ad group " + g.id() + " has unknown campaign " + g.campaignId());
    }
    OptionalInt existing = groupIds.indexOf(g.id());
    int[] creativesNow = new int[0];
    if (existing.isPresent()) {
      GroupInfo old = groups[existing.getAsInt()];
      if (old.campaign() != c.getAsInt() || old.group().format() != g.format()) {
        throw new IllegalArgumentException(
            "ad group " + g.id() + " cannot change campaign or format");
      }
      creativesNow = old.creatives();
    }
    return new GroupInfo(g, c.getAsInt(), campaigns[c.getAsInt()].advertiser(), creativesNow);
  }

  private int store(GroupInfo info) {
    int gi = groupIds.intern(info.group().id());
    GroupInfo[] a = ensure(groups, gi);
    a[gi] = info;
    groups = a;
    publishGroup(gi, info);
    return gi;
  }

  private static boolean indexed(AdGroup g) {
    return g.status() == Status.ACTIVE && !g.format().reserved();
  }

  @Override
  public synchronized void upsert(AdGroup adGroup) {
    GroupInfo info = prepare(adGroup);
    OptionalInt existing = groupIds.indexOf(adGroup.id());
    GroupInfo old = existing.isPresent() ? groups[existing.getAsInt()] : null;
    int gi = store(info);
    if (indexed(adGroup)) {
      if (old == null
          || !indexed(old.group())
          || !old.group().targeting().equals(adGroup.targeting())) {
        index.put(gi, adGroup.targeting());
      } else {
        index.refreshBound(gi); // the bid may have risen
      }
    } else {
      index.remove(gi);
    }
    version++;
  }

  @Override
  public synchronized void upsertAll(List<AdGroup> adGroups) {
    List<GroupInfo> infos = new ArrayList<>(adGroups.size());
    Set<String> seen = new HashSet<>();
    for (AdGroup g : adGroups) {
      if (!seen.add(g.id())) {
        throw new IllegalArgumentException("duplicate ad group id: " + g.id());
      }
      infos.add(prepare(g));
    }
    IntArrayList keys = new IntArrayList();
    List<TargetingSpec> specs = new ArrayList<>();
    for (GroupInfo info : infos) {
      int gi = store(info);
      if (indexed(info.group())) {
        keys.add(gi);
        specs.add(info.group().targeting());
      } else {
        index.remove(gi);
      }
    }
    index.putAll(keys.toIntArray(), specs);
    version++;
  }

  @Override
  public synchronized void upsert(Creative creative) {
    Objects.requireNonNull(creative, "creative");
    OptionalInt g = groupIds.indexOf(creative.adGroupId());
    if (g.isEmpty()) {
      throw new IllegalArgumentException(
          "creative " + creative.id() + " has unknown ad group " + creative.adGroupId());
    }
    OptionalInt existing = creativeIds.indexOf(creative.id());
    if (existing.isPresent()
        && !creatives[existing.getAsInt()].adGroupId().equals(creative.adGroupId())) {
      throw new IllegalArgumentException(
          "creative " + creative.id() + " cannot move to ad group " + creative.adGroupId());
    }
    int gi = g.getAsInt();
    GroupInfo info = groups[gi];
    int ci = creativeIds.intern(creative.id());
    ctr.register(ci, gi, info.advertiser(), info.group().format());
    Creative[] a = ensure(creatives, ci);
    a[ci] = creative;
    creatives = a;
    IntArrayList all = creativesOfGroup.computeIfAbsent(gi, k -> new IntArrayList());
    if (!all.contains(ci)) {
      all.add(ci);
    }
    IntArrayList active = new IntArrayList();
    for (int c : all) {
      if (a[c].status() == Status.ACTIVE) {
        active.add(c);
      }
    }
    store(new GroupInfo(info.group(), info.campaign(), info.advertiser(), active.toIntArray()));
    version++;
  }

  @Override
  public synchronized boolean removeAdGroup(String adGroupId) {
    OptionalInt g = groupIds.indexOf(adGroupId);
    if (g.isEmpty()) {
      return false;
    }
    GroupInfo info = groups[g.getAsInt()];
    boolean live = info.group().status() == Status.ACTIVE;
    store(
        new GroupInfo(
            info.group().withStatus(Status.ARCHIVED),
            info.campaign(),
            info.advertiser(),
            info.creatives()));
    index.remove(g.getAsInt());
    version++;
    return live;
  }

  // ---------------------------------------------------------------- serving

  @Override
  public List<ServedAd> auction(AdRequest request, Surface surface, List<Slot> slots) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(surface, "surface");
    Format format =
        switch (surface) {
          case FEED -> Format.IN_FEED;
          case DISCOVER -> Format.HASHTAG_CHALLENGE;
          case EFFECTS_TRAY -> Format.BRANDED_EFFECT;
          case APP_OPEN ->
              throw new IllegalArgumentException(
                  "APP_OPEN is reserved, not auctioned: use openingAd");
        };
    int k = slots.size();
    if (k == 0) {
      throw new IllegalArgumentException("an auction needs at least one slot");
    }
    double[] x = new double[k];
    int[] slotOrder = slotOrder(slots, x);

    long v = version; // acquire the latest inventory
    long now = clock.nowMillis();
    long reserve = reserves[format.ordinal()];
    Scratch sc = scratch.get();
    sc.ensure(k + 1);
    IntArrayList eligible = sc.eligible;
    TargetingIndex.Scan scan = index.scan(request.query());
    Tables t = tables;
    GroupInfo[] gs = groups;
    int[] topGroup = sc.topGroup;
    int[] topCreative = sc.topCreative;
    long[] topEcpm = sc.topEcpm;
    long[] topBid = sc.topBid;
    double[] topPctr = sc.topPctr;
    int cap = k + 1;
    int count = 0;
    int user = request.user();
    final long liveFormat = Tables.LIVE | Tables.HAS_CREATIVE | ((long) format.ordinal() << 56);
    final long flagMask = Tables.LIVE | Tables.HAS_CREATIVE | (0xFL << 56);
    final long[] packed = t.packed;
    final int groupCap = t.groupCapacity();
    // block by block in order of the ad groups' best possible eCPM: stop once no remaining ad
    // group can reach the reserve, or the (slots + 1)-th best when the top list is full
    while (true) {
      eligible.clear();
      if (scan.next(count == cap ? topEcpm[cap - 1] : reserve, eligible) < 0) {
        break;
      }
      int[] elig = eligible.elements();
      for (int i = 0, n = eligible.size(); i < n; i++) {
        int g = elig[i];
        if (g >= groupCap) {
          continue;
        }
        long word = packed[2 * g];
        if ((word & flagMask) != liveFormat) {
          continue;
        }
        boolean cpc = (word & Tables.CPC) != 0;
        long bid = word & Tables.BID_MASK;
        // a CPM bid is its eCPM (at most, after the control's multiplier): skip everything else
        // when it cannot enter the top list
        if (!cpc && (bid < reserve || (count == cap && bid < topEcpm[cap - 1]))) {
          continue;
        }
        if (cpc && count == cap) {
          // the ad group's best possible eCPM, from an upper bound of its creatives' pCTRs
          double ub = bid * ctr.pctrUpperBound(g) * 1000.0;
          if (ub < topEcpm[cap - 1] - 1) {
            continue;
          }
        }
        int c = (int) packed[2 * g + 1];
        if (!t.campaignLive[c] || now < t.start[c] || now >= t.end[c]) {
          continue;
        }
        if (control != CampaignControl.NONE) {
          double mult = control.bidMultiplier(c, now);
          if (!(mult >= 0 && mult <= 1)) {
            throw new IllegalStateException(
                "bid multiplier of campaign " + c + " must be in [0,1]: " + mult);
          }
          bid = (long) Math.rint(bid * mult);
          if (bid <= 0) {
            continue;
          }
        }
        if (!cpc && (bid < reserve || (count == cap && bid < topEcpm[cap - 1]))) {
          continue;
        }
        // a CPM ad group's creative does not change its eCPM: it is chosen for the winners only
        int bestCreative = -1;
        double best = Double.NaN;
        if (cpc) {
          int[] cr = t.creatives[g];
          bestCreative = cr[0];
          best = ctr.pctr(bestCreative);
          for (int j = 1; j < cr.length; j++) {
            double p = ctr.pctr(cr[j]);
            if (p > best) {
              best = p;
              bestCreative = cr[j];
            }
          }
        }
        long e = cpc ? (long) Math.rint(bid * best * 1000.0) : bid;
        if (e < reserve) {
          continue;
        }
        // position among the current top list (eCPM desc, then smaller group index)
        int pos = count;
        while (pos > 0
            && (topEcpm[pos - 1] < e || (topEcpm[pos - 1] == e && topGroup[pos - 1] > g))) {
          pos--;
        }
        if (pos >= cap) {
          continue;
        }
        if (control != CampaignControl.NONE && !control.allow(c, user, now)) {
          continue;
        }
        int last = Math.min(count, cap - 1);
        for (int j = last; j > pos; j--) {
          topGroup[j] = topGroup[j - 1];
          topCreative[j] = topCreative[j - 1];
          topEcpm[j] = topEcpm[j - 1];
          topBid[j] = topBid[j - 1];
          topPctr[j] = topPctr[j - 1];
        }
        topGroup[pos] = g;
        topCreative[pos] = bestCreative;
        topEcpm[pos] = e;
        topBid[pos] = bid;
        topPctr[pos] = best;
        if (count < cap) {
          count++;
        }
      }
    }
    int m = Math.min(count, k);
    for (int s = 0; s < m; s++) {
      if (topCreative[s] < 0) {
        int[] cr = t.creatives[topGroup[s]];
        int bestCreative = cr[0];
        double best = ctr.pctr(bestCreative);
        for (int j = 1; j < cr.length; j++) {
          double p = ctr.pctr(cr[j]);
          if (p > best) {
            best = p;
            bestCreative = cr[j];
          }
        }
        topCreative[s] = bestCreative;
        topPctr[s] = best;
      }
    }
    ServedAd[] bySlot = new ServedAd[k];
    for (int s = 0; s < m; s++) {
      GroupInfo info = gs[topGroup[s]];
      AdGroup group = info.group();
      long price =
          Pricing.price(
              rules.mechanism(),
              group.bidType(),
              topBid[s],
              topPctr[s],
              s,
              topEcpm,
              count,
              m,
              x,
              reserve,
              rules.mechanism() == Mechanism.GSP ? rules.incrementMicros() : 0);
      int slot = slotOrder[s];
      bySlot[slot] =
          served(slots.get(slot).id(), info, topCreative[s], price, topEcpm[s], topPctr[s]);
    }
    List<ServedAd> out = new ArrayList<>(m);
    for (ServedAd a : bySlot) {
      if (a != null) {
        out.add(a);
      }
    }
    assert v <= version;
    return out;
  }

  private static int[] slotOrder(List<Slot> slots, double[] xOut) {
    int k = slots.size();
    int[] order = new int[k];
    // duplicate ids: pairwise for the usual handful of slots, a set beyond
    Set<String> ids = k > 8 ? new HashSet<>() : null;
    for (int i = 0; i < k; i++) {
      Slot s = slots.get(i);
      boolean dup = false;
      if (ids != null) {
        dup = !ids.add(s.id());
      } else {
        for (int j = 0; j < i && !dup; j++) {
          dup = slots.get(j).id().equals(s.id());
        }
      }
      if (dup) {
        throw new IllegalArgumentException("duplicate slot id: " + s.id());
      }
      // stable insertion sort by factor desc
      int p = i;
      while (p > 0 && slots.get(order[p - 1]).ctrFactor() < s.ctrFactor()) {
        order[p] = order[p - 1];
        p--;
      }
      order[p] = i;
    }
    for (int i = 0; i < k; i++) {
      xOut[i] = slots.get(order[i]).ctrFactor();
    }
    return order;
  }

  private ServedAd served(
      String slotId, GroupInfo info, int creative, long price, long ecpm, double pctr) {
    AdGroup g = info.group();
    Campaign c = campaigns[info.campaign()].campaign();
    return new ServedAd(
        slotId,
        g.id(),
        creatives[creative].id(),
        c.id(),
        c.advertiserId(),
        info.campaign(),
        creative,
        g.format(),
        g.bidType(),
        price,
        ecpm,
        pctr);
  }

  // ---------------------------------------------------------------- reserved formats

  private int reservedGroup(String adGroupId, Format format) {
    OptionalInt g = groupIds.indexOf(Objects.requireNonNull(adGroupId, "adGroupId"));
    if (g.isEmpty()) {
      throw new IllegalArgumentException("unknown ad group " + adGroupId);
    }
    Format f = groups[g.getAsInt()].group().format();
    if (f != format) {
      throw new IllegalArgumentException("ad group " + adGroupId + " is " + f + ", not " + format);
    }
    return g.getAsInt();
  }

  @Override
  public synchronized void bookTopView(LocalDate day, String adGroupId) {
    Objects.requireNonNull(day, "day");
    int g = reservedGroup(adGroupId, Format.TOP_VIEW);
    Integer prev = topViews.putIfAbsent(day, g);
    if (prev != null && prev != g) {
      throw new IllegalStateException(
          "TopView of " + day + " already booked by " + groups[prev].group().id());
    }
  }

  @Override
  public synchronized void bookBrandTakeover(LocalDate day, String adGroupId) {
    Objects.requireNonNull(day, "day");
    int g = reservedGroup(adGroupId, Format.BRAND_TAKEOVER);
    String category = campaigns[groups[g].campaign()].campaign().category();
    TreeMap<String, Integer> byCategory =
        new TreeMap<>(takeovers.getOrDefault(day, new TreeMap<>()));
    Integer prev = byCategory.putIfAbsent(category, g);
    if (prev != null && prev != g) {
      throw new IllegalStateException(
          "Brand Takeover of "
              + day
              + " in category "
              + category
              + " already booked by "
              + groups[prev].group().id());
    }
    takeovers.put(day, byCategory);
  }

  @Override
  public Optional<ServedAd> openingAd(AdRequest request) {
    Objects.requireNonNull(request, "request");
    long now = clock.nowMillis();
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(now, DAY_MILLIS));
    Integer tv = topViews.get(day);
    if (tv != null) {
      ServedAd a = reservedIfQualifies(tv, request, now);
      if (a != null) {
        return Optional.of(a);
      }
    }
    TreeMap<String, Integer> byCategory = takeovers.get(day);
    if (byCategory != null) {
      List<ServedAd> ok = new ArrayList<>();
      for (int g : byCategory.values()) {
        ServedAd a = reservedIfQualifies(g, request, now);
        if (a != null) {
          ok.add(a);
        }
      }
      if (!ok.isEmpty()) {
        return Optional.of(ok.get(request.user() % ok.size()));
      }
    }
    return Optional.empty();
  }

  private ServedAd reservedIfQualifies(int g, AdRequest request, long now) {
    GroupInfo info = groups[g];
    AdGroup group = info.group();
    Campaign c = campaigns[info.campaign()].campaign();
    if (group.status() != Status.ACTIVE
        || info.creatives().length == 0
        || c.status() != Status.ACTIVE
        || !c.schedule().contains(now)
        || !group.targeting().matches(request.query())
        || !control.allow(info.campaign(), request.user(), now)) {
      return null;
    }
    int best = info.creatives()[0];
    for (int cr : info.creatives()) {
      if (ctr.pctr(cr) > ctr.pctr(best)) {
        best = cr;
      }
    }
    return served("app_open", info, best, group.bidMicros(), group.bidMicros(), ctr.pctr(best));
  }

  // ---------------------------------------------------------------- misc

  @Override
  public void recordImpression(ServedAd ad, int position, boolean clicked) {
    ctr.recordImpression(ad.creative(), position, clicked);
  }

  @Override
  public OptionalInt campaignIndex(String campaignId) {
    return campaignIds.indexOf(campaignId);
  }

  @Override
  public String campaignId(int campaign) {
    return campaignIds.id(campaign);
  }

  @Override
  public CtrModel ctrModel() {
    return ctr;
  }

  @Override
  public int liveAdGroups() {
    return index.size();
  }
}
