package dev.foryou.ads.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foryou.core.user.AgeBand;
import dev.foryou.core.user.DeviceOs;
import dev.foryou.core.user.Gender;
import dev.foryou.core.user.UserAttributes;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TargetingIndexTest {
  static final String[] COUNTRIES = {"US", "DE", "FR", "JP", "BR"};
  static final String[] LANGS = {"en", "de", "fr", "ja", "pt"};
  static final String[] REGIONS = {"US/CA", "US/NY", "DE/BY", "FR/IDF"};

  static String pick(Random r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  static String[] some(Random r, List<String> pool) {
    int n = 1 + r.nextInt(3);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = pool.get(r.nextInt(pool.size()));
    }
    return out;
  }

  static List<String> pool(Dimension d) {
    List<String> p = new ArrayList<>();
    switch (d) {
      case AGE -> {
        for (AgeBand b : AgeBand.values()) {
          p.add(b.name());
        }
      }
      case GENDER -> {
        for (Gender g : Gender.values()) {
          p.add(g.name());
        }
      }
      case OS -> {
        for (DeviceOs o : DeviceOs.values()) {
          p.add(o.name());
        }
      }
      case COUNTRY -> p.addAll(List.of(COUNTRIES));
      case REGION -> p.addAll(List.of(REGIONS));
      case LANGUAGE -> p.addAll(List.of(LANGS));
      case INTEREST -> {
        for (int i = 0; i < 12; i++) {
          p.add("hashtag:h" + i);
        }
      }
      case AUDIENCE -> {
        for (int i = 0; i < 4; i++) {
          p.add("aud" + i);
        }
      }
    }
    return p;
  }

  /** A random spec; includes and excludes of a dimension are made disjoint. */
  static TargetingSpec randomSpec(Random r) {
    TargetingSpec.Builder b = TargetingSpec.builder();
    for (Dimension d : Dimension.values()) {
      double u = r.nextDouble();
      List<String> pool = pool(d);
      if (u < 0.25) {
        String[] inc = some(r, pool);
        b.include(d, inc);
        if (r.nextDouble() < 0.3) {
          List<String> rest = new ArrayList<>(pool);
          rest.removeAll(List.of(inc));
          if (!rest.isEmpty()) {
            b.exclude(d, some(r, rest));
          }
        }
      } else if (u < 0.35) {
        b.exclude(d, some(r, pool));
      }
    }
    return b.build();
  }

  static TargetingQuery randomQuery(Random r) {
    AgeBand age = AgeBand.values()[r.nextInt(AgeBand.values().length)];
    String country = r.nextInt(6) == 0 ? "" : pick(r, COUNTRIES);
    String region = "";
    if (!country.isEmpty() && r.nextBoolean()) {
      region = r.nextBoolean() ? "CA" : pick(r, new String[] {"NY", "BY", "IDF", "XX"});
    }
    UserAttributes user =
        new UserAttributes(
            age,
            Gender.values()[r.nextInt(Gender.values().length)],
            country,
            region,
            r.nextInt(6) == 0 ? "" : pick(r, LANGS),
            DeviceOs.values()[r.nextInt(DeviceOs.values().length)],
            false);
    List<String> interests = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      interests.add(pool(Dimension.INTEREST).get(r.nextInt(12)));
    }
    List<String> audiences = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      audiences.add("aud" + r.nextInt(5));
    }
    return new TargetingQuery(user, interests, audiences);
  }

  static IntOpenHashSet brute(Map<Integer, TargetingSpec> specs, TargetingQuery q) {
    IntOpenHashSet s = new IntOpenHashSet();
    specs.forEach(
        (k, spec) -> {
          if (spec.matches(q)) {
            s.add((int) k);
          }
        });
    return s;
  }

  static IntOpenHashSet indexed(TargetingIndex index, TargetingQuery q) {
    IntArrayList out = new IntArrayList();
    int n = index.match(q, out);
    IntOpenHashSet s = new IntOpenHashSet(out);
    assertThat(s.size()).as("no duplicates").isEqualTo(out.size()).isEqualTo(n);
    return s;
  }

  @Test
  void match_randomSpecsAndLiveUpdates_equalsBruteForce() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    TargetingIndex index = TargetingIndex.create();
    Map<Integer, TargetingSpec> specs = new HashMap<>();
    // bulk load, then interleave single puts, replacements and removals with queries
    int[] keys = new int[400];
    List<TargetingSpec> list = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i * 3;
      TargetingSpec s = randomSpec(r);
      list.add(s);
      specs.put(keys[i], s);
    }
    index.putAll(keys, list);
    for (int step = 0; step < 4000; step++) {
      int op = r.nextInt(10);
      if (op < 3) {
        int key = r.nextInt(1500);
        TargetingSpec s = randomSpec(r);
        index.put(key, s);
        specs.put(key, s);
      } else if (op < 5) {
        int key = r.nextInt(1500);
        assertThat(index.remove(key)).isEqualTo(specs.remove(key) != null);
      }
      TargetingQuery q = randomQuery(r);
      assertThat(indexed(index, q))
          .as("seed " + seed + " step " + step + " query " + q)
          .isEqualTo(brute(specs, q));
      assertThat(index.size()).isEqualTo(specs.size());
    }
  }

  @Test
  void match_minor_neverGetsInterestOrAudienceTargetedAds() {
    TargetingIndex index = TargetingIndex.create();
    index.put(0, TargetingSpec.builder().include(Dimension.INTEREST, "hashtag:dance").build());
    index.put(1, TargetingSpec.builder().include(Dimension.AUDIENCE, "aud1").build());
    index.put(2, TargetingSpec.builder().include(Dimension.COUNTRY, "US").build());
    index.put(3, TargetingSpec.builder().exclude(Dimension.INTEREST, "hashtag:dance").build());
    UserAttributes teen =
        new UserAttributes(AgeBand.AGE_13_17, Gender.FEMALE, "US", "", "en", DeviceOs.IOS, false);
    UserAttributes adult =
        new UserAttributes(AgeBand.AGE_25_34, Gender.FEMALE, "US", "", "en", DeviceOs.IOS, false);
    List<String> interests = List.of("hashtag:dance");
    List<String> aud = List.of("aud1");
    assertThat(indexed(index, new TargetingQuery(teen, interests, aud))).containsOnly(2, 3);
    assertThat(indexed(index, new TargetingQuery(adult, interests, aud))).containsOnly(0, 1, 2);
    assertThat(indexed(index, new TargetingQuery(UserAttributes.UNKNOWN, interests, aud)))
        .containsOnly(3);
  }

  @Test
  void spec_badValues_rejectedWithTheValue() {
    assertThatThrownBy(() -> TargetingSpec.builder().include(Dimension.COUNTRY, "USA").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("USA");
    assertThatThrownBy(() -> TargetingSpec.builder().include(Dimension.AGE, "ADULT").build())
        .hasMessageContaining("ADULT");
    assertThatThrownBy(
            () -> TargetingSpec.builder().include(Dimension.REGION, "California").build())
        .hasMessageContaining("California");
    assertThatThrownBy(
            () ->
                TargetingSpec.builder()
                    .include(Dimension.LANGUAGE, "en")
                    .exclude(Dimension.LANGUAGE, "EN")
                    .build())
        .hasMessageContaining("en");
    assertThatThrownBy(
            () ->
                TargetingSpec.builder()
                    .include(Dimension.OS, "IOS")
                    .include(Dimension.OS, "ANDROID"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TargetingSpec.builder().include(Dimension.OS).build())
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> TargetingIndex.create().put(-1, TargetingSpec.EVERYONE))
        .hasMessageContaining("-1");
  }

  @Test
  void match_concurrentWriterAndReaders_readersSeeConsistentGrowingSnapshots() throws Exception {
    TargetingIndex index = TargetingIndex.create();
    TargetingSpec us = TargetingSpec.builder().include(Dimension.COUNTRY, "US").build();
    TargetingSpec de = TargetingSpec.builder().include(Dimension.COUNTRY, "DE").build();
    UserAttributes user =
        new UserAttributes(AgeBand.AGE_25_34, Gender.MALE, "US", "", "en", DeviceOs.IOS, false);
    TargetingQuery q = TargetingQuery.of(user);
    int total = 3000;
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] readers = new Thread[2];
    for (int t = 0; t < readers.length; t++) {
      readers[t] =
          new Thread(
              () -> {
                try {
                  int last = 0;
                  IntArrayList out = new IntArrayList();
                  while (!done.get()) {
                    out.clear();
                    index.match(q, out);
                    // keys of even index are US; the writer only adds, so counts never shrink
                    for (int k : out) {
                      if (k % 2 != 0) {
                        throw new AssertionError("DE ad " + k + " matched a US user");
                      }
                    }
                    if (out.size() < last) {
                      throw new AssertionError("shrank from " + last + " to " + out.size());
                    }
                    last = out.size();
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      readers[t].start();
    }
    for (int k = 0; k < total; k++) {
      index.put(k, k % 2 == 0 ? us : de);
    }
    done.set(true);
    for (Thread t : readers) {
      t.join();
    }
    assertThat(failure.get()).isNull();
    assertThat(indexed(index, q)).hasSize(total / 2);
  }

  @Test
  void scan_threshold_returnsEveryMatchWhoseBoundReachesIt() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    long[] bounds = new long[3000];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = r.nextInt(1_000_000);
    }
    TargetingIndex index = TargetingIndex.create(key -> bounds[key]);
    Map<Integer, TargetingSpec> specs = new HashMap<>();
    int[] keys = new int[1200];
    List<TargetingSpec> list = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i * 2;
      TargetingSpec s = randomSpec(r);
      list.add(s);
      specs.put(keys[i], s);
    }
    index.putAll(keys, list);
    for (int step = 0; step < 600; step++) {
      String ctx = "seed " + seed + " step " + step;
      int op = r.nextInt(10);
      int key = r.nextInt(bounds.length);
      if (op < 2) {
        bounds[key] = r.nextInt(1_000_000);
        TargetingSpec s = randomSpec(r);
        index.put(key, s);
        specs.put(key, s);
      } else if (op < 3) {
        assertThat(index.remove(key)).as(ctx).isEqualTo(specs.remove(key) != null);
      } else if (op < 6) {
        // raise (the caller's contract: refresh after a bound rises)
        bounds[key] += r.nextInt(2_000_000);
        index.refreshBound(key);
      } else if (op < 7) {
        bounds[key] = Math.max(0, bounds[key] - r.nextInt(1_000_000)); // lowering is always safe
      }
      TargetingQuery q = randomQuery(r);
      IntOpenHashSet want = brute(specs, q);
      long threshold = r.nextBoolean() ? r.nextInt(2_000_000) : Long.MIN_VALUE;
      IntArrayList out = new IntArrayList();
      TargetingIndex.Scan scan = index.scan(q);
      int total = 0;
      for (int n; (n = scan.next(threshold, out)) >= 0; ) {
        total += n;
      }
      IntOpenHashSet got = new IntOpenHashSet(out);
      assertThat(got.size()).as(ctx + " no duplicates").isEqualTo(out.size()).isEqualTo(total);
      assertThat(want).as(ctx + " nothing but matches").containsAll(got);
      for (int k : want) {
        if (bounds[k] >= threshold) {
          assertThat(got).as(ctx + " match " + k + " bound " + bounds[k]).contains(k);
        }
      }
      if (threshold == Long.MIN_VALUE) {
        assertThat(got).as(ctx).isEqualTo(want);
      }
    }
  }

  @Test
  void remove_mostKeysThenRaises_compactsAndReordersWithoutLosingMatches() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    long[] bounds = new long[4000];
    TargetingIndex index = TargetingIndex.create(key -> bounds[key]);
    Map<Integer, TargetingSpec> specs = new HashMap<>();
    for (int k = 0; k < bounds.length; k++) {
      bounds[k] = r.nextInt(1000);
      TargetingSpec s = randomSpec(r);
      index.put(k, s); // single puts: insertion order until the first re-sort
      specs.put(k, s);
    }
    for (int k = 0; k < bounds.length; k++) {
      if (k % 5 != 0) {
        index.remove(k); // dead slots outnumber live ones: compaction
        specs.remove(k);
      }
    }
    for (int step = 0; step < 400; step++) {
      int k = 5 * r.nextInt(bounds.length / 5);
      bounds[k] += r.nextInt(5000); // many raises above the hot floor: re-sorts
      index.refreshBound(k);
      TargetingQuery q = randomQuery(r);
      long threshold = r.nextInt(3000);
      IntArrayList out = new IntArrayList();
      TargetingIndex.Scan scan = index.scan(q);
      while (scan.next(threshold, out) >= 0) {
        // all blocks that can reach the threshold
      }
      IntOpenHashSet want = brute(specs, q);
      IntOpenHashSet got = new IntOpenHashSet(out);
      String ctx = "seed " + seed + " step " + step;
      assertThat(got.size()).as(ctx + " no duplicates").isEqualTo(out.size());
      assertThat(want).as(ctx).containsAll(got);
      for (int key : want) {
        if (bounds[key] >= threshold) {
          assertThat(got).as(ctx + " key " + key).contains(key);
        }
      }
      assertThat(indexed(index, q)).as(ctx).isEqualTo(want);
    }
    assertThat(index.size()).isEqualTo(specs.size());
  }
}
