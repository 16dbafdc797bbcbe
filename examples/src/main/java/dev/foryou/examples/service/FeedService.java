package dev.foryou.examples.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.foryou.core.event.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP JSON service over a {@link ServiceBackend}, on the JDK's built-in server:
 *
 * <ul>
 *   <li>{@code POST /events}: one event object or an array of them, e.g. {@code {"type":"view",
 *       "user":"u1","video":"v7","watch_ms":12000}} → {@code 202 {"accepted":1}};
 *   <li>{@code GET /feed?user=u1&count=10} → {@code 200 {"user":"u1","items":[…]}}, ads included;
 *   <li>{@code GET /reports/{advertiser}} with header {@code X-Advertiser: {advertiser}} → the
 *       advertiser's campaign report; another advertiser's report is refused (403).
 * </ul>
 *
 * <p>Every error is a JSON body {@code {"error":"…"}} with a 4xx status (5xx only for a bug, also
 * without a stack trace). Request bodies are limited to {@value #MAX_BODY_BYTES} bytes, batches to
 * {@value #MAX_BATCH} events, query strings to {@value #MAX_QUERY_CHARS} characters.
 *
 * <p>Thread-safe; {@link #close()} stops accepting, lets running exchanges finish (up to a second)
 * and shuts the worker threads down.
 */
public final class FeedService implements AutoCloseable {
  /** Largest accepted request body. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** Most events in one {@code POST /events}. */
  public static final int MAX_BATCH = 1000;

  /** Longest accepted query string. */
  public static final int MAX_QUERY_CHARS = 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService workers;
  private final ServiceBackend backend;

  private FeedService(HttpServer server, ExecutorService workers, ServiceBackend backend) {
    this.server = server;
    this.workers = workers;
    this.backend = backend;
  }

  /**
   * Starts a service.
   *
   * @param address where to listen (port 0 picks a free port)
   * @param backend the engine behind it
   * @param threads worker threads, 1 to 64
   * @return the running service
   * @throws IOException if the address cannot be bound
   */
  public static FeedService start(InetSocketAddress address, ServiceBackend backend, int threads)
      throws IOException {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(backend, "backend");
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("threads must be in [1, 64]: " + threads);
    }
    HttpServer server = HttpServer.create(address, 64);
    AtomicInteger n = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "foryou-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    FeedService service = new FeedService(server, workers, backend);
    server.createContext("/", service::handle);
    server.setExecutor(workers);
    server.start();
    return service;
  }

  /**
   * Returns the port the service listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops the service: no new exchanges, running ones get up to a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdown();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange ex) {
    try (ex) {
      try {
        route(ex);
      } catch (HttpError e) {
        send(ex, e.status, error(e.getMessage()));
      } catch (IllegalArgumentException e) {
        send(ex, 400, error(e.getMessage()));
      } catch (RuntimeException e) {
        // a bug: say so without leaking internals
        send(ex, 500, error("internal error (" + e.getClass().getSimpleName() + ")"));
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String method = ex.getRequestMethod();
    String query = ex.getRequestURI().getRawQuery();
    if (query != null && query.length() > MAX_QUERY_CHARS) {
      throw new HttpError(414, "query string longer than " + MAX_QUERY_CHARS + " characters");
    }
    if (path.equals("/events")) {
      requireMethod(method, "POST");
      events(ex);
    } else if (path.equals("/feed")) {
      requireMethod(method, "GET");
      feed(ex, query);
    } else if (path.startsWith("/reports/")) {
      requireMethod(method, "GET");
      report(ex, URLDecoder.decode(path.substring("/reports/".length()), StandardCharsets.UTF_8));
    } else if (path.equals("/")) {
      requireMethod(method, "GET");
      ObjectNode o = JSON.createObjectNode();
      o.put("service", "foryou");
      o.put("backend", backend.describe());
      ArrayNode eps = o.putArray("endpoints");
      eps.add("POST /events").add("GET /feed?user=&count=").add("GET /reports/{advertiser}");
      send(ex, 200, o);
    } else {
      throw new HttpError(404, "no such endpoint: " + path);
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw new HttpError(405, "method " + method + " not allowed here; use " + expected);
    }
  }

  private void events(HttpExchange ex) throws IOException {
    byte[] body = readBody(ex);
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new HttpError(400, "body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new HttpError(400, "empty body: expected an event object or an array of them");
    }
    List<EventIn> events = new ArrayList<>();
    if (root.isArray()) {
      if (root.size() > MAX_BATCH) {
        throw new HttpError(413, "more than " + MAX_BATCH + " events in one request");
      }
      for (int i = 0; i < root.size(); i++) {
        events.add(parseEvent(root.get(i), "events[" + i + "]"));
      }
    } else {
      events.add(parseEvent(root, "event"));
    }
    int accepted = backend.record(events);
    ObjectNode o = JSON.createObjectNode();
    o.put("accepted", accepted);
    o.put("duplicates", events.size() - accepted);
    send(ex, 202, o);
  }

  static EventIn parseEvent(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new HttpError(400, where + " must be a JSON object");
    }
    String typeName = text(n, "type", where);
    EventType type;
    try {
      type = EventType.valueOf(typeName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, where + ".type is not an event type: " + typeName);
    }
    String user = text(n, "user", where);
    String item = type.isAd() ? text(n, "impression_id", where) : text(n, "video", where);
    long ts = longField(n, "timestamp_ms", where);
    long watch = longField(n, "watch_ms", where);
    long coins = longField(n, "coins", where);
    long id = longField(n, "event_id", where);
    if (coins > Integer.MAX_VALUE) {
      throw new HttpError(400, where + ".coins too large: " + coins);
    }
    if (type == EventType.VIEW && !n.has("watch_ms")) {
      throw new HttpError(400, where + ": a view needs watch_ms");
    }
    if (type == EventType.GIFT && !n.has("coins")) {
      throw new HttpError(400, where + ": a gift needs coins");
    }
    return new EventIn(type, user, item, ts, watch, (int) coins, id);
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new HttpError(400, where + "." + field + " must be a non-empty string");
    }
    if (v.asText().length() > 200) {
      throw new HttpError(400, where + "." + field + " longer than 200 characters");
    }
    return v.asText();
  }

  private static long longField(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new HttpError(400, where + "." + field + " must be a non-negative integer: " + v);
    }
    return v.asLong();
  }

  private void feed(HttpExchange ex, String rawQuery) throws IOException {
    Map<String, String> q = query(rawQuery);
    String user = q.get("user");
    if (user == null || user.isBlank()) {
      throw new HttpError(400, "query parameter 'user' is required");
    }
    int count = 10;
    String c = q.get("count");
    if (c != null) {
      try {
        count = Integer.parseInt(c);
      } catch (NumberFormatException e) {
        throw new HttpError(400, "count must be an integer: " + c);
      }
    }
    if (count < 1 || count > ServiceBackend.MAX_COUNT) {
      throw new HttpError(400, "count must be in [1, " + ServiceBackend.MAX_COUNT + "]: " + count);
    }
    List<FeedItem> items = backend.feed(user, count);
    ObjectNode o = JSON.createObjectNode();
    o.put("user", user);
    ArrayNode arr = o.putArray("items");
    for (FeedItem it : items) {
      ObjectNode i = arr.addObject();
      if (it.isAd()) {
        i.put("type", "ad");
        i.put("campaign", it.campaign());
        i.put("creative", it.creative());
        i.put("format", it.format());
        i.put("impression_id", it.impressionId());
      } else {
        i.put("type", "video");
        i.put("video", it.video());
        i.put("creator", it.creator());
      }
    }
    send(ex, 200, o);
  }

  private void report(HttpExchange ex, String advertiser) throws IOException {
    if (advertiser.isBlank() || advertiser.contains("/")) {
      throw new HttpError(404, "no such report: /reports/" + advertiser);
    }
    String who = ex.getRequestHeaders().getFirst("X-Advertiser");
    if (who == null || who.isBlank()) {
      throw new HttpError(401, "header X-Advertiser is required");
    }
    if (!who.equals(advertiser)) {
      throw new HttpError(403, "advertiser " + who + " may not read the report of " + advertiser);
    }
    Optional<JsonNode> r = backend.report(advertiser);
    if (r.isEmpty()) {
      throw new HttpError(404, "unknown advertiser: " + advertiser);
    }
    send(ex, 200, r.get());
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      if (out.putIfAbsent(k, v) != null) {
        throw new HttpError(400, "query parameter given twice: " + k);
      }
    }
    return out;
  }

  private static byte[] readBody(HttpExchange ex) throws IOException {
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    if (len != null) {
      try {
        if (Long.parseLong(len.trim()) > MAX_BODY_BYTES) {
          throw new HttpError(413, "body larger than " + MAX_BODY_BYTES + " bytes");
        }
      } catch (NumberFormatException e) {
        throw new HttpError(400, "bad Content-Length: " + len);
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new HttpError(413, "body larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  private static ObjectNode error(String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("error", message == null ? "bad request" : message);
    return o;
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** An HTTP error with its status; the message goes to the client. */
  static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
