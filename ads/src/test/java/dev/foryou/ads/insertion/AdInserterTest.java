package dev.foryou.ads.insertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdInserterTest {

  @Test
  void insert_simpleFeed_followsPolicy() {
    int[] organic = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
    double[] values = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0.5};
    List<FeedEntry> page =
        AdInserter.insert(
            new AdLoadPolicy(2, 3, 0.25, 0.5),
            organic,
            values,
            new int[] {100, 101, 102},
            new double[] {7.6, 4.0, 3.0},
            -1,
            false);
    // position 2 would make 1 ad in 3 entries (> 25 %), so ad 100 (7.6) goes to position 3 where
    // it beats organic 13 (6 + 0.5); three organic items later ad 101 (4.0) beats 16 (3 + 0.5) at
    // position 7 (2 of 8 = 25 %); three more later ad 102 (3.0) beats 19 (0.5 + 0.5) at 11 (3/12)
    assertThat(page)
        .extracting(FeedEntry::id)
        .containsExactly(10, 11, 12, 100, 13, 14, 15, 101, 16, 17, 18, 102, 19);
  }

  @Test
  void insert_adFreeUser_getsOrganicOnly() {
    List<FeedEntry> page =
        AdInserter.insert(
            AdLoadPolicy.DEFAULT,
            new int[] {1, 2, 3, 4, 5, 6},
            new double[] {0, 0, 0, 0, 0, 0},
            new int[] {9},
            new double[] {100},
            42,
            true);
    assertThat(page).noneMatch(FeedEntry::isAd).hasSize(6);
  }

  @Test
  void insert_topView_takesFirstPositionAndCountsForTheGap() {
    List<FeedEntry> page =
        AdInserter.insert(
            new AdLoadPolicy(0, 2, 0.5, 0),
            new int[] {1, 2, 3, 4},
            new double[] {1, 1, 1, 1},
            new int[] {9},
            new double[] {5},
            42,
            false);
    assertThat(page.get(0).kind()).isEqualTo(FeedEntry.Kind.TOP_VIEW);
    assertThat(page).extracting(FeedEntry::id).containsExactly(42, 1, 2, 9, 3, 4);
  }

  @Test
  void insert_badInput_rejected() {
    assertThatThrownBy(() -> new AdLoadPolicy(-1, 0, 0.1, 0)).hasMessageContaining("-1");
    assertThatThrownBy(() -> new AdLoadPolicy(0, 0, 1.5, 0)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> new AdLoadPolicy(0, 0, 0.5, Double.NaN)).hasMessageContaining("NaN");
    assertThatThrownBy(
            () ->
                AdInserter.insert(
                    AdLoadPolicy.DEFAULT,
                    new int[] {1},
                    new double[] {},
                    new int[0],
                    new double[0],
                    -1,
                    false))
        .hasMessageContaining("1 vs 0");
    assertThatThrownBy(
            () ->
                AdInserter.insert(
                    AdLoadPolicy.DEFAULT,
                    new int[] {1},
                    new double[] {Double.NaN},
                    new int[0],
                    new double[0],
                    -1,
                    false))
        .hasMessageContaining("NaN");
  }

  @Test
  void insert_randomFeeds_adLoadRulesAlwaysHold() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    for (int iter = 0; iter < 5000; iter++) {
      String ctx = "seed " + seed + " iteration " + iter;
      AdLoadPolicy p =
          new AdLoadPolicy(r.nextInt(6), r.nextInt(6), r.nextDouble() * 0.6, r.nextDouble() - 0.3);
      int n = r.nextInt(40);
      int[] organic = new int[n];
      double[] ov = new double[n];
      double v = 10;
      for (int i = 0; i < n; i++) {
        organic[i] = i;
        v -= r.nextDouble();
        ov[i] = v;
      }
      int a = r.nextInt(10);
      int[] ads = new int[a];
      double[] av = new double[a];
      for (int i = 0; i < a; i++) {
        ads[i] = 1000 + i;
        av[i] = r.nextDouble() * 12 - 2;
      }
      boolean adFree = r.nextInt(10) == 0;
      int topView = r.nextInt(4) == 0 ? 5000 : -1;
      List<FeedEntry> page = AdInserter.insert(p, organic, ov, ads, av, topView, adFree);
      // organic items all present in order
      assertThat(page.stream().filter(e -> !e.isAd()).mapToInt(FeedEntry::id).toArray())
          .as(ctx)
          .containsExactly(organic);
      if (adFree) {
        assertThat(page).as(ctx).noneMatch(FeedEntry::isAd);
        continue;
      }
      int inFeed = 0;
      int lastAd = -1;
      int nextAd = 0;
      for (int i = 0; i < page.size(); i++) {
        FeedEntry e = page.get(i);
        if (e.kind() == FeedEntry.Kind.TOP_VIEW) {
          assertThat(i).as(ctx + " TopView first").isZero();
        }
        if (e.isAd()) {
          if (lastAd >= 0) {
            assertThat(i - lastAd - 1).as(ctx + " gap at " + i).isGreaterThanOrEqualTo(p.minGap());
          }
          lastAd = i;
        }
        if (e.kind() == FeedEntry.Kind.AD) {
          inFeed++;
          assertThat(i).as(ctx + " first ad position").isGreaterThanOrEqualTo(p.firstAdPosition());
          assertThat(e.id()).as(ctx + " ads in order").isEqualTo(ads[nextAd++]);
          assertThat(i + 1).as(ctx + " an ad displaces an organic item").isLessThan(page.size());
          FeedEntry displaced = page.get(i + 1);
          assertThat(displaced.isAd()).as(ctx).isFalse();
          assertThat(e.value())
              .as(ctx + " beats displaced item by user cost")
              .isGreaterThanOrEqualTo(displaced.value() + p.userCost());
        }
      }
      assertThat(inFeed)
          .as(ctx + " max share")
          .isLessThanOrEqualTo((int) Math.floor(p.maxShare() * page.size() + 1e-9));
    }
  }
}
