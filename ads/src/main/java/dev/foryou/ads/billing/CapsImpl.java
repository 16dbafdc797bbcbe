package dev.foryou.ads.billing;

import dev.foryou.core.IdMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/*
 * Frequency caps as exact counters per (user, campaign) and (user, advertiser): the timestamps
 * of the last K impressions (K = the largest sliding-window cap, enough to decide every sliding
 * rule: a rule "at most M in W" is violated iff M of the kept timestamps lie in W, and an entry
 * is only evicted when every rule with M = K has it outside its window), a calendar-day counter
 * in the configured zone and a lifetime counter. Check-and-reserve happens under one lock per
 * user stripe, so concurrent requests cannot overshoot.
 */
final class CapsImpl implements FrequencyCaps {
  private static final int STRIPES = 64;

  private final ZoneId zone;
  private final IdMap users = new IdMap();
  private final IdMap campaigns = new IdMap();
  private final IdMap advertisers = new IdMap();
  private volatile Rules[] campaignRules = new Rules[16];
  private volatile Rules[] advertiserRules = new Rules[16];
  private final Object[] locks = new Object[STRIPES];

  @SuppressWarnings("unchecked")
  private final Long2ObjectOpenHashMap<Counter>[] counters = new Long2ObjectOpenHashMap[STRIPES];

  private volatile DayCache dayCache = new DayCache(Long.MIN_VALUE, Long.MIN_VALUE, 0);

