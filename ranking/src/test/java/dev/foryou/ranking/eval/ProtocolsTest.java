package dev.foryou.ranking.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtocolsTest {

  static RatingData random(long seed, int users, int items, int perUser) throws IOException {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int u = 0; u < users; u++) {
      for (int k = 0; k < perUser; k++) {
        int i = (int) Math.min(items - 1, Math.abs(r.nextGaussian()) * items / 3);
        sb.append(u)
            .append('\t')
            .append(i)
            .append('\t')
            .append(1 + r.nextInt(5))
            .append('\t')
            .append(1000 + r.nextInt(100000))
            .append('\n');
      }
    }
    return RatingLoader.read(new StringReader(sb.toString()), "synthetic", RatingLoader.Format.TSV);
  }

  @Test
  void filter_kCore_reachesFixedPoint() throws IOException {
    // u0: a,b ; u1: a,b ; u2: a,c. With core 2, item c (1 user) goes, then u2 has 1 item and
    // goes, then item a has 2 users (u0, u1): stable {u0,u1} x {a,b}.
    RatingData d =
        RatingLoader.read(
            new StringReader("u0,a,5\nu0,b,5\nu1,a,5\nu1,b,5\nu2,a,5\nu2,c,5\nu2,d,1\n"),
            "x",
            RatingLoader.Format.CSV);
    Interactions in = Protocols.filter(d, 3, 2);
    assertThat(in.users()).isEqualTo(2);
    assertThat(in.items()).isEqualTo(2);
    assertThat(in.size()).isEqualTo(4);
  }

  @Test
  void filter_randomData_everyUserAndItemHasCore() throws IOException {
    for (long seed = 1; seed <= 5; seed++) {
      Interactions in = Protocols.filter(random(seed, 200, 300, 25), 3, 5);
      int[] uc = new int[in.users()];
      int[] ic = new int[in.items()];
      for (int k = 0; k < in.size(); k++) {
        uc[in.user(k)]++;
        ic[in.item(k)]++;
      }
      for (int c : uc) {
        assertThat(c).as("seed %d", seed).isGreaterThanOrEqualTo(5);
      }
      for (int c : ic) {
        assertThat(c).as("seed %d", seed).isGreaterThanOrEqualTo(5);
      }
    }
  }

  @Test
  void filter_duplicatePair_keepsLatestRating() throws IOException {
    RatingData d =
        RatingLoader.read(
            new StringReader("u,a,5,20\nu,a,1,30\nu,b,1,10\nu,b,5,40\n"),
            "x",
            RatingLoader.Format.CSV);
    Interactions in = Protocols.filter(d, 3, 0);
    assertThat(in.size()).isEqualTo(1);
  }

  @Test
  void random_sameSeed_sameSplitAndNoLeakage() throws IOException {
    Interactions in = Protocols.filter(random(7, 150, 200, 30), 1, 3);
    Split a = Protocols.random(in, 42);
    Split b = Protocols.random(in, 42);
    Split c = Protocols.random(in, 43);
    boolean differs = false;
    for (int u = 0; u < in.users(); u++) {
      assertThat(a.test().items(u)).isEqualTo(b.test().items(u));
      assertThat(a.validation().items(u)).isEqualTo(b.validation().items(u));
      differs |= !java.util.Arrays.equals(a.test().items(u), c.test().items(u));
      Set<Integer> seen = new HashSet<>();
      int total = 0;
      for (UserItems part : new UserItems[] {a.train(), a.validation(), a.test()}) {
        for (int i : part.items(u)) {
          assertThat(seen.add(i)).as("user %d item %d in two parts", u, i).isTrue();
          total++;
        }
      }
      int n = total;
      assertThat(a.test().count(u)).isEqualTo((int) Math.round(0.1 * n));
      assertThat(a.train().count(u)).isGreaterThanOrEqualTo(1);
    }
    assertThat(differs).isTrue();
    assertThat(a.train().size() + a.validation().size() + a.test().size()).isEqualTo(in.size());
  }

  @Test
  void temporal_leavesLastOut() throws IOException {
    RatingData d =
        RatingLoader.read(
            new StringReader("u,a,5,30\nu,b,5,10\nu,c,5,20\nu,d,5,40\nv,a,5,1\n"),
            "x",
            RatingLoader.Format.CSV);
    Interactions in = Protocols.filter(d, 3, 0);
    Split s = Protocols.temporal(in);
    // user u: order b(10) c(20) a(30) d(40): test d, validation a
    assertThat(s.test().count(0)).isEqualTo(1);
    assertThat(s.validation().count(0)).isEqualTo(1);
    assertThat(s.train().count(0)).isEqualTo(2);
    assertThat(s.train().count(1)).isEqualTo(1); // too short: all train
    RatingData noTime =
        RatingLoader.read(new StringReader("u,a,5\n"), "x", RatingLoader.Format.CSV);
    assertThatThrownBy(() -> Protocols.temporal(Protocols.filter(noTime, 0, 0)))
        .hasMessageContaining("timestamps");
    assertThatThrownBy(() -> Protocols.filter(noTime, 0, -1)).hasMessageContaining("-1");
  }
}
