package dev.foryou.ranking;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-user feed state: the ring of recently served videos (the no-repeat window) and the current
 * pagination session. Bounded: the least recently used users are dropped beyond a maximum.
 *
 * <p>Thread-safe: the map is guarded by its own lock, each state by its own monitor.
 */
final class UserStates {
  private final int window;
  private final LinkedHashMap<Integer, State> map;

  UserStates(int window, int maxUsers) {
    this.window = window;
    this.map =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, State> e) {
            return size() > maxUsers;
          }
        };
  }

  State get(int user) {
    synchronized (map) {
      return map.computeIfAbsent(user, u -> new State(window));
    }
  }

  /** One user's state; callers synchronise on it for a whole request. */
  static final class State {
    private final int[] ring;
    private final Int2IntOpenHashMap inRing = new Int2IntOpenHashMap();
    private final IntOpenHashSet session = new IntOpenHashSet();
    private long writes;
    long sessionId;
    int page;

    State(int window) {
      ring = new int[window];
      newSession();
    }

    void newSession() {
      session.clear();
      sessionId = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
      page = 0;
    }

    boolean served(int video) {
      return inRing.containsKey(video) || session.contains(video);
    }

    void serve(int video) {
      session.add(video);
      int slot = (int) (writes % ring.length);
      if (writes >= ring.length) {
        int old = ring[slot];
        if (inRing.addTo(old, -1) <= 1) {
          inRing.remove(old);
        }
      }
      ring[slot] = video;
      inRing.addTo(video, 1);
      writes++;
    }
  }
}
