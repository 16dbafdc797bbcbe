package dev.foryou.examples.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foryou.ads.billing.DeliveryReport;
import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.user.UserRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The engine of the simulator's world, for the embedded service: a synthetic catalog and
 * advertisers, the engine's feed and ads, addressed by external ids. Users unknown to the world are
 * registered on first sight (and get a cold-start feed).
 *
 * <p>Thread-safe: every call holds one lock, because the example's ads bookkeeping (the map from
 * impression ids to placements) and the simulator's adapters are single-threaded.
 */
public final class DemoEngine {
  private static final int MAX_OPEN_IMPRESSIONS = 100_000;

  private final World world;
  private final Arm arm;
  private final ManualTimeSource clock;
  private final UserRegistry users;
  private final Map<String, Integer> videoIndex;
  private final Map<String, Placed> impressions =
      new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Placed> eldest) {
          return size() > MAX_OPEN_IMPRESSIONS;
        }
      };
  private long nextImpression = 1;

  private record Placed(ServedAd ad, int user, boolean shown, boolean clicked) {}

  /**
   * One item of a page, with external ids: a video (video and creator set) or an ad (campaign,
   * creative, format and impression id set).
   *
   * @param video the video id, or null for an ad
   * @param creator the creator id, or null for an ad
   * @param campaign the campaign id, or null for a video
   * @param creative the creative id, or null for a video
   * @param format the ad format, or null for a video
   * @param id the impression id to post ad events with, or null for a video
   */
  public record Item(
      @Nullable String video,
      @Nullable String creator,
      @Nullable String campaign,
      @Nullable String creative,
      @Nullable String format,
      @Nullable String id) {}

  private DemoEngine(World world, EngineArms.Engine engine, ManualTimeSource clock) {
    this.world = world;
    this.arm = engine.arm();
    this.users = engine.users();
    this.clock = clock;
    this.videoIndex = new java.util.HashMap<>();
    for (int v = 0; v < world.videos; v++) {
      videoIndex.put(world.videoId(v), v);
    }
    arm.policy().published(world.videos);
  }

  /**
   * Builds a demo world and its engine.
   *
   * @param seed the world's seed
   * @param users simulated users registered up front
   * @param videos videos in the catalog (all published)
   * @return the engine
   */
  public static DemoEngine create(long seed, int users, int videos) {
    SimulationConfig config = new SimulationConfig(users, videos, 1, seed, false, Path.of("."));
    World world = World.generate(config);
    ManualTimeSource clock =
        new ManualTimeSource(Math.max(System.currentTimeMillis(), World.START_MILLIS));
    return new DemoEngine(world, EngineArms.engine(world, config, clock, false), clock);
  }

  /**
   * Describes what serves the feed.
   *
   * @return a description
   */
  public synchronized String describe() {
    return "feed: "
        + arm.name()
        + ", ads: "
        + (arm.ads().enabled() ? "on" : "off")
        + ", "
        + world.videos
        + " videos, "
        + world.campaigns.size()
        + " campaigns ("
        + arm.ads()
        + ")";
  }

  /**
   * Returns some advertiser ids of the world (for examples).
   *
   * @return advertiser ids in order
   */
  public synchronized List<String> advertisers() {
    List<String> out = new ArrayList<>();
    for (CampaignSpec c : world.campaigns) {
      if (!out.contains(c.advertiserId())) {
        out.add(c.advertiserId());
      }
    }
    return out;
  }

  /**
   * Ingests events with external ids; all are checked before any is applied.
   *
   * @param events events as (type, user, item, timestamp or 0, watchMs, coins)
   * @return how many were applied
   * @throws IllegalArgumentException naming the first bad event
   */
  public synchronized int record(List<Event> events) {
    long now = tick();
    List<Runnable> apply = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      String where = "events[" + i + "]";
      int user = users.register(e.user());
      long ts = e.timestampMillis() == 0 ? now : e.timestampMillis();
      if (ts > now + 60_000) {
        throw new IllegalArgumentException(where + ": timestamp in the future: " + ts);
      }
      if (e.type().isAd()) {
        Placed p = impressions.get(e.item());
        if (p == null) {
          throw new IllegalArgumentException(where + ": unknown impression_id " + e.item());
        }
        if (p.user() != user) {
          throw new IllegalArgumentException(
              where + ": impression " + e.item() + " was served to another user");
        }
        String key = e.item();
        apply.add(() -> adEvent(key, e.type(), ts));
        continue;
      }
      Integer video = videoIndex.get(e.item());
      if (video == null) {
        throw new IllegalArgumentException(where + ": unknown video " + e.item());
      }
      Interaction in =
          new Interaction(e.type(), user, video, ts, e.watchMs(), e.coins(), e.eventId());
      apply.add(
          () -> {
            arm.policy().record(in);
            if (in.type() == EventType.VIEW) {
              arm.ads().organicView(user, in.item(), in.watchMs(), false, ts);
            }
          });
    }
    apply.forEach(Runnable::run);
    return apply.size();
  }

  private void adEvent(String key, EventType type, long ts) {
    // the impression was booked when the page was served; a posted ad_impression is a no-op
    Placed p = impressions.get(key);
    if (type == EventType.AD_CLICK && !p.clicked()) {
      arm.ads().click(p.ad(), p.user(), ts);
      impressions.put(key, new Placed(p.ad(), p.user(), true, true));
    }
  }

  /**
   * Serves a page of the user's feed, ads included.
   *
   * @param user the user's external id
   * @param count how many items, at least 1
   * @return the items
   */
  public synchronized List<Item> feed(String user, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
    long now = tick();
    int u = users.register(Objects.requireNonNull(user, "user"));
    int[] buf = new int[count];
    double[] values = new double[count];
    int n = arm.policy().page(u, count, false, now, buf, values);
    List<Slot> slots = new ArrayList<>();
    if (users.attributes(u).adFree()) {
      for (int i = 0; i < n; i++) {
        slots.add(Slot.of(buf[i]));
      }
    } else {
      arm.ads().monetize(u, buf, values, n, 0, now, slots);
    }
    List<Item> out = new ArrayList<>();
    int lastVideo = -1;
    for (Slot s : slots) {
      if (s.isAd()) {
        ServedAd ad = Objects.requireNonNull(s.ad());
        // served = shown: the service books the impression now, so no hold is left dangling
        if (!arm.ads().impression(ad, u, lastVideo, now)) {
          continue;
        }
        String id = "imp" + nextImpression++;
        arm.ads().done(ad, true, false, now);
        impressions.put(id, new Placed(ad, u, true, false));
        CampaignSpec c = world.campaigns.get(ad.campaign());
        out.add(new Item(null, null, c.id(), ad.creativeId(), ad.format().name(), id));
      } else {
        int v = s.video();
        lastVideo = v;
        arm.policy().record(Interaction.of(EventType.IMPRESSION, u, v, now));
        out.add(
            new Item(
                world.videoId(v), world.creatorId(world.videoCreator[v]), null, null, null, null));
      }
    }
    return out;
  }

  /**
   * Returns an advertiser's report: its campaigns' impressions, clicks and spend as the ads
   * engine's ledger has them.
   *
   * @param advertiser the advertiser id
   * @return the report, or empty for an unknown advertiser
   */
  public synchronized Optional<JsonNode> report(String advertiser) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("advertiser", advertiser);
    ArrayNode cs = root.putArray("campaigns");
    for (int c = 0; c < world.campaigns.size(); c++) {
      CampaignSpec spec = world.campaigns.get(c);
      if (!spec.advertiserId().equals(advertiser)) {
        continue;
      }
      ObjectNode o = cs.addObject();
      o.put("id", spec.id());
      o.put("format", spec.format().name());
      o.put("bid_type", spec.cpc() ? "CPC" : "CPM");
      o.put("daily_budget", SimulationResult.units(spec.dailyBudgetMicros()));
      o.put("spend", SimulationResult.units(arm.ads().spendMicros(c)));
      if (arm.ads() instanceof EngineAds ads) {
        // the ads module's own report, which checks again who asks
        DeliveryReport r = ads.accounting().reports().campaign(advertiser, spec.id(), ads.today());
        o.put("day", r.day().toString());
        o.put("impressions_today", r.impressions());
        o.put("clicks_today", r.clicks());
        o.put("invalid_clicks_today", r.invalidClicks());
        o.put("spend_today", SimulationResult.units(r.spendMicros()));
        o.put("ctr_today", SimulationResult.round(r.ctr()));
        o.put("ecpm_today", SimulationResult.units(r.ecpmMicros()));
        o.put("budget_utilisation_today", SimulationResult.round(r.budgetUtilisation()));
      }
    }
    return cs.isEmpty() ? Optional.empty() : Optional.of(root);
  }

  /**
   * Looks a video up.
   *
   * @param id the external id
   * @return its index, or empty
   */
  public synchronized OptionalInt video(String id) {
    Integer v = videoIndex.get(id);
    return v == null ? OptionalInt.empty() : OptionalInt.of(v);
  }

  private long tick() {
    clock.set(Math.max(clock.nowMillis(), System.currentTimeMillis()));
    return clock.nowMillis();
  }

  /**
   * An event with external ids.
   *
   * @param type what happened
   * @param user the user's external id
   * @param item the video id, or the impression id for ad events
   * @param timestampMillis when, 0 for now
   * @param watchMs watch time for views
   * @param coins coins for gifts
   * @param eventId de-duplication id or 0
   */
  public record Event(
      EventType type,
      String user,
      String item,
      long timestampMillis,
      long watchMs,
      int coins,
      long eventId) {}
}
