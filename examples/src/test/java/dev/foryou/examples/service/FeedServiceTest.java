package dev.foryou.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foryou.examples.sim.DemoEngine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeedServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static FeedService service;
  private static DemoEngine engine;
  private static HttpClient client;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    engine = DemoEngine.create(3L, 200, 1500);
    service =
        FeedService.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new DemoBackend(engine), 4);
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    base = "http://127.0.0.1:" + service.port();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private static void assertError(HttpResponse<String> r, int status, String fragment)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode body = json(r);
    assertThat(body.get("error").asText()).contains(fragment);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void feed_knownUser_servesDistinctVideos() throws Exception {
    HttpResponse<String> r = get("/feed?user=u1&count=10");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("user").asText()).isEqualTo("u1");
    List<String> videos = new ArrayList<>();
    for (JsonNode item : body.get("items")) {
      if (item.get("type").asText().equals("video")) {
        videos.add(item.get("video").asText());
        assertThat(item.get("creator").asText()).startsWith("c");
      } else {
        assertThat(item.get("type").asText()).isEqualTo("ad");
        assertThat(item.get("impression_id").asText()).isNotBlank();
      }
    }
    assertThat(videos).isNotEmpty().doesNotHaveDuplicates();
    // the next page never repeats the first
    JsonNode next = json(get("/feed?user=u1&count=10"));
    for (JsonNode item : next.get("items")) {
      if (item.get("type").asText().equals("video")) {
        assertThat(videos).doesNotContain(item.get("video").asText());
      }
    }
  }

  @Test
  void feed_unknownUser_getsColdStartFeed() throws Exception {
    HttpResponse<String> r = get("/feed?user=newcomer-42&count=5");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("items").size()).isBetween(1, 10);
  }

  @Test
  void feed_badRequests_get4xxWithJsonError() throws Exception {
    assertError(get("/feed?count=5"), 400, "user");
    assertError(get("/feed?user=u1&count=0"), 400, "count");
    assertError(get("/feed?user=u1&count=51"), 400, "count");
    assertError(get("/feed?user=u1&count=abc"), 400, "count");
    assertError(get("/feed?user=u1&user=u2"), 400, "twice");
    assertError(get("/feed?user=" + "x".repeat(FeedService.MAX_QUERY_CHARS)), 414, "query");
    assertError(post("/feed?user=u1", "{}"), 405, "GET");
    assertError(get("/nope"), 404, "no such endpoint");
  }

  @Test
  void events_validViewsLikesAndGifts_accepted() throws Exception {
    HttpResponse<String> one =
        post("/events", "{\"type\":\"view\",\"user\":\"u2\",\"video\":\"v5\",\"watch_ms\":9000}");
    assertThat(one.statusCode()).as(one.body()).isEqualTo(202);
    assertThat(json(one).get("accepted").asInt()).isEqualTo(1);
    HttpResponse<String> batch =
        post(
            "/events",
            "[{\"type\":\"like\",\"user\":\"u2\",\"video\":\"v5\"},"
                + "{\"type\":\"gift\",\"user\":\"u2\",\"video\":\"v5\",\"coins\":3},"
                + "{\"type\":\"skip\",\"user\":\"u3\",\"video\":\"v6\",\"event_id\":77}]");
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
    assertThat(json(batch).get("accepted").asInt()).isEqualTo(3);
  }

  @Test
  void events_badRequests_get4xxWithJsonErrorAndApplyNothing() throws Exception {
    assertError(post("/events", "{not json"), 400, "JSON");
    assertError(post("/events", ""), 400, "empty");
    assertError(post("/events", "42"), 400, "object");
    assertError(
        post("/events", "{\"type\":\"dance\",\"user\":\"u1\",\"video\":\"v1\"}"), 400, "type");
    assertError(
        post("/events", "{\"type\":\"view\",\"user\":\"u1\",\"video\":\"v1\"}"), 400, "watch_ms");
    assertError(post("/events", "{\"type\":\"like\",\"user\":\"u1\"}"), 400, "video");
    assertError(
        post("/events", "{\"type\":\"like\",\"user\":\"u1\",\"video\":\"nope\"}"),
        400,
        "unknown video");
    assertError(
        post("/events", "{\"type\":\"view\",\"user\":\"u1\",\"video\":\"v1\",\"watch_ms\":-5}"),
        400,
        "watch_ms");
    assertError(
        post("/events", "{\"type\":\"gift\",\"user\":\"u1\",\"video\":\"v1\"}"), 400, "coins");
    assertError(
        post("/events", "{\"type\":\"ad_click\",\"user\":\"u1\",\"impression_id\":\"imp-x\"}"),
        400,
        "impression_id");
    // a batch with one bad event applies none
    assertError(
        post(
            "/events",
            "[{\"type\":\"like\",\"user\":\"u1\",\"video\":\"v1\"},"
                + "{\"type\":\"like\",\"user\":\"u1\",\"video\":\"missing\"}]"),
        400,
        "events[1]");
    assertError(post("/events", "[" + "1,".repeat(40_000) + "1]"), 413, "bytes");
    assertError(get("/events"), 405, "POST");
  }

  @Test
  void reports_ownAdvertiser_readsOnlyOwnCampaigns() throws Exception {
    String adv = engine.advertisers().get(0);
    HttpResponse<String> r = get("/reports/" + adv, "X-Advertiser", adv);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("advertiser").asText()).isEqualTo(adv);
    assertThat(body.get("campaigns").size()).isPositive();
    for (JsonNode c : body.get("campaigns")) {
      assertThat(c.has("spend")).isTrue();
      assertThat(c.has("impressions_today")).isTrue();
    }
  }

  @Test
  void reports_wrongOrMissingIdentity_refused() throws Exception {
    String adv = engine.advertisers().get(0);
    String other = engine.advertisers().get(1);
    assertError(get("/reports/" + adv), 401, "X-Advertiser");
    assertError(get("/reports/" + adv, "X-Advertiser", other), 403, "may not read");
    assertError(get("/reports/adv-unknown", "X-Advertiser", "adv-unknown"), 404, "unknown");
  }

  @Test
  void adEvents_impressionAndClickOnServedAd_accepted() throws Exception {
    // page until an ad shows up (ads are only sometimes placed), then post its events
    for (int i = 0; i < 30; i++) {
      JsonNode page = json(get("/feed?user=u" + (10 + i) + "&count=20"));
      for (JsonNode item : page.get("items")) {
        if (item.get("type").asText().equals("ad")) {
          String user = page.get("user").asText();
          String imp = item.get("impression_id").asText();
          HttpResponse<String> r =
              post(
                  "/events",
                  "[{\"type\":\"ad_impression\",\"user\":\""
                      + user
                      + "\",\"impression_id\":\""
                      + imp
                      + "\"},{\"type\":\"ad_click\",\"user\":\""
                      + user
                      + "\",\"impression_id\":\""
                      + imp
                      + "\"}]");
          assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
          assertError(
              post(
                  "/events",
                  "{\"type\":\"ad_click\",\"user\":\"someone-else\","
                      + "\"impression_id\":\""
                      + imp
                      + "\"}"),
              400,
              "another user");
          return;
        }
      }
    }
    org.assertj.core.api.Assertions.fail("no ad served in 30 pages");
  }

  @Test
  void feed_concurrentClients_allServed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int k = i;
        fs.add(
            pool.submit(
                () -> {
                  post(
                      "/events",
                      "{\"type\":\"view\",\"user\":\"u"
                          + k
                          + "\",\"video\":\"v"
                          + k
                          + "\",\"watch_ms\":1000}");
                  return get("/feed?user=u" + (k % 7) + "&count=5").statusCode();
                }));
      }
      for (Future<Integer> f : fs) {
        assertThat(f.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void root_describesService() throws Exception {
    JsonNode body = json(get("/"));
    assertThat(body.get("service").asText()).isEqualTo("foryou");
    assertThat(body.get("endpoints").size()).isEqualTo(3);
  }
}
