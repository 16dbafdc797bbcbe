package dev.foryou.benchmarks;

import dev.foryou.ads.auction.AdRequest;
import dev.foryou.ads.auction.AdServer;
import dev.foryou.ads.auction.AuctionRules;
import dev.foryou.ads.auction.CampaignControl;
import dev.foryou.ads.auction.Mechanism;
import dev.foryou.ads.auction.ServedAd;
import dev.foryou.ads.auction.Slot;
import dev.foryou.ads.model.AdGroup;
import dev.foryou.ads.model.Advertiser;
import dev.foryou.ads.model.BidType;
import dev.foryou.ads.model.Campaign;
import dev.foryou.ads.model.Creative;
import dev.foryou.ads.model.Format;
import dev.foryou.ads.model.Schedule;
import dev.foryou.ads.model.Status;
import dev.foryou.ads.model.Surface;
import dev.foryou.ads.targeting.Dimension;
import dev.foryou.ads.targeting.TargetingQuery;
import dev.foryou.ads.targeting.TargetingSpec;
import dev.foryou.core.user.AgeBand;
import dev.foryou.core.user.DeviceOs;
import dev.foryou.core.user.Gender;
import dev.foryou.core.user.UserAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One in-feed ad request end to end ({@link AdServer#auction}): targeting index over N live ad
 * groups with random include/exclude targeting → pCTR of each eligible ad group's creatives → eCPM
 * → GSP over 3 slots with click factors and a reserve. Single thread, sampled latency.
 *
 * <p>Data (seeded): countries drawn Zipf-like from 30, 6 age bands, 4 genders, 12 languages, 5
 * OSes, 2,000 interest keys (Zipf-like), 50 custom audiences; each ad group includes 0–4 dimensions
 * and excludes 0–1, bids CPM or CPC, and has 1–3 creatives with some click history. Requests cycle
 * through 4,096 users (about 15 % minors) with 3–10 interests each.
 *
 * <p>{@code control}: {@code none} runs without budgets; {@code paced} plugs in a {@link
 * CampaignControl} like a pacer and frequency caps would: every campaign's bids shaded by a seeded
 * multiplier in [0.3, 1] (5 % of campaigns at 0: budget spent) and about 10 % of (campaign, user)
 * pairs capped, so the request has to look deeper before its slots are filled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx2g", "-Xms2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AdRequestBenchmark {

  /** Live ad groups. */
  @Param({"100000"})
  public int adGroups;

  /** Campaign control: {@code none} or {@code paced}. */
  @Param({"none", "paced"})
  public String control;

  private AdServer server;
  private AdRequest[] requests;
  private List<Slot> slots;
  private int next;

  private static final String[] COUNTRIES = new String[30];
  private static final String[] LANGS = {
    "en", "es", "pt", "de", "fr", "ja", "ko", "id", "tr", "ar", "it", "vi"
  };

  static {
    for (int i = 0; i < COUNTRIES.length; i++) {
      COUNTRIES[i] = "" + (char) ('A' + i / 26 % 26) + (char) ('A' + i % 26);
    }
  }

  private static int zipf(Random r, int n) {
    // P(i) ~ 1/(i+1), by inverse transform on a log scale
    return Math.min(n - 1, (int) Math.floor(Math.exp(r.nextDouble() * Math.log(n + 1)) - 1));
  }

  private static String[] values(Random r, Dimension d) {
    int k = 1 + r.nextInt(3);
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < k; i++) {
      out.add(
          switch (d) {
            case AGE -> AgeBand.values()[1 + r.nextInt(6)].name();
            case GENDER -> Gender.values()[1 + r.nextInt(3)].name();
            case COUNTRY -> COUNTRIES[zipf(r, COUNTRIES.length)];
            case REGION -> COUNTRIES[zipf(r, 5)] + "/R" + r.nextInt(10);
            case LANGUAGE -> LANGS[zipf(r, LANGS.length)];
            case OS -> DeviceOs.values()[1 + r.nextInt(4)].name();
            case INTEREST -> "hashtag:h" + zipf(r, 2000);
            case AUDIENCE -> "aud" + r.nextInt(50);
          });
    }
    return out.toArray(new String[0]);
  }

  private static TargetingSpec randomSpec(Random r) {
    TargetingSpec.Builder b = TargetingSpec.builder();
    double[] includeP = {0.4, 0.2, 0.7, 0.05, 0.3, 0.2, 0.3, 0.03};
    Dimension[] dims = Dimension.values();
    Dimension excluded = r.nextDouble() < 0.3 ? dims[r.nextInt(dims.length)] : null;
    for (Dimension d : dims) {
      if (r.nextDouble() < includeP[d.ordinal()] && d != excluded) {
        b.include(d, values(r, d));
      }
    }
    if (excluded != null) {
      b.exclude(excluded, values(r, excluded));
    }
    return b.build();
  }

  /** Builds the inventory and the request stream. */
  @Setup(Level.Trial)
  public void setUp() {
    Random r = new Random(20261122L);
    int advertisers = Math.max(1, adGroups / 50);
    int campaigns = Math.max(1, adGroups / 10);
    double[] multiplier = new double[campaigns];
    Random pr = new Random(7L);
    for (int c = 0; c < campaigns; c++) {
      multiplier[c] = pr.nextDouble() < 0.05 ? 0 : 0.3 + 0.7 * pr.nextDouble();
    }
    CampaignControl paced =
        new CampaignControl() {
          @Override
          public boolean allow(int campaign, int user, long nowMillis) {
            return Math.floorMod(campaign * 0x9E3779B1 + user * 31, 10) != 0;
          }

          @Override
          public double bidMultiplier(int campaign, long nowMillis) {
            return multiplier[campaign];
          }
        };
    server =
        AdServer.builder()
            .rules(new AuctionRules(Mechanism.GSP, 10_000, 500_000))
            .reserve(Format.IN_FEED, 1_000_000)
            .control(
                switch (control) {
                  case "none" -> CampaignControl.NONE;
                  case "paced" -> paced;
                  default -> throw new IllegalArgumentException("control: " + control);
                })
            .build();
    for (int a = 0; a < advertisers; a++) {
      server.upsert(new Advertiser("adv" + a, "Advertiser " + a));
    }
    for (int c = 0; c < campaigns; c++) {
      server.upsert(
          new Campaign(
              "c" + c,
              "adv" + (c % advertisers),
              "cat" + (c % 20),
              Schedule.ALWAYS,
              Status.ACTIVE));
    }
    List<AdGroup> groups = new ArrayList<>(adGroups);
    for (int g = 0; g < adGroups; g++) {
      boolean cpc = r.nextBoolean();
      long bid = cpc ? 50_000 + r.nextInt(2_000_000) : 500_000 + r.nextInt(20_000_000);
      groups.add(
          new AdGroup(
              "g" + g,
              "c" + r.nextInt(campaigns),
              Format.IN_FEED,
              cpc ? BidType.CPC : BidType.CPM,
              bid,
              randomSpec(r),
              Status.ACTIVE));
    }
    server.upsertAll(groups);
    int creative = 0;
    for (int g = 0; g < adGroups; g++) {
      int n = 1 + r.nextInt(3);
      for (int i = 0; i < n; i++) {
        server.upsert(new Creative("cr" + creative, "g" + g, "v" + creative, Status.ACTIVE));
        long imps = r.nextInt(20_000);
        server
            .ctrModel()
            .record(creative, r.nextInt(3), imps, (long) (imps * r.nextDouble() * 0.03));
        creative++;
      }
    }
    requests = new AdRequest[4096];
    for (int u = 0; u < requests.length; u++) {
      AgeBand age = r.nextDouble() < 0.15 ? AgeBand.AGE_13_17 : AgeBand.values()[2 + r.nextInt(5)];
      String country = COUNTRIES[zipf(r, COUNTRIES.length)];
      UserAttributes attrs =
          new UserAttributes(
              age,
              Gender.values()[1 + r.nextInt(3)],
              country,
              "R" + r.nextInt(10),
              LANGS[zipf(r, LANGS.length)],
              DeviceOs.values()[1 + r.nextInt(4)],
              false);
      List<String> interests = new ArrayList<>();
      for (int i = 3 + r.nextInt(8); i > 0; i--) {
        interests.add("hashtag:h" + zipf(r, 2000));
      }
      List<String> audiences = new ArrayList<>();
      for (int i = r.nextInt(3); i > 0; i--) {
        audiences.add("aud" + r.nextInt(50));
      }
      requests[u] = new AdRequest(u, new TargetingQuery(attrs, interests, audiences));
    }
    slots = List.of(new Slot("s1", 1.0), new Slot("s2", 0.7), new Slot("s3", 0.5));
  }

  /**
   * One ad request.
   *
   * @param bh sink
   */
  @Benchmark
  public void adRequest(Blackhole bh) {
    AdRequest req = requests[next++ & (requests.length - 1)];
    List<ServedAd> ads = server.auction(req, Surface.FEED, slots);
    bh.consume(ads);
  }
}
