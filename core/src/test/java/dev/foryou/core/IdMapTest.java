package dev.foryou.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IdMapTest {

  @Test
  void intern_newIds_denseIndexesInOrderOfFirstSight() {
    IdMap m = new IdMap();
    assertThat(m.intern("b")).isZero();
    assertThat(m.intern("a")).isEqualTo(1);
    assertThat(m.intern("b")).isZero();
    assertThat(m.intern("c")).isEqualTo(2);
    assertThat(m.size()).isEqualTo(3);
    assertThat(m.ids()).containsExactly("b", "a", "c");
    assertThat(m.indexOf("a")).hasValue(1);
    assertThat(m.indexOf("d")).isEmpty();
  }

  @Test
  void intern_anyCharacters_roundTripExactly() {
    // one-byte (ASCII, Latin-1), two-byte (CJK, emoji surrogate pairs) and ill-formed ids (lone
    // surrogates, which UTF-8 would turn into one replacement character and so conflate)
    List<String> ids =
        List.of(
            "v1",
            "café",
            "ÿ",
            "\u0100",
            "視頻",
            "🎵 sound",
            "\uD800",
            "\uDBFF",
            "x\uD800",
            "x\uDC00",
            "\u0000",
            "a\u00FFb\u0100c");
    IdMap m = new IdMap();
    for (int i = 0; i < ids.size(); i++) {
      assertThat(m.intern(ids.get(i))).as(ids.get(i)).isEqualTo(i);
    }
    for (int i = 0; i < ids.size(); i++) {
      assertThat(m.id(i)).isEqualTo(ids.get(i));
      assertThat(m.indexOf(ids.get(i))).hasValue(i);
      assertThat(m.intern(ids.get(i))).isEqualTo(i);
    }
    // same length, same first characters, different coders: no false match
    assertThat(m.indexOf("caf\u0169")).isEmpty();
    assertThat(m.indexOf("v")).isEmpty();
    assertThat(m.indexOf("v12")).isEmpty();
    assertThat(m.indexOf("\u00FF\u00FF")).isEmpty();
  }

  @Test
  void intern_manySeededIds_matchAHashMapModel() {
    long seed = 20_261_207L;
    SplittableRandom r = new SplittableRandom(seed);
    IdMap m = new IdMap();
    Map<String, Integer> model = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      String id = randomId(r);
      Integer expected = model.get(id);
      int got = m.intern(id);
      if (expected == null) {
        assertThat(got).as("seed %d, new id %s", seed, id).isEqualTo(order.size());
        model.put(id, got);
        order.add(id);
      } else {
        assertThat(got).as("seed %d, known id %s", seed, id).isEqualTo(expected);
      }
    }
    assertThat(m.size()).isEqualTo(order.size());
    assertThat(m.ids()).isEqualTo(order);
    for (int i = 0; i < order.size(); i++) {
      assertThat(m.id(i)).as("seed %d", seed).isEqualTo(order.get(i));
    }
    for (int i = 0; i < 10_000; i++) {
      String probe = randomId(r) + randomId(r); // mostly never interned
      Integer expected = model.get(probe);
      assertThat(m.indexOf(probe))
          .as("seed %d, %s", seed, probe)
          .isEqualTo(expected == null ? OptionalInt.empty() : OptionalInt.of(expected));
    }
  }

  private static String randomId(SplittableRandom r) {
    int kind = r.nextInt(10);
    if (kind < 7) {
      return "v" + r.nextInt(150_000); // short decimal ids, many repeats
    }
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(12);
    for (int k = 0; k < n; k++) {
      b.append((char) (kind == 9 ? r.nextInt(0x10000) : 0x20 + r.nextInt(0xE0)));
    }
    return b.toString();
  }

  @Test
  void intern_idsLongerThanARecordPage_roundTripAmongShortOnes() {
    IdMap m = new IdMap();
    String wide = "視".repeat(40_000); // 80,000 bytes: more than a 64 KiB page
    String narrow = "x".repeat(70_000);
    List<String> ids = List.of("a", wide, "b", narrow, "c", narrow + "y", "d");
    for (int i = 0; i < ids.size(); i++) {
      assertThat(m.intern(ids.get(i))).isEqualTo(i);
    }
    for (int i = 0; i < ids.size(); i++) {
      assertThat(m.id(i)).isEqualTo(ids.get(i));
      assertThat(m.indexOf(ids.get(i))).hasValue(i);
    }
    assertThat(m.indexOf("x".repeat(69_999))).isEmpty();
    assertThat(m.ramBytesUsed()).isGreaterThan(80_000L + 70_000 + 70_001);
  }

  @Test
  void ramBytesUsed_aFewIds_staysSmall() {
    IdMap m = new IdMap();
    m.intern("en");
    m.intern("fr");
    m.intern("pt-BR");
    assertThat(m.ramBytesUsed()).isLessThan(1_024);
  }

  @Test
  void badInput_clearErrorAndNothingAdded() {
    IdMap m = new IdMap();
    m.intern("a");
    assertThatThrownBy(() -> m.intern("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.intern(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> m.indexOf(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> m.id(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1");
    assertThatThrownBy(() -> m.id(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-3");
    assertThat(m.size()).isEqualTo(1);
    assertThat(m.ids()).containsExactly("a");
    assertThat(m.indexOf("")).isEmpty();
  }

  @Test
  void ramBytesUsed_shortIds_farBelowAStringTable() {
    IdMap m = new IdMap();
    long empty = m.ramBytesUsed();
    int n = 100_000;
    long chars = 0;
    for (int i = 0; i < n; i++) {
      String id = "v" + i;
      chars += id.length();
      m.intern(id);
    }
    double perId = (m.ramBytesUsed() - empty) / (double) n;
    double length = chars / (double) n;
    // the characters, a 12-byte record header and a 4-byte address, plus a table slot and spare
    // capacity: under 40 bytes for these ids of about 6 characters, where a table of strings
    // held about 74
    assertThat(perId).isBetween(length + 16, 40.0);
  }

  @Test
  void concurrentInternAndLookups_oneIndexPerIdAndReadersNeverSeeAWrongOne() throws Exception {
    for (int round = 0; round < 5; round++) {
      long seed = 77 + round;
      IdMap m = new IdMap();
      int writers = 4;
      int perWriter = 30_000;
      Map<String, Integer> seen = new ConcurrentHashMap<>();
      AtomicReference<String> failure = new AtomicReference<>();
      AtomicBoolean done = new AtomicBoolean();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int wid = w;
        threads.add(
            new Thread(
                () -> {
                  SplittableRandom r = new SplittableRandom(seed * 31 + wid);
                  await(start);
                  for (int i = 0; i < perWriter; i++) {
                    // overlapping ranges: every id is interned by several writers at once
                    String id = (r.nextInt(8) == 0 ? "é" : "u") + r.nextInt(40_000);
                    int idx = m.intern(id);
                    Integer prev = seen.putIfAbsent(id, idx);
                    if (prev != null && prev != idx) {
                      failure.compareAndSet(
                          null, "seed " + seed + ": " + id + " got " + idx + " and " + prev);
                    }
                  }
                }));
      }
      Thread reader =
          new Thread(
              () -> {
                SplittableRandom r = new SplittableRandom(seed);
                await(start);
                while (!done.get()) {
                  int n = m.size();
                  if (n > 0) {
                    int i = r.nextInt(n);
                    String id = m.id(i);
                    OptionalInt back = m.indexOf(id);
                    if (back.isEmpty() || back.getAsInt() != i) {
                      failure.compareAndSet(
                          null, "seed " + seed + ": id(" + i + ") = " + id + " -> " + back);
                    }
                  }
                }
              });
      threads.forEach(Thread::start);
      reader.start();
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      done.set(true);
      reader.join();
      assertThat(failure.get()).isNull();
      assertThat(m.size()).as("seed %d", seed).isEqualTo(seen.size());
      boolean[] used = new boolean[m.size()];
      for (Map.Entry<String, Integer> e : seen.entrySet()) {
        assertThat(m.id(e.getValue())).as("seed %d", seed).isEqualTo(e.getKey());
        assertThat(used[e.getValue()]).as("seed %d: index %d twice", seed, e.getValue()).isFalse();
        used[e.getValue()] = true;
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
