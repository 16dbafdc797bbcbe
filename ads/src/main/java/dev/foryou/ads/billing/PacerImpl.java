package dev.foryou.ads.billing;

import dev.foryou.core.IdMap;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/*
 * Design: budget pacing by probabilistic throttling that follows the day's traffic forecast,
 * after Agarwal, Ghosh, Wei, Zhang, "Budget pacing for targeted online advertisements at
 * LinkedIn", KDD 2014. The day (in the campaign's zone) is cut into short slots (1 min by
 * default). At the start of each slot the allocation is
 *
 *     alloc = remaining daily budget * forecast(slot) / forecast(rest of the day)
 *
 * so that under- or over-spend of past slots is spread over the rest of the day (the paper's
 * adaptive allocation). The pass-through rate p (the share of eligible auctions the campaign
 * enters) is then set so the expected spend of the slot meets its allocation:
 *
 *     p = alloc / (expected eligible requests in the slot * expected spend per admitted request)
 *
 * where requests per unit of forecast and spend per admitted request are exponentially smoothed
 * measurements (the paper adjusts p multiplicatively from the last slot's spend; estimating both
 * factors separately reacts faster and is as stable). Throttling is deterministic error diffusion
 * (an accumulator adds p per request and admits on each whole unit) instead of a coin flip, which
 * gives the same rate with lower variance and reproducible tests. ASAP campaigns have p = 1.
 *
 * Budget holds make spend safe under concurrency: see BudgetPacer's overspend bound.
 */
final class PacerImpl implements BudgetPacer {
  private static final long HOUR = 3_600_000L;
  private static final double INITIAL_RATE = 0.1;
  private static final double MIN_RATE = 1e-6;
  private static final double SMOOTH = 0.3;

  private final long slotMillis;
  private final IdMap ids = new IdMap();
  private volatile Campaign[] campaigns = new Campaign[16];

  PacerImpl(long slotMillis) {
    if (slotMillis < 1000 || HOUR % slotMillis != 0) {
      throw new IllegalArgumentException(
          "slotMillis must be >= 1000 and divide one hour: " + slotMillis);
    }
    this.slotMillis = slotMillis;
  }

  /** Registers or updates a budget; returns the campaign index. */
  int register(CampaignBudget budget) {
    Objects.requireNonNull(budget, "budget");
    int idx = ids.intern(budget.campaignId());
    synchronized (this) {
      Campaign[] a = campaigns;
      if (idx >= a.length) {
        Campaign[] grown = new Campaign[Math.max(idx + 1, a.length * 2)];
        System.arraycopy(a, 0, grown, 0, a.length);
        a = grown;
      }
      Campaign c = a[idx];
      if (c == null) {
        a[idx] = new Campaign(budget, slotMillis);
      } else {
        c.update(budget);
      }
      campaigns = a;
    }
    return idx;
  }

  /** Checks a budget update would be accepted (same advertiser). */
  void checkRegister(CampaignBudget budget) {
    int idx = indexOf(budget.campaignId());
    if (idx >= 0) {
      String owner = campaign(idx).budget.advertiserId();
      if (!owner.equals(budget.advertiserId())) {
        throw new IllegalArgumentException(
            "campaign "
                + budget.campaignId()
                + " belongs to advertiser "
                + owner
                + ", not "
                + budget.advertiserId());
      }
    }
  }

  Campaign campaign(int idx) {
    Campaign[] a = campaigns;
    if (idx < 0 || idx >= a.length || a[idx] == null) {
      throw new IllegalArgumentException("unknown campaign index: " + idx);
    }
    return a[idx];
  }

  Campaign campaign(String campaignId) {
    int idx = indexOf(campaignId);
    if (idx < 0) {
      throw new IllegalArgumentException("unknown campaign: " + campaignId);
    }
    return campaign(idx);
  }

  int size() {
    return ids.size();
  }

  String id(int idx) {
    return ids.id(idx);
  }

