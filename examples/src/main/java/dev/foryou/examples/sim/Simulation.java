package dev.foryou.examples.sim;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Runs one simulation: draws the world, splits the users across the arms (the engine, a popularity
 * feed, a random feed), and replays every simulated session in time order on a single thread with a
 * {@link ManualTimeSource}, so that the same seed gives the same numbers.
 *
 * <p>Design: a discrete-event loop over a priority queue of (time, sequence) steps. A step finishes
 * the item a session is showing (its view, skip, like … events go to that arm's policy at the
 * current time, never in the future), decides whether the session goes on, and shows the next item
 * (an impression now; the outcome is drawn now and booked when the watch ends). Hourly ticks sample
 * each campaign's spend from the ads engine's ledger; the simulator audits frequency caps and daily
 * budgets itself, independently of the engine.
 *
 * <p>Not thread-safe; one instance runs once.
 */
public final class Simulation {
  static final int PAGE = 8;
  private static final long SCROLL_MS = 300;

  private final SimulationConfig config;
  private final World world;
  private final ManualTimeSource clock;
  private final List<Arm> arms;
  private final int[] armOf;
  private final Behaviour schedule; // session counts and start times: the same whatever the arms
  private final Behaviour[] behaviours; // one stream per arm, so arms do not perturb each other
  private final IntOpenHashSet[] watched;
  private final IntOpenHashSet[] followed;
  private final int[] lastOpen; // the last day each user opened the app, -1 for never
  private final DayStats[][] stats; // [arm][day]
  private final long[][] spendByHour; // [campaign][hour since start], cumulative micros
  private final Long2IntOpenHashMap capCounts = new Long2IntOpenHashMap();
  private final long[] capViolations;
  private final long[] campaignImpressions;
  private final long[] campaignClicks;
  private final long[] expectedChargeMicros; // the simulator's own sum of clearing prices
  private final PriorityQueue<Step> queue = new PriorityQueue<>();
  private long seq;
  private int publishedCount;
  private long doneSessions;

  private Simulation(SimulationConfig config, World world, ManualTimeSource clock, List<Arm> arms) {
    this.config = config;
    this.world = world;
    this.clock = clock;
    this.arms = List.copyOf(arms);
    this.schedule = new Behaviour(world, config.seed() * 0x9E3779B97F4A7C15L + 7);
    this.behaviours = new Behaviour[arms.size()];
    for (int a = 0; a < behaviours.length; a++) {
      behaviours[a] = new Behaviour(world, config.seed() * 31 + 1009L * (a + 1));
    }
    this.armOf = split(world.users, arms.size(), new SplittableRandom(config.seed() + 1));
    this.watched = new IntOpenHashSet[world.users];
    this.followed = new IntOpenHashSet[world.users];
    this.lastOpen = new int[world.users];
    java.util.Arrays.fill(lastOpen, -1);
    this.stats = new DayStats[arms.size()][config.days()];
    for (DayStats[] row : stats) {
      for (int d = 0; d < row.length; d++) {
        row[d] = new DayStats();
      }
    }
    int nc = world.campaigns.size();
    this.spendByHour = new long[nc][config.days() * 24 + 1];
    this.capViolations = new long[nc];
    this.campaignImpressions = new long[nc];
    this.campaignClicks = new long[nc];
    this.expectedChargeMicros = new long[nc];
  }

