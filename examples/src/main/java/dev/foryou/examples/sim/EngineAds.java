package dev.foryou.examples.sim;

import dev.foryou.ads.auction.AdRequest;
import dev.foryou.ads.auction.AdServer;
import dev.foryou.ads.auction.CampaignControl;
import dev.foryou.ads.billing.AdAccounting;
import dev.foryou.ads.billing.AdClick;
import dev.foryou.ads.billing.AdImpression;
import dev.foryou.ads.billing.CampaignBudget;
import dev.foryou.ads.billing.CapHold;
import dev.foryou.ads.billing.CapRule;
import dev.foryou.ads.billing.CapWindow;
import dev.foryou.ads.billing.LedgerTotals;
import dev.foryou.ads.billing.PacingMode;
import dev.foryou.ads.billing.PricingModel;
import dev.foryou.ads.billing.TrafficForecast;
import dev.foryou.ads.billing.VideoView;
import dev.foryou.ads.insertion.AdInserter;
import dev.foryou.ads.insertion.AdLoadPolicy;
import dev.foryou.ads.insertion.FeedEntry;
import dev.foryou.ads.model.AdGroup;
import dev.foryou.ads.model.Advertiser;
import dev.foryou.ads.model.BidType;
import dev.foryou.ads.model.Campaign;
import dev.foryou.ads.model.Creative;
import dev.foryou.ads.model.Format;
import dev.foryou.ads.model.Schedule;
import dev.foryou.ads.model.Status;
import dev.foryou.ads.targeting.Dimension;
import dev.foryou.ads.targeting.TargetingQuery;
import dev.foryou.ads.targeting.TargetingSpec;
import dev.foryou.core.TimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.signal.AffinityKind;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.user.UserAttributes;
import dev.foryou.core.user.UserRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine's ads behind the simulator's seam, through the public APIs of the ads module only: the
 * world's campaigns are loaded into an {@link AdServer} (targeting, pCTR, second-price auction,
 * reserved TopView and Brand Takeover bookings) and an {@link AdAccounting} (daily budgets with
 * EVEN or ASAP pacing, per-user daily frequency caps, the billing ledger, creator revenue share and
 * creator-fund payouts).
 *
 * <p>Glue, as {@link AdAccounting} documents it: the server's {@link CampaignControl} asks the
 * pacer for each candidate's bid multiplier (its throttle) and checks the user's cap count; each
 * winner then takes a cap hold and a budget hold for the most its impression can cost; ads the
 * {@link AdInserter} does not place, or that the user never reaches, give both holds back; an ad
 * that is shown is recorded in the ledger (CPM charged at the clearing price, settling the hold)
 * and its click, if any, likewise (CPC). Interests for targeting come from the engine's signal
 * store (top categories and hashtags).
 *
 * <p>Not thread-safe (the simulator and the demo service call it from one thread at a time).
 */
final class EngineAds implements AdsAdapter {
  /** An ad's value in the feed's value unit per currency unit of eCPM, for the ad-load rule. */
  static final double VALUE_PER_ECPM_UNIT = 0.5;

  /**
   * The reserve price of every format, an eCPM in micros (0.50 per thousand impressions): without
   * one, a lone bidder in a thin auction pays nothing.
   */
  static final long RESERVE_CPM_MICROS = 500_000L;

  private static final List<dev.foryou.ads.auction.Slot> FEED_SLOT =
      List.of(new dev.foryou.ads.auction.Slot("feed", 1.0));
  private static final List<dev.foryou.ads.auction.Slot> SURFACE_SLOT =
      List.of(new dev.foryou.ads.auction.Slot("surface", 1.0));

  private final World world;
  private final TimeSource clock;
  private final UserRegistry users;
  private final Catalog catalog;
  private final SignalStore signals;
  private final AdServer server;
  private final AdAccounting accounting;
  private final AdLoadPolicy loadPolicy = AdLoadPolicy.DEFAULT;
  private final Map<String, Integer> campaignByAdGroup = new HashMap<>();
  private final Set<Long> bookedDays = new HashSet<>();
  private long nextEvent = 1;
  private long opportunities;
  private long filled;
  private long won; // auction winners
  private long refused; // winners refused a cap or budget hold
  private long unplaced; // held winners the ad-load rules did not place

  /** What the simulator's {@link ServedAd#handle()} carries. */
  private static final class Placed {
    final dev.foryou.ads.auction.ServedAd ad;
    final long heldMicros;
    final long heldOnDay;
    CapHold cap;
    @Nullable String impressionId;
    boolean open = true;

    Placed(dev.foryou.ads.auction.ServedAd ad, CapHold cap, long heldMicros, long heldOnDay) {
      this.ad = ad;
      this.cap = cap;
      this.heldMicros = heldMicros;
      this.heldOnDay = heldOnDay;
    }
  }