  @Override
  public int indexOf(String campaignId) {
    Objects.requireNonNull(campaignId, "campaignId");
    var i = ids.indexOf(campaignId);
    if (i.isEmpty()) {
      return -1;
    }
    int idx = i.getAsInt();
    Campaign[] a = campaigns;
    return idx < a.length && a[idx] != null ? idx : -1;
  }

  @Override
  public double admit(int campaign, long nowMillis) {
    return campaign(campaign).admit(nowMillis);
  }

  @Override
  public double admit(String campaignId, long nowMillis) {
    return campaign(campaignId).admit(nowMillis);
  }

  @Override
  public boolean reserve(int campaign, long maxChargeMicros, long nowMillis) {
    return campaign(campaign).reserve(maxChargeMicros, nowMillis);
  }

  @Override
  public boolean reserve(String campaignId, long maxChargeMicros, long nowMillis) {
    return campaign(campaignId).reserve(maxChargeMicros, nowMillis);
  }

  @Override
  public void release(int campaign, long heldMicros) {
    campaign(campaign).release(heldMicros);
  }

  @Override
  public void release(String campaignId, long heldMicros) {
    campaign(campaignId).release(heldMicros);
  }

  @Override
  public long spentOn(String campaignId, LocalDate day) {
    Objects.requireNonNull(day, "day");
    return campaign(campaignId).spentOn(day.toEpochDay());
  }

  @Override
  public long spentLifetime(String campaignId) {
    Campaign c = campaign(campaignId);
    synchronized (c) {
      return c.lifetimeSpent;
    }
  }

  @Override
  public long heldMicros(String campaignId) {
    Campaign c = campaign(campaignId);
    synchronized (c) {
      return c.held;
    }
  }

  @Override
  public CampaignBudget budget(String campaignId) {
    Campaign c = campaign(campaignId);
    synchronized (c) {
      return c.budget;
    }
  }

  @Override
  public long[] hourlyPlan(String campaignId) {
    Campaign c = campaign(campaignId);
    synchronized (c) {
      return c.hourlyPlan();
    }
  }

