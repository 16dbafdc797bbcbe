package dev.foryou.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UserStateTest {

  @Test
  void hasSeenShared_whileAWriterGrowsTheSet_neverMissesNorInventsAVideo() throws Exception {
    for (int round = 0; round < 20; round++) {
      UserState us = new UserState();
      int n = 20_000;
      java.util.concurrent.atomic.AtomicInteger written =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicReference<String> failure =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread writer =
          new Thread(
              () -> {
                for (int v = 0; v < n; v++) {
                  us.lock();
                  try {
                    us.seen(2 * v, n); // even videos only; the bound keeps them all
                  } finally {
                    us.unlock();
                  }
                  written.set(v + 1);
                }
              });
      long seed = 31 + round;
      Thread reader =
          new Thread(
              () -> {
                SplittableRandom r = new SplittableRandom(seed);
                while (written.get() < n && failure.get() == null) {
                  int w = written.get();
                  if (w > 0) {
                    int v = 2 * r.nextInt(w);
                    if (!us.hasSeenShared(v)) {
                      failure.set("seed " + seed + ": missed " + v + " of " + w);
                    }
                  }
                  int odd = 2 * r.nextInt(n) + 1;
                  if (us.hasSeenShared(odd)) {
                    failure.set("seed " + seed + ": invented " + odd);
                  }
                }
              });
      writer.start();
      reader.start();
      writer.join();
      reader.join();
      assertThat(failure.get()).isNull();
    }
  }

  @Test
  void seen_randomStreams_matchBoundedFifoModel() {
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      int bound = 1 + r.nextInt(r.nextBoolean() ? 8 : 80);
      int universe = 1 + r.nextInt(3 * bound + 5);
      UserState us = new UserState();
      ArrayDeque<Integer> fifo = new ArrayDeque<>();
      Set<Integer> set = new HashSet<>();
      for (int step = 0; step < 600; step++) {
        int v = r.nextInt(universe);
        us.seen(v, bound);
        if (set.add(v)) {
          fifo.addLast(v);
          if (fifo.size() > bound) {
            set.remove(fifo.removeFirst());
          }
        }
        int probe = r.nextInt(universe + 3);
        assertThat(us.hasSeen(probe))
            .as("seed %d step %d bound %d video %d", seed, step, bound, probe)
            .isEqualTo(set.contains(probe));
      }
      for (int v = 0; v < universe + 3; v++) {
        assertThat(us.hasSeen(v)).as("seed %d video %d", seed, v).isEqualTo(set.contains(v));
      }
      List<Integer> order = new ArrayList<>();
      for (int v : us.seenInOrder()) {
        order.add(v);
      }
      assertThat(order).as("seed %d", seed).containsExactlyElementsOf(fifo);
    }
  }

  @Test
  void affinities_randomUpdates_matchBoundedModel() {
    for (long seed = 1; seed <= 100; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      int max = 1 + r.nextInt(r.nextBoolean() ? 4 : 40);
      int universe = 1 + r.nextInt(4 * max + 10);
      AffinityTable table = new AffinityTable();
      List<Map<Integer, Double>> model = new ArrayList<>();
      for (int k = 0; k < AffinityKind.values().length; k++) {
        model.add(new HashMap<>());
      }
      for (int step = 0; step < 800; step++) {
        int kind = r.nextInt(AffinityKind.values().length);
        int key = r.nextInt(universe);
        double delta = r.nextInt(7) - 2 + (r.nextBoolean() ? 0.5 : 0);
        table.addTo(kind, key, delta, max);
        Map<Integer, Double> m = model.get(kind);
        m.merge(key, delta, Double::sum);
        if (m.size() > max + (max >> 2) + 1) {
          List<Integer> keys = new ArrayList<>(m.keySet());
          keys.sort(
              (a, b) -> {
                int c = Double.compare(Math.abs(m.get(b)), Math.abs(m.get(a)));
                return c != 0 ? c : Integer.compare(a, b);
              });
          for (int i = max; i < keys.size(); i++) {
            m.remove(keys.get(i));
          }
        }
        if (r.nextInt(50) == 0) {
          table.scale(0.5);
          for (Map<Integer, Double> mm : model) {
            mm.replaceAll((k, v) -> v * 0.5);
          }
        }
      }
      for (int kind = 0; kind < model.size(); kind++) {
        assertThat(table.size(kind))
            .as("seed %d kind %d", seed, kind)
            .isEqualTo(model.get(kind).size());
        for (int key = 0; key < universe + 2; key++) {
          assertThat(table.get(kind, key))
              .as("seed %d kind %d key %d", seed, kind, key)
              .isEqualTo(model.get(kind).getOrDefault(key, 0.0));
        }
      }
    }
  }

  @Test
  void history_randomStreams_matchRingModel() {
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      int bound = 1 + r.nextInt(r.nextBoolean() ? 5 : 60);
      int universe = 1 + r.nextInt(2 * bound + 5);
      long window = 1 + r.nextInt(200);
      UserState us = new UserState();
      List<long[]> model = new ArrayList<>(); // {video, time}, oldest first
      long t = 1_000;
      for (int step = 0; step < 500; step++) {
        int v = r.nextInt(universe);
        t += r.nextInt(40) - 10;
        int k = 1 + r.nextInt(4);
        int[] got = new int[k];
        int n = us.partners(v, t, window, got);
        List<Integer> want = new ArrayList<>();
        for (int i = model.size() - 1; i >= 0 && want.size() < k; i--) {
          long[] e = model.get(i);
          if (e[0] != v && Math.abs(t - e[1]) <= window && !want.contains((int) e[0])) {
            want.add((int) e[0]);
          }
        }
        assertThat(java.util.Arrays.stream(got, 0, n).boxed().toList())
            .as("seed %d step %d", seed, step)
            .containsExactlyElementsOf(want);
        us.addHistory(v, t, bound);
        if (model.isEmpty() || model.get(model.size() - 1)[0] != v) {
          model.add(new long[] {v, t});
          if (model.size() > bound) {
            model.remove(0);
          }
        }
        int[] hist = new int[bound + 2];
        int m = us.history(hist);
        assertThat(m).as("seed %d step %d", seed, step).isEqualTo(model.size());
        for (int i = 0; i < m; i++) {
          assertThat(hist[i])
              .as("seed %d step %d entry %d", seed, step, i)
              .isEqualTo((int) model.get(model.size() - 1 - i)[0]);
        }
      }
    }
  }
}