  EngineAds(
      World world,
      TimeSource clock,
      UserRegistry users,
      Catalog catalog,
      SignalStore signals,
      boolean evenPacing) {
    this.world = world;
    this.clock = clock;
    this.users = users;
    this.catalog = catalog;
    this.signals = signals;
    this.accounting = AdAccounting.builder().zone(ZoneOffset.UTC).build();
    AdServer.Builder sb = AdServer.builder().clock(clock).control(new Control());
    for (Format f : Format.values()) {
      sb.reserve(f, RESERVE_CPM_MICROS);
    }
    this.server = sb.build();
    TrafficForecast forecast = new TrafficForecast(Behaviour.DIURNAL);
    Set<String> advertisers = new LinkedHashSet<>();
    for (int c = 0; c < world.campaigns.size(); c++) {
      CampaignSpec s = world.campaigns.get(c);
      if (advertisers.add(s.advertiserId())) {
        server.upsert(new Advertiser(s.advertiserId(), "Advertiser " + s.advertiserId()));
      }
      server.upsert(
          new Campaign(
              s.id(), s.advertiserId(), World.TOPICS[s.topic()], Schedule.ALWAYS, Status.ACTIVE));
      String adGroup = adGroupId(s);
      server.upsert(
          new AdGroup(
              adGroup,
              s.id(),
              Format.valueOf(s.format().name()),
              s.cpc() ? BidType.CPC : BidType.CPM,
              s.bidMicros(),
              targeting(s),
              Status.ACTIVE));
      for (String creative : s.creativeIds()) {
        server.upsert(new Creative(creative, adGroup, "video-" + creative, Status.ACTIVE));
      }
      campaignByAdGroup.put(adGroup, c);
      // most in-feed campaigns pace evenly over the day; every fourth and the other formats run
      // ASAP
      PacingMode pacing =
          evenPacing && s.format() == AdFormat.IN_FEED && c % 4 != 3
              ? PacingMode.EVEN
              : PacingMode.ASAP;
      accounting.registerCampaign(
          new CampaignBudget(
              s.id(),
              s.advertiserId(),
              s.dailyBudgetMicros(),
              CampaignBudget.UNLIMITED,
              pacing,
              ZoneOffset.UTC,
              forecast));
      accounting.setCampaignCaps(
          s.id(), List.of(new CapRule(CapWindow.calendarDay(), s.capPerDay())));
    }
  }

  static String adGroupId(CampaignSpec s) {
    return s.id() + "-ag";
  }

  private static TargetingSpec targeting(CampaignSpec s) {
    TargetingSpec.Builder b = TargetingSpec.builder();
    if (!s.countries().isEmpty()) {
      b.include(Dimension.COUNTRY, s.countries().toArray(String[]::new));
    }
    if (!s.ageBands().isEmpty()) {
      b.include(Dimension.AGE, s.ageBands().stream().map(Enum::name).toArray(String[]::new));
    }
    if (!s.genders().isEmpty()) {
      b.include(Dimension.GENDER, s.genders().stream().map(Enum::name).toArray(String[]::new));
    }
    if (!s.oses().isEmpty()) {
      b.include(Dimension.OS, s.oses().stream().map(Enum::name).toArray(String[]::new));
    }
    if (!s.interests().isEmpty()) {
      b.include(
          Dimension.INTEREST,
          s.interests().stream().map(i -> "category:" + i).toArray(String[]::new));
    }
    return b.build();
  }

  /** Budgets and caps steering the auction, through the accounting's public API. */
  private final class Control implements CampaignControl {
    @Override
    public boolean allow(int campaign, int user, long nowMillis) {
      CampaignSpec s = spec(campaign);
      return accounting
              .caps()
              .campaignCount(users.externalId(user), s.id(), CapWindow.calendarDay(), nowMillis)
          < s.capPerDay();
    }

    @Override
    public double bidMultiplier(int campaign, long nowMillis) {
      return accounting.pacer().admit(server.campaignId(campaign), nowMillis);
    }
  }

  private CampaignSpec spec(int serverCampaign) {
    return world.campaigns.get(campaignIndex(server.campaignId(serverCampaign)));
  }

  private int campaignIndex(String campaignId) {
    // campaign ids are "cmp<N>" in world order
    return Integer.parseInt(campaignId.substring(3));
  }

  @Override
  public boolean enabled() {
    return true;
  }

