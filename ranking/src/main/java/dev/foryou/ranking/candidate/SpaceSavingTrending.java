package dev.foryou.ranking.candidate;

import dev.foryou.core.IdMap;
import dev.foryou.core.catalog.Catalog;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrays;

/*
 * Design: decayed counts in "forward decay" form (Cormode et al., ICDE 2009): an event of weight w
 * at time t adds w·2^((t−t0)/h) to its counter, so counters never need to be decayed in place and
 * ranking by the stored value equals ranking by the decayed value at any time; the value at now is
 * stored·2^(−(now−t0)/h). When the exponent grows large all counters are rescaled and t0 moved.
 * Each segment is a Space-Saving summary (Metwally, Agrawal, El Abbadi, ICDT 2005) of fixed
 * capacity: a new item evicts the minimum and inherits its count, which over-estimates by at most
 * the minimum — the true heavy hitters are always kept.
 */
final class SpaceSavingTrending implements TrendingIndex {
  private static final double RESCALE_EXPONENT = 200;

  private final Catalog catalog;
  private final double halfLife;
  private final int capacity;
  private final IdMap countries = new IdMap();
  private final Segment global;
  private final Int2ObjectOpenHashMap<Segment> byLanguage = new Int2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<Segment> byCountry = new Int2ObjectOpenHashMap<>();
  private volatile long t0 = Long.MIN_VALUE;

  SpaceSavingTrending(Catalog catalog, long halfLifeMillis, int capacity) {
    if (halfLifeMillis < 1) {
      throw new IllegalArgumentException("halfLifeMillis must be >= 1: " + halfLifeMillis);
    }
    if (capacity < 8) {
      throw new IllegalArgumentException("capacity must be >= 8: " + capacity);
    }
    this.catalog = catalog;
    this.halfLife = halfLifeMillis;
    this.capacity = capacity;
    this.global = new Segment(capacity);
  }

  @Override
  public int countryIndex(String country) {
    return country.isEmpty() ? -1 : countries.intern(country);
  }

  @Override
  public void record(int video, double weight, long timeMillis, int country) {
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be finite and >= 0: " + weight);
    }
    if (weight == 0) {
      return;
    }
    int language;
    try {
      language = catalog.language(video);
    } catch (IllegalArgumentException notLive) {
      return;
    }
    double scaled = weight * Math.pow(2, (timeMillis - origin(timeMillis)) / halfLife);
    global.add(video, scaled);
    if (language >= 0) {
      segment(byLanguage, language).add(video, scaled);
    }
    if (country >= 0) {
      segment(byCountry, country).add(video, scaled);
    }
  }

  private long origin(long timeMillis) {
    long t = t0;
    if (t == Long.MIN_VALUE) {
      synchronized (this) {
        if (t0 == Long.MIN_VALUE) {
          t0 = timeMillis;
        }
        return t0;
      }
    }
    if ((timeMillis - t) / halfLife > RESCALE_EXPONENT) {
      synchronized (this) {
        t = t0;
        if ((timeMillis - t) / halfLife > RESCALE_EXPONENT) {
          long shift = (long) (RESCALE_EXPONENT / 2 * halfLife);
          double factor = Math.pow(2, -(double) shift / halfLife);
          global.scale(factor);
          synchronized (byLanguage) {
            byLanguage.values().forEach(s -> s.scale(factor));
          }
          synchronized (byCountry) {
            byCountry.values().forEach(s -> s.scale(factor));
          }
          t0 = t = t + shift;
        }
      }
    }
    return t;
  }

  private Segment segment(Int2ObjectOpenHashMap<Segment> map, int key) {
    synchronized (map) {
      Segment s = map.get(key);
      if (s == null) {
        s = new Segment(capacity);
        map.put(key, s);
      }
      return s;
    }
  }

  @Override
  public int top(int language, int country, long nowMillis, int[] outVideos, float[] outScores) {
    Segment s;
    if (language >= 0) {
      synchronized (byLanguage) {
        s = byLanguage.get(language);
      }
    } else if (country >= 0) {
      synchronized (byCountry) {
        s = byCountry.get(country);
      }
    } else {
      s = global;
    }
    if (s == null || t0 == Long.MIN_VALUE) {
      return 0;
    }
    double decay = Math.pow(2, -(nowMillis - t0) / halfLife);
    return s.top(outVideos, outScores, decay);
  }

  /** One Space-Saving summary. */
  private static final class Segment {
    private final int[] keys;
    private final double[] counts;
    private final Int2IntOpenHashMap pos;
    private int size;
    // positions by descending count, kept across calls: re-sorted only after a change, and then
    // by insertion sort when few counters changed (the order is nearly right)
    private final int[] order;
    private int sorted; // entries of `order` valid, 0 = sort from scratch
    private int changes;

    Segment(int capacity) {
      keys = new int[capacity];
      counts = new double[capacity];
      pos = new Int2IntOpenHashMap(capacity * 2);
      pos.defaultReturnValue(-1);
      order = new int[capacity];
    }

    synchronized void add(int key, double w) {
      int p = pos.get(key);
      changes++;
      if (p >= 0) {
        counts[p] += w;
        return;
      }
      if (size < keys.length) {
        keys[size] = key;
        counts[size] = w;
        pos.put(key, size++);
        return;
      }
      int min = 0;
      for (int i = 1; i < size; i++) {
        if (counts[i] < counts[min]) {
          min = i;
        }
      }
      pos.remove(keys[min]);
      keys[min] = key;
      counts[min] += w;
      pos.put(key, min);
    }

    synchronized void scale(double factor) {
      // the order is unchanged by a common factor
      for (int i = 0; i < size; i++) {
        counts[i] *= factor;
      }
    }

    synchronized int top(int[] outVideos, float[] outScores, double decay) {
      int n = Math.min(Math.min(outVideos.length, outScores.length), size);
      if (sorted != size || changes > 32) {
        for (int i = 0; i < size; i++) {
          order[i] = i;
        }
        IntArrays.quickSort(order, 0, size, (a, b) -> Double.compare(counts[b], counts[a]));
      } else if (changes > 0) {
        for (int i = 1; i < size; i++) { // nearly sorted: insertion sort, descending
          int x = order[i];
          double cx = counts[x];
          int j = i - 1;
          while (j >= 0 && counts[order[j]] < cx) {
            order[j + 1] = order[j];
            j--;
          }
          order[j + 1] = x;
        }
      }
      sorted = size;
      changes = 0;
      for (int r = 0; r < n; r++) {
        outVideos[r] = keys[order[r]];
        outScores[r] = (float) (counts[order[r]] * decay);
      }
      return n;
    }
  }
}
