package dev.foryou.ads.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FrequencyCapsTest {
  private static final ZoneId ZONE = ZoneId.of("America/New_York");
  private static final long T0 =
      LocalDateTime.of(2026, 5, 4, 10, 0).atZone(ZONE).toInstant().toEpochMilli();

  private static AdAccounting accounting() {
    return AdAccounting.builder().zone(ZONE).build();
  }

  @Test
  void tryAcquire_slidingMinutes_deniesOverCapAndFreesAfterWindow() {
    AdAccounting acc = accounting();
    acc.setCampaignCaps("c1", List.of(new CapRule(CapWindow.minutes(10), 2)));
    FrequencyCaps caps = acc.caps();
    assertThat(caps.tryAcquire("u", "c1", "a", T0).granted()).isTrue();
    assertThat(caps.tryAcquire("u", "c1", "a", T0 + 60_000).granted()).isTrue();
    assertThat(caps.tryAcquire("u", "c1", "a", T0 + 120_000)).isSameAs(CapHold.DENIED);
    assertThat(caps.tryAcquire("other", "c1", "a", T0 + 120_000).granted()).isTrue();
    // the first impression leaves the window after 10 minutes
    assertThat(caps.tryAcquire("u", "c1", "a", T0 + 600_001).granted()).isTrue();
    assertThat(caps.tryAcquire("u", "c1", "a", T0 + 600_002).granted()).isFalse();
    assertThat(caps.campaignCount("u", "c1", CapWindow.minutes(10), T0 + 600_002)).isEqualTo(2);
    assertThat(caps.campaignCount("u", "c1", CapWindow.lifetime(), T0 + 600_002)).isEqualTo(3);
  }

  @Test
  void tryAcquire_hoursAndLifetime_bothEnforced() {
    AdAccounting acc = accounting();
    acc.setCampaignCaps(
        "c1", List.of(new CapRule(CapWindow.hours(1), 3), new CapRule(CapWindow.lifetime(), 4)));
    FrequencyCaps caps = acc.caps();
    for (int i = 0; i < 3; i++) {
      assertThat(caps.tryAcquire("u", "c1", "a", T0 + i).granted()).isTrue();
    }
    assertThat(caps.tryAcquire("u", "c1", "a", T0 + 3_599_000).granted()).isFalse();
    assertThat(caps.tryAcquire("u", "c1", "a", T0 + 3_600_100).granted()).isTrue();
    // lifetime cap of 4 reached, even days later
    assertThat(caps.tryAcquire("u", "c1", "a", T0 + 10 * 86_400_000L).granted()).isFalse();
  }

  @Test
  void tryAcquire_calendarDay_resetsAtLocalMidnightNotUtc() {
    AdAccounting acc = accounting();
    acc.setCampaignCaps("c1", List.of(new CapRule(CapWindow.calendarDay(), 1)));
    FrequencyCaps caps = acc.caps();
    long lateEvening =
        LocalDateTime.of(2026, 5, 4, 21, 0).atZone(ZONE).toInstant().toEpochMilli(); // 01:00 UTC
    assertThat(caps.tryAcquire("u", "c1", "a", T0).granted()).isTrue();
    // a new UTC day has begun, but not a new New York day
    assertThat(caps.tryAcquire("u", "c1", "a", lateEvening).granted()).isFalse();
    long nextMorning =
        LocalDateTime.of(2026, 5, 5, 0, 0, 1).atZone(ZONE).toInstant().toEpochMilli();
    assertThat(caps.tryAcquire("u", "c1", "a", nextMorning).granted()).isTrue();
    assertThat(caps.campaignCount("u", "c1", CapWindow.calendarDay(), nextMorning)).isEqualTo(1);
  }

  @Test
  void tryAcquire_advertiserCap_spansItsCampaigns() {
    AdAccounting acc = accounting();
    acc.setAdvertiserCaps("adv", List.of(new CapRule(CapWindow.hours(24), 2)));
    FrequencyCaps caps = acc.caps();
    assertThat(caps.tryAcquire("u", "c1", "adv", T0).granted()).isTrue();
    assertThat(caps.tryAcquire("u", "c2", "adv", T0 + 1).granted()).isTrue();
    assertThat(caps.tryAcquire("u", "c3", "adv", T0 + 2).granted()).isFalse();
    assertThat(caps.tryAcquire("u", "c3", "other-adv", T0 + 2).granted()).isTrue();
    assertThat(caps.advertiserCount("u", "adv", CapWindow.hours(24), T0 + 3)).isEqualTo(2);
  }

  @Test
  void release_lostAuction_givesSlotBackOnce() {
    AdAccounting acc = accounting();
    acc.setCampaignCaps("c1", List.of(new CapRule(CapWindow.calendarDay(), 1)));
    FrequencyCaps caps = acc.caps();
    CapHold h = caps.tryAcquire("u", "c1", "a", T0);
    assertThat(caps.tryAcquire("u", "c1", "a", T0 + 1).granted()).isFalse();
    caps.release(h);
    assertThat(caps.tryAcquire("u", "c1", "a", T0 + 2).granted()).isTrue();
    assertThatThrownBy(() -> caps.release(h))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already released");
    caps.release(CapHold.DENIED); // no-op
  }

  @Test
  void tryAcquire_fourThreads_neverExceedCaps() throws Exception {
    long seed = 42;
    AdAccounting acc = accounting();
    acc.setCampaignCaps(
        "c1",
        List.of(new CapRule(CapWindow.minutes(5), 3), new CapRule(CapWindow.calendarDay(), 7)));
    acc.setAdvertiserCaps("adv", List.of(new CapRule(CapWindow.lifetime(), 10)));
    FrequencyCaps caps = acc.caps();
    int users = 20;
    int threads = 4;
    int perThread = 20_000;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<long[]>>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int tt = t;
      futures.add(
          pool.submit(
              () -> {
                Random rnd = new Random(seed + tt);
                List<long[]> got = new ArrayList<>();
                go.await();
                for (int i = 0; i < perThread; i++) {
                  int u = rnd.nextInt(users);
                  String campaign = rnd.nextBoolean() ? "c1" : "c2";
                  long now = T0 + rnd.nextInt(3 * 3_600_000);
                  CapHold h = caps.tryAcquire("u" + u, campaign, "adv", now);
                  if (h.granted()) {
                    if (rnd.nextInt(4) == 0) {
                      caps.release(h); // lost the auction
                    } else {
                      got.add(new long[] {u, campaign.equals("c1") ? 1 : 2, now});
                    }
                  }
                }
                return got;
              }));
    }
    go.countDown();
    List<long[]> all = new ArrayList<>();
    for (Future<List<long[]>> f : futures) {
      all.addAll(f.get());
    }
    pool.shutdown();
    int[] perUser = new int[users];
    int[] perUserC1 = new int[users];
    for (long[] g : all) {
      perUser[(int) g[0]]++;
      if (g[1] == 1) {
        perUserC1[(int) g[0]]++;
      }
    }
    for (int u = 0; u < users; u++) {
      assertThat(perUser[u])
          .as("seed %d user %d advertiser lifetime cap", seed, u)
          .isLessThanOrEqualTo(10);
      assertThat(perUserC1[u])
          .as("seed %d user %d campaign day cap", seed, u)
          .isLessThanOrEqualTo(7);
      assertThat(caps.advertiserCount("u" + u, "adv", CapWindow.lifetime(), T0))
          .isEqualTo(perUser[u]);
      // sliding window: no 5-minute window holds more than 3 kept c1 impressions
      List<Long> times = new ArrayList<>();
      for (long[] g : all) {
        if (g[0] == u && g[1] == 1) {
          times.add(g[2]);
        }
      }
      times.sort(null);
      for (int i = 3; i < times.size(); i++) {
        assertThat(times.get(i) - times.get(i - 3))
            .as("seed %d user %d: 4 impressions within 5 minutes", seed, u)
            .isGreaterThanOrEqualTo(300_000L);
      }
    }
    assertThat(all).isNotEmpty();
  }

  @Test
  void badInput_rejectedWithNamedValue() {
    AdAccounting acc = accounting();
    FrequencyCaps caps = acc.caps();
    assertThatThrownBy(() -> caps.tryAcquire("", "c", "a", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("userId");
    assertThatThrownBy(() -> caps.tryAcquire("u", "", "a", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("campaignId");
    assertThatThrownBy(() -> caps.tryAcquire("u", "c", "", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("advertiserId");
    assertThatThrownBy(() -> new CapRule(CapWindow.hours(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> CapWindow.minutes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> CapWindow.hours(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CapWindow(CapWindow.Kind.SLIDING, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10");
    assertThatThrownBy(() -> new CapWindow(CapWindow.Kind.LIFETIME, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> acc.setCampaignCaps("", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> acc.setAdvertiserCaps("", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> caps.campaignCount("", "c", CapWindow.lifetime(), T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(caps.campaignCount("nobody", "c", CapWindow.lifetime(), T0)).isZero();
  }
}