  CapsImpl(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
      counters[i] = new Long2ObjectOpenHashMap<>();
    }
  }

  private record DayCache(long start, long end, long day) {}

  long dayOf(long millis) {
    DayCache c = dayCache;
    if (millis >= c.start && millis < c.end) {
      return c.day;
    }
    LocalDate d = Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
    long start = d.atStartOfDay(zone).toInstant().toEpochMilli();
    long end = d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    dayCache = new DayCache(start, end, d.toEpochDay());
    return d.toEpochDay();
  }

  static void validate(List<CapRule> rules) {
    Objects.requireNonNull(rules, "rules");
    for (CapRule r : rules) {
      Objects.requireNonNull(r, "rule");
    }
  }

  void setCampaignRules(String campaignId, List<CapRule> rules) {
    validate(rules);
    int idx = campaigns.intern(campaignId);
    synchronized (this) {
      campaignRules = put(campaignRules, idx, new Rules(rules));
    }
  }

  void setAdvertiserRules(String advertiserId, List<CapRule> rules) {
    validate(rules);
    int idx = advertisers.intern(advertiserId);
    synchronized (this) {
      advertiserRules = put(advertiserRules, idx, new Rules(rules));
    }
  }

  private static Rules[] put(Rules[] a, int idx, Rules r) {
    if (idx >= a.length) {
      Rules[] g = new Rules[Math.max(idx + 1, a.length * 2)];
      System.arraycopy(a, 0, g, 0, a.length);
      a = g;
    }
    a[idx] = r.isEmpty() ? null : r;
    return a;
  }

  private static Rules rulesAt(Rules[] a, int idx) {
    return idx < a.length ? a[idx] : null;
  }

  private static long key(int user, int entity, boolean advertiser) {
    return ((long) user << 32) | ((long) entity << 1) | (advertiser ? 1 : 0);
  }

  private static void requireId(String id, String name) {
    Objects.requireNonNull(id, name);
    if (id.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  @Override
  public CapHold tryAcquire(String userId, String campaignId, String advertiserId, long nowMillis) {
    requireId(userId, "userId");
    requireId(campaignId, "campaignId");
    requireId(advertiserId, "advertiserId");
    int c = campaigns.intern(campaignId);
    int a = advertisers.intern(advertiserId);
    Rules cr = rulesAt(campaignRules, c);
    Rules ar = rulesAt(advertiserRules, a);
    int u = users.intern(userId);
    long day = dayOf(nowMillis);
    if (cr == null && ar == null) {
      return new CapHold(true, u, -1, -1, nowMillis, day);
    }
    int s = u & (STRIPES - 1);
    synchronized (locks[s]) {
      Long2ObjectOpenHashMap<Counter> m = counters[s];
      Counter cc = cr == null ? null : counter(m, key(u, c, false), cr);
      Counter ac = ar == null ? null : counter(m, key(u, a, true), ar);
      if ((cc != null && !cc.allows(cr, nowMillis, day))
          || (ac != null && !ac.allows(ar, nowMillis, day))) {
        return CapHold.DENIED;
      }
      if (cc != null) {
        cc.add(nowMillis, day);
      }
      if (ac != null) {
        ac.add(nowMillis, day);
      }
      return new CapHold(true, u, cc == null ? -1 : c, ac == null ? -1 : a, nowMillis, day);
    }
  }

  /** Checks that a hold may be committed for an impression (before anything is logged). */
  void checkCommit(CapHold hold, String userId, String campaignId, String advertiserId) {
    if (!hold.granted()) {
      return;
    }
    if (hold.released.get()) {
      throw new IllegalArgumentException("cap hold already released or used: " + hold);
    }
    var u = users.indexOf(userId);
    if (u.isEmpty() || u.getAsInt() != hold.user) {
      throw new IllegalArgumentException("cap hold was taken for another user than " + userId);
    }
    if (hold.campaign >= 0 && campaigns.indexOf(campaignId).orElse(-1) != hold.campaign) {
      throw new IllegalArgumentException(
          "cap hold was taken for another campaign than " + campaignId);
    }
    if (hold.advertiser >= 0 && advertisers.indexOf(advertiserId).orElse(-1) != hold.advertiser) {
      throw new IllegalArgumentException(
          "cap hold was taken for another advertiser than " + advertiserId);
    }
  }

  /**
   * Turns a hold into the impression's count at the impression's time; without a granted hold,
   * counts the impression directly (as replay does), so live and replayed counts agree.
   */
  void commit(CapHold hold, String userId, String campaignId, String advertiserId, long ts) {
    if (!hold.granted()) {
      restore(userId, campaignId, advertiserId, ts);
      return;
    }
    if (!hold.released.compareAndSet(false, true)) {
      throw new IllegalArgumentException("cap hold already released or used: " + hold);
    }
    long day = dayOf(ts);
    int s = hold.user & (STRIPES - 1);
    synchronized (locks[s]) {
      Long2ObjectOpenHashMap<Counter> m = counters[s];
      if (hold.campaign >= 0) {
        Counter c = m.get(key(hold.user, hold.campaign, false));
        if (c != null) {
          c.remove(hold.timeMillis, hold.day);
          c.add(ts, day);
        }
      }
      if (hold.advertiser >= 0) {
        Counter c = m.get(key(hold.user, hold.advertiser, true));
        if (c != null) {
          c.remove(hold.timeMillis, hold.day);
          c.add(ts, day);
        }
      }
    }
  }

  /** Counts a logged impression during replay (no check). */
  void restore(String userId, String campaignId, String advertiserId, long millis) {
    int c = campaigns.intern(campaignId);
    int a = advertisers.intern(advertiserId);
    Rules cr = rulesAt(campaignRules, c);
    Rules ar = rulesAt(advertiserRules, a);
    if (cr == null && ar == null) {
      return;
    }
    int u = users.intern(userId);
    long day = dayOf(millis);
    int s = u & (STRIPES - 1);
    synchronized (locks[s]) {
      if (cr != null) {
        counter(counters[s], key(u, c, false), cr).add(millis, day);
      }
      if (ar != null) {
        counter(counters[s], key(u, a, true), ar).add(millis, day);
      }
    }
  }

  private static Counter counter(Long2ObjectOpenHashMap<Counter> m, long key, Rules r) {
    Counter c = m.get(key);
    if (c == null) {
      c = new Counter(r.ringCapacity);
      m.put(key, c);
    } else if (c.ring.length < r.ringCapacity) {
      c.grow(r.ringCapacity);
    }
    return c;
  }

  @Override
  public void release(CapHold hold) {
    Objects.requireNonNull(hold, "hold");
    if (!hold.granted() || (hold.campaign < 0 && hold.advertiser < 0)) {
      return;
    }
    if (!hold.released.compareAndSet(false, true)) {
      throw new IllegalArgumentException("hold already released: " + hold);
    }
    int s = hold.user & (STRIPES - 1);
    synchronized (locks[s]) {
      Long2ObjectOpenHashMap<Counter> m = counters[s];
      if (hold.campaign >= 0) {
        Counter c = m.get(key(hold.user, hold.campaign, false));
        if (c != null) {
          c.remove(hold.timeMillis, hold.day);
        }
      }
      if (hold.advertiser >= 0) {
        Counter c = m.get(key(hold.user, hold.advertiser, true));
        if (c != null) {
          c.remove(hold.timeMillis, hold.day);
        }
      }
    }
  }

  @Override
  public int campaignCount(String userId, String campaignId, CapWindow window, long nowMillis) {
    requireId(campaignId, "campaignId");
    return count(userId, campaigns.indexOf(campaignId), false, window, nowMillis);
  }

  @Override
  public int advertiserCount(String userId, String advertiserId, CapWindow window, long nowMillis) {
    requireId(advertiserId, "advertiserId");
    return count(userId, advertisers.indexOf(advertiserId), true, window, nowMillis);
  }

  private int count(
      String userId, java.util.OptionalInt entity, boolean adv, CapWindow window, long now) {
    requireId(userId, "userId");
    Objects.requireNonNull(window, "window");
    var u = users.indexOf(userId);
    if (u.isEmpty() || entity.isEmpty()) {
      return 0;
    }
    int s = u.getAsInt() & (STRIPES - 1);
    synchronized (locks[s]) {
      Counter c = counters[s].get(key(u.getAsInt(), entity.getAsInt(), adv));
      if (c == null) {
        return 0;
      }
      return switch (window.kind()) {
        case LIFETIME -> (int) Math.min(Integer.MAX_VALUE, c.lifetime);
        case CALENDAR_DAY -> c.day == dayOf(now) ? c.dayCount : 0;
        case SLIDING -> c.inWindow(now, window.millis());
      };
    }
  }

  void write(DataOutput out) throws IOException {
    Codec.writeIds(out, users);
    Codec.writeIds(out, campaigns);
    Codec.writeIds(out, advertisers);
    writeRules(out, campaignRules, campaigns.size());
    writeRules(out, advertiserRules, advertisers.size());
    for (int s = 0; s < STRIPES; s++) {
      synchronized (locks[s]) {
        Long2ObjectOpenHashMap<Counter> m = counters[s];
        out.writeInt(m.size());
        for (Long2ObjectMap.Entry<Counter> e : m.long2ObjectEntrySet()) {
          Counter c = e.getValue();
          out.writeLong(e.getLongKey());
          out.writeInt(c.ring.length);
          out.writeInt(c.size);
          for (int i = 0; i < c.size; i++) {
            out.writeLong(c.ring[i]);
          }
          out.writeLong(c.lifetime);
          out.writeLong(c.day);
          out.writeInt(c.dayCount);
        }
      }
    }
  }

  private static void writeRules(DataOutput out, Rules[] rules, int n) throws IOException {
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      Rules r = rulesAt(rules, i);
      List<CapRule> list = r == null ? List.of() : r.rules;
      Codec.writeRules(out, list);
    }
  }

  void read(DataInput in) throws IOException {
    Codec.readIds(in, users);
    Codec.readIds(in, campaigns);
    Codec.readIds(in, advertisers);
    int nc = in.readInt();
    for (int i = 0; i < nc; i++) {
      List<CapRule> r = Codec.readRules(in);
      if (!r.isEmpty()) {
        setCampaignRules(campaigns.id(i), r);
      }
    }
    int na = in.readInt();
    for (int i = 0; i < na; i++) {
      List<CapRule> r = Codec.readRules(in);
      if (!r.isEmpty()) {
        setAdvertiserRules(advertisers.id(i), r);
      }
    }
    for (int s = 0; s < STRIPES; s++) {
      synchronized (locks[s]) {
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
          long key = in.readLong();
          Counter c = new Counter(in.readInt());
          c.size = in.readInt();
          for (int i = 0; i < c.size; i++) {
            c.ring[i] = in.readLong();
          }
          c.lifetime = in.readLong();
          c.day = in.readLong();
          c.dayCount = in.readInt();
          counters[s].put(key, c);
        }
      }
    }
  }

  /** Compiled rules of one campaign or advertiser. */
  private static final class Rules {
    final List<CapRule> rules;
    final long[] windows;
    final int[] maxima;
    final int dayMax;
    final long lifetimeMax;
    final int ringCapacity;

    Rules(List<CapRule> list) {
      this.rules = List.copyOf(list);
      int sliding = 0;
      int day = Integer.MAX_VALUE;
      long life = Long.MAX_VALUE;
      for (CapRule r : rules) {
        switch (r.window().kind()) {
          case SLIDING -> sliding++;
          case CALENDAR_DAY -> day = Math.min(day, r.maxImpressions());
          case LIFETIME -> life = Math.min(life, r.maxImpressions());
        }
      }
      windows = new long[sliding];
      maxima = new int[sliding];
      int i = 0;
      int cap = 1;
      for (CapRule r : rules) {
        if (r.window().kind() == CapWindow.Kind.SLIDING) {
          windows[i] = r.window().millis();
          maxima[i] = r.maxImpressions();
          cap = Math.max(cap, r.maxImpressions());
          i++;
        }
      }
      dayMax = day;
      lifetimeMax = life;
      ringCapacity = cap;
    }

    boolean isEmpty() {
      return rules.isEmpty();
    }
  }

  /** Impression counts of one (user, campaign) or (user, advertiser) pair. */
  private static final class Counter {
    long[] ring;
    int size;
    long lifetime;
    long day = Long.MIN_VALUE;
    int dayCount;

    Counter(int capacity) {
      ring = new long[capacity];
    }

    void grow(int capacity) {
      long[] g = new long[capacity];
      System.arraycopy(ring, 0, g, 0, size);
      ring = g;
    }

    int inWindow(long now, long window) {
      long from = now - window;
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (ring[i] > from) {
          n++;
        }
      }
      return n;
    }

    boolean allows(Rules r, long now, long today) {
      if (lifetime >= r.lifetimeMax) {
        return false;
      }
      if (day == today && dayCount >= r.dayMax) {
        return false;
      }
      for (int i = 0; i < r.windows.length; i++) {
        if (inWindow(now, r.windows[i]) >= r.maxima[i]) {
          return false;
        }
      }
      return true;
    }

    void add(long ts, long d) {
      if (size == ring.length) {
        int oldest = 0;
        for (int i = 1; i < size; i++) {
          if (ring[i] < ring[oldest]) {
            oldest = i;
          }
        }
        ring[oldest] = ring[--size];
      }
      ring[size++] = ts;
      lifetime++;
      if (d == day) {
        dayCount++;
      } else if (d > day) {
        day = d;
        dayCount = 1;
      }
    }

    void remove(long ts, long d) {
      for (int i = size - 1; i >= 0; i--) {
        if (ring[i] == ts) {
          ring[i] = ring[--size];
          break;
        }
      }
      lifetime--;
      if (d == day && dayCount > 0) {
        dayCount--;
      }
    }
  }
}