  void write(DataOutput out) throws IOException {
    int n = ids.size();
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      Campaign c = campaign(i);
      synchronized (c) {
        Codec.writeBudget(out, c.budget);
        out.writeLong(c.dayIndex);
        out.writeLong(c.daySpent);
        out.writeLong(c.lifetimeSpent);
        out.writeInt(c.pastDays.size());
        for (Map.Entry<Long, Long> e : c.pastDays.entrySet()) {
          out.writeLong(e.getKey());
          out.writeLong(e.getValue());
        }
        out.writeDouble(c.rate);
        out.writeDouble(c.requestsPerForecast);
        out.writeDouble(c.decayedSpend);
        out.writeDouble(c.decayedAdmits);
      }
    }
  }

  void read(DataInput in) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      CampaignBudget b = Codec.readBudget(in);
      Campaign c = campaign(register(b));
      synchronized (c) {
        long day = in.readLong();
        long daySpent = in.readLong();
        c.lifetimeSpent = in.readLong();
        int past = in.readInt();
        c.pastDays.clear();
        for (int k = 0; k < past; k++) {
          c.pastDays.put(in.readLong(), in.readLong());
        }
        c.setDay(day, daySpent);
        c.rate = in.readDouble();
        c.requestsPerForecast = in.readDouble();
        c.decayedSpend = in.readDouble();
        c.decayedAdmits = in.readDouble();
      }
    }
  }

  /** One campaign's pacing and spend state, guarded by its own monitor. */
  static final class Campaign {
    private final long slotMillis;
    CampaignBudget budget;
    private double[] cumWeights; // 25 entries, normalised so cumWeights[24] == 1
    private ZoneId zone;

    long dayIndex = Long.MIN_VALUE;
    long dayStart = Long.MAX_VALUE;
    long dayEnd = Long.MIN_VALUE;
    long daySpent;
    long lifetimeSpent;
    long held;
    final HashMap<Long, Long> pastDays = new HashMap<>();

    // controller state
    double rate = INITIAL_RATE;
    private double acc;
    double requestsPerForecast = Double.NaN;
    double decayedSpend;
    double decayedAdmits;
    private long slotStart = Long.MIN_VALUE;
    private long slotEnd = Long.MIN_VALUE;
    private double slotForecast;
    private long slotCalls;
    private long slotAdmits;
    private long slotSpent;

    Campaign(CampaignBudget budget, long slotMillis) {
      this.slotMillis = slotMillis;
      update(budget);
    }

    synchronized void update(CampaignBudget b) {
      if (budget != null && !budget.advertiserId().equals(b.advertiserId())) {
        throw new IllegalArgumentException(
            "campaign " + b.campaignId() + " belongs to advertiser " + budget.advertiserId());
      }
      boolean zoneChanged = zone != null && !zone.equals(b.zone());
      this.budget = b;
      this.zone = b.zone();
      double[] w = b.forecast().hourlyWeights();
      double[] cum = new double[25];
      for (int h = 0; h < 24; h++) {
        cum[h + 1] = cum[h] + w[h];
      }
      double total = cum[24];
      for (int h = 0; h <= 24; h++) {
        cum[h] /= total;
      }
      cum[24] = 1.0;
      this.cumWeights = cum;
      if (zoneChanged && dayIndex != Long.MIN_VALUE) {
        // keep today's spend under the same day number; recompute the boundaries
        setDay(dayIndex, daySpent);
      }
    }

    long[] hourlyPlan() {
      long daily = budget.dailyMicros();
      if (daily == CampaignBudget.UNLIMITED) {
        throw new IllegalArgumentException(
            "campaign " + budget.campaignId() + " has no daily budget");
      }
      long[] plan = new long[24];
      long prev = 0;
      for (int h = 0; h < 24; h++) {
        long upTo = h == 23 ? daily : (long) Math.floor(daily * cumWeights[h + 1]);
        upTo = Math.max(prev, Math.min(daily, upTo));
        plan[h] = upTo - prev;
        prev = upTo;
      }
      return plan;
    }

    void setDay(long epochDay, long spent) {
      dayIndex = epochDay;
      daySpent = spent;
      LocalDate d = LocalDate.ofEpochDay(epochDay);
      dayStart = d.atStartOfDay(zone).toInstant().toEpochMilli();
      dayEnd = d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long dayOf(long millis) {
      if (millis >= dayStart && millis < dayEnd) {
        return dayIndex;
      }
      return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate().toEpochDay();
    }

    /** Moves the current day forward to the day of {@code now}, if later. */
    private void rollDay(long now) {
      if (now >= dayStart && now < dayEnd) {
        return;
      }
      long day = dayOf(now);
      if (dayIndex != Long.MIN_VALUE && day < dayIndex) {
        return; // a late event: the current day stays
      }
      if (dayIndex != Long.MIN_VALUE && daySpent != 0) {
        pastDays.put(dayIndex, daySpent);
      }
      Long earlier = pastDays.remove(day);
      setDay(day, earlier == null ? 0 : earlier);
      slotStart = Long.MIN_VALUE;
      slotEnd = Long.MIN_VALUE;
    }

    /** Closes the current slot and opens the one containing {@code now}. */
    private void roll(long now) {
      if (now < slotEnd && now >= slotStart) {
        return;
      }
      if (now < slotStart) {
        return; // time went backwards (out-of-order callers): keep the current slot
      }
      rollDay(now);
      if (slotEnd != Long.MIN_VALUE && slotForecast > 0) {
        double obs = slotCalls / slotForecast;
        requestsPerForecast =
            Double.isNaN(requestsPerForecast)
                ? obs
                : (1 - SMOOTH) * requestsPerForecast + SMOOTH * obs;
        decayedSpend = (1 - SMOOTH) * decayedSpend + SMOOTH * slotSpent;
        decayedAdmits = (1 - SMOOTH) * decayedAdmits + SMOOTH * slotAdmits;
      }
      long offset = now - dayStart;
      slotStart = dayStart + (offset / slotMillis) * slotMillis;
      slotEnd = Math.min(dayEnd, slotStart + slotMillis);
      slotForecast = forecastBetween(slotStart, slotEnd);
      slotCalls = 0;
      slotAdmits = 0;
      slotSpent = 0;
      if (budget.pacing() == PacingMode.ASAP) {
        rate = 1.0;
        return;
      }
      double rest = forecastBetween(slotStart, dayEnd);
      long remaining = budget.dailyMicros() - daySpent - held;
      if (remaining <= 0 || rest <= 0) {
        return;
      }
      double alloc = remaining * (slotForecast / rest);
      if (Double.isNaN(requestsPerForecast) || decayedAdmits <= 0) {
        return; // no measurement yet: keep the current rate
      }
      double expectedRequests = requestsPerForecast * slotForecast;
      double spendPerAdmit = decayedSpend / decayedAdmits;
      if (expectedRequests <= 0 || spendPerAdmit <= 0) {
        rate = Math.min(1.0, Math.max(rate * 2, MIN_RATE));
        return;
      }
      rate = Math.max(MIN_RATE, Math.min(1.0, alloc / (expectedRequests * spendPerAdmit)));
    }

    /** Forecast share of the day between two instants of the current day. */
    private double forecastBetween(long from, long to) {
      return cumAt(to - dayStart) - cumAt(from - dayStart);
    }

    private double cumAt(long offset) {
      if (offset <= 0) {
        return 0;
      }
      long len = dayEnd - dayStart;
      // stretch 23/25-hour (DST) days onto 24 forecast hours
      double hours = offset * 24.0 / len;
      if (hours >= 24) {
        return 1.0;
      }
      int h = (int) hours;
      return cumWeights[h] + (cumWeights[h + 1] - cumWeights[h]) * (hours - h);
    }

    private long remaining() {
      long d = budget.dailyMicros() - daySpent - held;
      long l = budget.lifetimeMicros() - lifetimeSpent - held;
      return Math.min(d, l);
    }

    synchronized double admit(long now) {
      roll(now);
      slotCalls++;
      if (remaining() <= 0) {
        return 0.0;
      }
      acc += rate;
      if (acc >= 1.0) {
        acc -= 1.0;
        slotAdmits++;
        return 1.0;
      }
      return 0.0;
    }

    synchronized boolean reserve(long max, long now) {
      if (max < 1) {
        throw new IllegalArgumentException("maxChargeMicros must be >= 1: " + max);
      }
      roll(now);
      if (max > remaining()) {
        return false;
      }
      held += max;
      return true;
    }

    synchronized void release(long amount) {
      if (amount < 0 || amount > held) {
        throw new IllegalArgumentException(
            "heldMicros must be in 0.."
                + held
                + " for campaign "
                + budget.campaignId()
                + ": "
                + amount);
      }
      held -= amount;
    }

    synchronized long spentOn(long epochDay) {
      if (epochDay == dayIndex) {
        return daySpent;
      }
      return pastDays.getOrDefault(epochDay, 0L);
    }

    /**
     * Charges up to {@code nominal} micros at {@code ts}, capped by the remaining daily and
     * lifetime budget (spend only, not holds, so replay gives the same result); first gives back
     * {@code hold}. Returns the amount charged.
     */
    synchronized long charge(long ts, long nominal, long hold) {
      held -= Math.min(hold, held);
      roll(ts);
      long day = dayOf(ts);
      long spent = day == dayIndex ? daySpent : pastDays.getOrDefault(day, 0L);
      long cap = Math.min(budget.dailyMicros() - spent, budget.lifetimeMicros() - lifetimeSpent);
      long actual = Math.max(0, Math.min(nominal, cap));
      if (actual > 0) {
        if (day == dayIndex) {
          daySpent += actual;
        } else {
          pastDays.merge(day, actual, Long::sum);
        }
        lifetimeSpent += actual;
        if (ts >= slotStart && ts < slotEnd) {
          slotSpent += actual;
        }
      }
      return actual;
    }

    /** Validates a hold amount before the ledger logs an event. */
    synchronized void checkHold(long hold) {
      if (hold < 0 || hold > held) {
        throw new IllegalArgumentException(
            "heldMicros must be in 0.."
                + held
                + " for campaign "
                + budget.campaignId()
                + ": "
                + hold);
      }
    }
  }
}