  private AdRequest request(int user) {
    UserAttributes attrs = users.attributes(user);
    List<String> interests = new ArrayList<>();
    int[] keys = new int[3];
    double[] scores = new double[3];
    int n = signals.topAffinities(user, AffinityKind.CATEGORY, 3, keys, scores);
    for (int i = 0; i < n; i++) {
      if (scores[i] > 0) {
        interests.add("category:" + catalog.categories().id(keys[i]));
      }
    }
    n = signals.topAffinities(user, AffinityKind.HASHTAG, 3, keys, scores);
    for (int i = 0; i < n; i++) {
      if (scores[i] > 0) {
        interests.add("hashtag:" + catalog.hashtags().id(keys[i]));
      }
    }
    return new AdRequest(user, new TargetingQuery(attrs, interests, List.of()));
  }

  private void bookDay(long nowMillis) {
    long day = Math.floorDiv(nowMillis, World.DAY_MILLIS);
    if (!bookedDays.add(day)) {
      return;
    }
    LocalDate date = LocalDate.ofEpochDay(day);
    List<CampaignSpec> topViews = new ArrayList<>();
    for (CampaignSpec s : world.campaigns) {
      if (s.format() == AdFormat.TOP_VIEW) {
        topViews.add(s);
      } else if (s.format() == AdFormat.BRAND_TAKEOVER) {
        try {
          server.bookBrandTakeover(date, adGroupId(s));
        } catch (IllegalStateException e) {
          // that category is taken today by another advertiser: exclusive, so this one waits
        }
      }
    }
    if (!topViews.isEmpty()) {
      server.bookTopView(date, adGroupId(topViews.get((int) Math.floorMod(day, topViews.size()))));
    }
  }

  /** Takes the cap and budget holds for a winner; empty if either is refused. */
  private Optional<ServedAd> hold(dev.foryou.ads.auction.ServedAd ad, int user, long nowMillis) {
    int c = campaignByAdGroup.get(ad.adGroupId());
    CampaignSpec s = world.campaigns.get(c);
    CapHold cap =
        accounting.caps().tryAcquire(users.externalId(user), s.id(), s.advertiserId(), nowMillis);
    if (!cap.granted()) {
      refused++;
      return Optional.empty();
    }
    long max =
        ad.type() == BidType.CPM ? Math.max(1, (ad.priceMicros() + 999) / 1000) : ad.priceMicros();
    max = Math.max(1, max);
    if (!accounting.pacer().reserve(s.id(), max, nowMillis)) {
      accounting.caps().release(cap);
      refused++;
      return Optional.empty();
    }
    Placed p = new Placed(ad, cap, max, Math.floorDiv(nowMillis, World.DAY_MILLIS));
    return Optional.of(
        new ServedAd(
            c,
            ad.creativeId(),
            AdFormat.valueOf(ad.format().name()),
            ad.type() == BidType.CPC,
            ad.priceMicros(),
            0,
            p));
  }

  private void releaseHolds(Placed p) {
    if (p.open) {
      p.open = false;
      accounting.caps().release(p.cap);
      accounting.pacer().release(p.ad.campaignId(), p.heldMicros);
    }
  }

  @Override
  public @Nullable ServedAd onOpen(int user, boolean firstOpenToday, long nowMillis) {
    if (!firstOpenToday || users.attributes(user).adFree()) {
      return null;
    }
    bookDay(nowMillis);
    opportunities++;
    Optional<dev.foryou.ads.auction.ServedAd> ad = server.openingAd(request(user));
    if (ad.isEmpty()) {
      return null;
    }
    Optional<ServedAd> held = hold(ad.get(), user, nowMillis);
    if (held.isPresent()) {
      filled++;
    }
    return held.orElse(null);
  }