  /**
   * Runs a simulation with the engine and the two baselines.
   *
   * @param config what to simulate
   * @param progress hears progress
   * @return the result
   */
  public static SimulationResult run(SimulationConfig config, Progress progress) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(progress, "progress");
    World world = World.generate(config);
    ManualTimeSource clock = new ManualTimeSource(World.START_MILLIS);
    List<Arm> arms = EngineArms.create(world, config, clock);
    return new Simulation(config, world, clock, arms).run(progress);
  }

  /** Runs with given arms (tests). */
  static SimulationResult run(
      SimulationConfig config,
      World world,
      ManualTimeSource clock,
      List<Arm> arms,
      Progress progress) {
    return new Simulation(config, world, clock, arms).run(progress);
  }

  private SimulationResult run(Progress progress) {
    publish(clock.nowMillis());
    long total = 0;
    for (int d = 0; d < config.days(); d++) {
      long dayStart = World.START_MILLIS + d * World.DAY_MILLIS;
      for (int u = 0; u < world.users; u++) {
        int k = schedule.poisson(world.activity[u]);
        for (int i = 0; i < k; i++) {
          push(schedule.sessionStart(dayStart), new Session(u, armOf[u], d));
          total++;
        }
      }
    }
    for (int h = 1; h <= config.days() * 24; h++) {
      push(World.START_MILLIS + h * 3_600_000L - 1, null); // a tick at the end of every hour
    }
    progress.start(total);
    long horizon = World.START_MILLIS + config.days() * World.DAY_MILLIS;
    while (!queue.isEmpty()) {
      Step step = queue.poll();
      clock.set(step.time);
      publish(step.time);
      if (step.session == null) {
        tick(step.time);
      } else {
        if (step.time >= horizon) {
          // the run ends at the last midnight: sessions still open stop there
          end(step.session, arms.get(step.session.arm), step.time);
        } else {
          advance(step.session, step.time);
        }
        if (step.session.ended) {
          doneSessions++;
          if ((doneSessions & 63) == 0 || doneSessions == total) {
            progress.advanced(doneSessions, day(step.time));
          }
        }
      }
    }
    progress.done();
    return result();
  }

  private void tick(long now) {
    int hour = (int) ((now + 1 - World.START_MILLIS) / 3_600_000L);
    List<CampaignSpec> campaigns = world.campaigns;
    for (int c = 0; c < campaigns.size(); c++) {
      long spend = 0;
      for (Arm arm : arms) {
        spend += arm.ads().spendMicros(c);
      }
      spendByHour[c][hour] = spend;
    }
    if (hour % 24 == 0) {
      closeDay(hour / 24 - 1);
    }
  }

  /** Books the day's money and ad opportunities from the ads engines' running totals. */
  private void closeDay(int d) {
    for (int a = 0; a < arms.size(); a++) {
      AdsAdapter ads = arms.get(a).ads();
      long revenue = ads.platformRevenueMicros();
      long payouts = ads.creatorPayoutMicros();
      long opportunities = ads.opportunities();
      long filled = ads.filled();
      long spend = 0;
      for (int c = 0; c < world.campaigns.size(); c++) {
        spend += ads.spendMicros(c);
      }
      for (int e = 0; e < d; e++) {
        DayStats p = stats[a][e];
        revenue -= p.revenueMicros;
        payouts -= p.creatorPayoutMicros;
        opportunities -= p.adOpportunities;
        filled -= p.adFilled;
        spend -= p.spendMicros;
      }
      DayStats s = stats[a][d];
      s.revenueMicros = revenue;
      s.creatorPayoutMicros = payouts;
      s.adOpportunities = opportunities;
      s.adFilled = filled;
      s.spendMicros = spend;
    }
  }

  private void advance(Session s, long now) {
    Arm arm = arms.get(s.arm);
    Behaviour behaviour = behaviours[s.arm];
    DayStats st = stats[s.arm][s.day];
    if (!s.started) {
      s.started = true;
      s.energy = world.patience[s.user];
      st.sessions++;
      boolean first = lastOpen[s.user] != s.day;
      lastOpen[s.user] = s.day;
      if (arm.ads().enabled() && !world.attributes[s.user].adFree()) {
        ServedAd open = arm.ads().onOpen(s.user, first, now);
        if (open != null) {
          s.page.add(Slot.of(open));
        }
        // sometimes the user visits the discover page or opens the effects tray first
        SplittableRandom r = behaviour.random();
        if (r.nextDouble() < 0.08) {
          surfaceAd(s, arm, st, AdsAdapter.Surface.DISCOVER, now);
        }
        if (r.nextDouble() < 0.05) {
          surfaceAd(s, arm, st, AdsAdapter.Surface.EFFECTS, now);
        }
      }
    } else {
      finish(s, arm, st, now);
      if (s.energy <= 0 || s.shown >= Behaviour.MAX_ITEMS || behaviour.interrupted()) {
        end(s, arm, now);
        return;
      }
    }
    if (!refill(s, arm, now)) {
      return;
    }
    Slot next = s.page.get(s.pagePos++);
    while (next.isAd() && !adImpression(s, arm, st, Objects.requireNonNull(next.ad()), now)) {
      // withdrawn at the last moment: the next slot takes its place
      if (!refill(s, arm, now)) {
        return;
      }
      next = s.page.get(s.pagePos++);
    }
    show(s, arm, st, next, now);
  }

  /** Ends a session; ads placed on its page that it never reached go back to the ads engine. */
  /**
   * Fetches and monetises the next page when the current one is used up; false (and the session
   * ended) when the feed has nothing more.
   */
  private boolean refill(Session s, Arm arm, long now) {
    if (s.pagePos < s.page.size()) {
      return true;
    }
    s.page.clear();
    s.pagePos = 0;
    int n = arm.policy().page(s.user, PAGE, s.pages++ == 0, now, s.buffer, s.values);
    if (n == 0) {
      end(s, arm, now);
      return false;
    }
    arm.ads().monetize(s.user, s.buffer, s.values, n, s.shown, now, s.page);
    return true;
  }

  private void end(Session s, Arm arm, long now) {
    s.ended = true;
    for (int i = s.pagePos; i < s.page.size(); i++) {
      ServedAd ad = s.page.get(i).ad();
      if (ad != null) {
        arm.ads().done(ad, false, false, now);
      }
    }
    s.page.clear();
    s.pagePos = 0;
  }

  private void surfaceAd(Session s, Arm arm, DayStats st, AdsAdapter.Surface surface, long now) {
    Behaviour behaviour = behaviours[s.arm];
    ServedAd ad = arm.ads().surface(surface, s.user, now);
    if (ad != null && adImpression(s, arm, st, ad, now)) {
      boolean click = behaviour.adClick(s.user, world.campaigns.get(ad.campaign()));
      if (click) {
        adClick(s, arm, st, ad, now + 1000); // a second to tap through
      }
      arm.ads().done(ad, true, click, now);
    }
  }

  private void show(Session s, Arm arm, DayStats st, Slot slot, long now) {
    Behaviour behaviour = behaviours[s.arm];
    s.shown++;
    long duration;
    if (slot.isAd()) {
      ServedAd ad = Objects.requireNonNull(slot.ad()); // its impression is already booked
      CampaignSpec c = world.campaigns.get(ad.campaign());
      s.curAd = ad;
      s.curVideo = -1;
      s.curClick = behaviour.adClick(s.user, c);
      duration = behaviour.adWatchMs(s.user, c);
      s.outcome.energy = behaviour.adEnergy(s.user, c);
    } else {
      int v = slot.video();
      st.organicImpressions++;
      arm.policy().record(Interaction.of(EventType.IMPRESSION, s.user, v, now));
      boolean repeat = watched(s.user).contains(v);
      int creator = world.videoCreator[v];
      behaviour.watch(s.user, v, repeat, followed(s.user).contains(creator), s.outcome);
      s.curAd = null;
      s.curVideo = v;
      s.curRepeat = repeat;
      duration = s.outcome.watchMs;
    }
    push(now + duration + SCROLL_MS, s);
  }

  private void finish(Session s, Arm arm, DayStats st, long now) {
    if (s.curAd != null) {
      if (s.curClick) {
        adClick(s, arm, st, s.curAd, now);
      }
      arm.ads().done(s.curAd, true, s.curClick, now);
      s.energy += s.outcome.energy;
      s.curAd = null;
      return;
    }
    int v = s.curVideo;
    if (v < 0) {
      return;
    }
    Behaviour.Outcome o = s.outcome;
    FeedPolicy p = arm.policy();
    int u = s.user;
    st.watchMs += o.watchMs;
    p.record(Interaction.view(u, v, now, o.watchMs));
    arm.ads().organicView(u, v, o.watchMs, s.curRepeat, now);
    watched(u).add(v);
    s.lastVideo = v;
    if (o.skip) {
      st.skips++;
      p.record(Interaction.of(EventType.SKIP, u, v, now));
      if (o.notInterested) {
        st.notInterested++;
        p.record(Interaction.of(EventType.NOT_INTERESTED, u, v, now));
      }
    } else {
      if (o.complete) {
        st.completes++;
      }
      if (o.like) {
        st.likes++;
        p.record(Interaction.of(EventType.LIKE, u, v, now));
      }
      if (o.share) {
        st.shares++;
        p.record(Interaction.of(EventType.SHARE, u, v, now));
      }
      if (o.comment) {
        st.comments++;
        p.record(Interaction.of(EventType.COMMENT, u, v, now));
      }
      if (o.follow) {
        st.follows++;
        followed(u).add(world.videoCreator[v]);
        p.record(Interaction.of(EventType.FOLLOW, u, v, now));
      }
      if (o.giftCoins > 0) {
        st.giftCoins += o.giftCoins;
        p.record(Interaction.gift(u, v, now, o.giftCoins));
      }
    }
    s.energy += o.energy;
    s.curVideo = -1;
  }

  private boolean adImpression(Session s, Arm arm, DayStats st, ServedAd ad, long now) {
    if (!arm.ads().impression(ad, s.user, s.lastVideo, now)) {
      return false;
    }
    st.adImpressions++;
    int c = ad.campaign();
    campaignImpressions[c]++;
    if (!ad.cpc()) {
      expectedChargeMicros[c] += ad.priceMicros() / 1000; // the ledger may round per impression
    }
    long key = ((long) s.user * world.campaigns.size() + c) * config.days() + day(now);
    int count = capCounts.addTo(key, 1) + 1;
    if (count > world.campaigns.get(c).capPerDay()) {
      capViolations[c]++;
    }
    return true;
  }

  private void adClick(Session s, Arm arm, DayStats st, ServedAd ad, long now) {
    arm.ads().click(ad, s.user, now);
    st.adClicks++;
    campaignClicks[ad.campaign()]++;
    if (ad.cpc()) {
      expectedChargeMicros[ad.campaign()] += ad.priceMicros();
    }
  }

  private int day(long now) {
    return (int) Math.min(config.days() - 1, (now - World.START_MILLIS) / World.DAY_MILLIS);
  }

  private void publish(long now) {
    int n = world.publishedBy(now);
    if (n != publishedCount) {
      publishedCount = n;
      for (Arm arm : arms) {
        arm.policy().published(n);
      }
    }
  }

  private IntOpenHashSet watched(int u) {
    IntOpenHashSet s = watched[u];
    if (s == null) {
      watched[u] = s = new IntOpenHashSet();
    }
    return s;
  }

  private IntOpenHashSet followed(int u) {
    IntOpenHashSet s = followed[u];
    if (s == null) {
      followed[u] = s = new IntOpenHashSet();
    }
    return s;
  }

  private void push(long time, @Nullable Session s) {
    queue.add(new Step(time, seq++, s));
  }

  /** Assigns users to arms: a seeded shuffle dealt round-robin, so arms differ by at most one. */
  static int[] split(int users, int arms, SplittableRandom rnd) {
    int[] perm = new int[users];
    for (int i = 0; i < users; i++) {
      perm[i] = i;
    }
    for (int i = users - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] armOf = new int[users];
    for (int i = 0; i < users; i++) {
      armOf[perm[i]] = i % arms;
    }
    return armOf;
  }

  private SimulationResult result() {
    List<String> names = new ArrayList<>();
    for (Arm a : arms) {
      names.add(a.name());
    }
    long[] spend = new long[world.campaigns.size()];
    for (int c = 0; c < spend.length; c++) {
      for (Arm a : arms) {
        spend[c] += a.ads().spendMicros(c);
      }
    }
    boolean ads = arms.stream().anyMatch(a -> a.ads().enabled());
    return new SimulationResult(
        config,
        names,
        stats,
        ads ? world.campaigns : List.of(),
        spend,
        spendByHour,
        capViolations,
        campaignImpressions,
        campaignClicks,
        expectedChargeMicros);
  }

  private record Step(long time, long seq, @Nullable Session session) implements Comparable<Step> {
    @Override
    public int compareTo(Step o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private static final class Session {
    final int user;
    final int arm;
    final int day;
    final int[] buffer = new int[PAGE];
    final double[] values = new double[PAGE];
    int pages;
    final List<Slot> page = new ArrayList<>(PAGE + 4);
    final Behaviour.Outcome outcome = new Behaviour.Outcome();
    int pagePos;
    boolean started;
    boolean ended;
    double energy;
    int shown;
    int curVideo = -1;
    int lastVideo = -1;
    @Nullable ServedAd curAd;
    boolean curClick;
    boolean curRepeat;

    Session(int user, int arm, int day) {
      this.user = user;
      this.arm = arm;
      this.day = day;
    }
  }
}