  @Override
  public void monetize(
      int user,
      int[] organic,
      double[] values,
      int n,
      int shownBefore,
      long nowMillis,
      List<Slot> out) {
    boolean adFree = users.attributes(user).adFree();
    List<ServedAd> held = new ArrayList<>();
    if (!adFree && n > loadPolicy.firstAdPosition()) {
      opportunities++;
      for (dev.foryou.ads.auction.ServedAd ad :
          server.auction(request(user), dev.foryou.ads.model.Surface.FEED, FEED_SLOT)) {
        won++;
        hold(ad, user, nowMillis).ifPresent(held::add);
      }
    }
    int[] ids = new int[n];
    double[] vals = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = organic[i];
      vals[i] = values[i];
    }
    int[] adIds = new int[held.size()];
    double[] adValues = new double[held.size()];
    for (int i = 0; i < adIds.length; i++) {
      adIds[i] = i;
      adValues[i] = placed(held.get(i)).ad.ecpmMicros() / 1e6 * VALUE_PER_ECPM_UNIT;
    }
    boolean[] used = new boolean[adIds.length];
    for (FeedEntry e : AdInserter.insert(loadPolicy, ids, vals, adIds, adValues, -1, adFree)) {
      if (e.isAd()) {
        used[e.id()] = true;
        out.add(Slot.of(held.get(e.id())));
        filled++;
      } else {
        out.add(Slot.of(e.id()));
      }
    }
    for (int i = 0; i < used.length; i++) {
      if (!used[i]) {
        unplaced++;
        releaseHolds(placed(held.get(i))); // the displaced organic item was worth more
      }
    }
  }

  @Override
  public @Nullable ServedAd surface(AdsAdapter.Surface surface, int user, long nowMillis) {
    if (users.attributes(user).adFree()) {
      return null;
    }
    opportunities++;
    dev.foryou.ads.model.Surface s =
        surface == AdsAdapter.Surface.DISCOVER
            ? dev.foryou.ads.model.Surface.DISCOVER
            : dev.foryou.ads.model.Surface.EFFECTS_TRAY;
    for (dev.foryou.ads.auction.ServedAd ad : server.auction(request(user), s, SURFACE_SLOT)) {
      Optional<ServedAd> held = hold(ad, user, nowMillis);
      if (held.isPresent()) {
        filled++;
        return held.get();
      }
    }
    return null;
  }

  private static Placed placed(ServedAd ad) {
    return (Placed) ad.handle();
  }

  @Override
  public boolean impression(ServedAd ad, int user, int nextToVideo, long nowMillis) {
    Placed p = placed(ad);
    if (!p.open) {
      throw new IllegalStateException("ad shown after its holds were released: " + ad);
    }
    if (Math.floorDiv(nowMillis, World.DAY_MILLIS) != p.heldOnDay) {
      // placed before midnight, reached after it: the cap hold counted yesterday, so take today's
      accounting.caps().release(p.cap);
      CampaignSpec s = world.campaigns.get(ad.campaign());
      p.cap =
          accounting.caps().tryAcquire(users.externalId(user), s.id(), s.advertiserId(), nowMillis);
      if (!p.cap.granted()) {
        p.open = false;
        accounting.pacer().release(s.id(), p.heldMicros);
        return false;
      }
    }
    p.open = false; // the ledger settles the budget hold; the cap hold is now the impression
    p.impressionId = "imp-" + nextEvent++;
    String creator = nextToVideo < 0 ? "" : world.creatorId(world.videoCreator[nextToVideo]);
    accounting
        .ledger()
        .recordImpression(
            new AdImpression(
                p.impressionId,
                users.externalId(user),
                p.ad.advertiserId(),
                p.ad.campaignId(),
                p.ad.adGroupId(),
                creator,
                p.ad.type() == BidType.CPC ? PricingModel.CPC : PricingModel.CPM,
                p.ad.priceMicros(),
                nowMillis),
            p.heldMicros);
    return true;
  }

  @Override
  public void click(ServedAd ad, int user, long nowMillis) {
    Placed p = placed(ad);
    String imp = p.impressionId == null ? "never-shown-" + nextEvent : p.impressionId;
    accounting.ledger().recordClick(new AdClick("clk-" + nextEvent++, imp, nowMillis));
  }

  @Override
  public void done(ServedAd ad, boolean shown, boolean clicked, long nowMillis) {
    Placed p = placed(ad);
    if (shown) {
      server.recordImpression(p.ad, 0, clicked);
    } else {
      releaseHolds(p);
    }
  }

  @Override
  public void organicView(int user, int video, long watchMs, boolean repeat, long nowMillis) {
    accounting
        .ledger()
        .recordView(
            new VideoView(
                "view-" + nextEvent++,
                users.externalId(user),
                world.videoId(video),
                world.creatorId(world.videoCreator[video]),
                world.videoDurationMs[video],
                watchMs,
                nowMillis));
  }

  @Override
  public long opportunities() {
    return opportunities;
  }

  @Override
  public long filled() {
    return filled;
  }

  @Override
  public long spendMicros(int campaign) {
    return accounting.pacer().spentLifetime(world.campaigns.get(campaign).id());
  }

  @Override
  public long platformRevenueMicros() {
    return accounting.ledger().totals().platformRevenueMicros();
  }

  @Override
  public long creatorPayoutMicros() {
    LedgerTotals t = accounting.ledger().totals();
    return t.creatorShareMicros() + t.creatorFundMicros();
  }

  /** The accounting, for reports. */
  AdAccounting accounting() {
    return accounting;
  }

  /** Today's date (UTC) by the clock. */
  LocalDate today() {
    return Instant.ofEpochMilli(clock.nowMillis()).atZone(ZoneOffset.UTC).toLocalDate();
  }

  @Override
  public String toString() {
    return "ads: "
        + world.campaigns.size()
        + " campaigns, "
        + opportunities
        + " slots offered, "
        + won
        + " in-feed winners, "
        + refused
        + " refused a cap or budget hold, "
        + unplaced
        + " not placed by the ad-load rules, "
        + filled
        + " filled";
  }
}
