package dev.foryou.examples.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP layer of {@link FeedService} calls: the engine behind external ids.
 *
 * <p>Implementations must be thread-safe: the server runs requests on several threads.
 */
public interface ServiceBackend {

  /** The most items one feed request may ask for. */
  int MAX_COUNT = 50;

  /**
   * Ingests events; all are validated before any is applied.
   *
   * @param events the events
   * @return how many were applied (duplicates excluded)
   * @throws IllegalArgumentException naming the first bad event (unknown video, bad amounts …)
   */
  int record(List<EventIn> events);

  /**
   * Serves the next feed page of a user (an unknown user gets a cold-start feed).
   *
   * @param user the user's external id
   * @param count how many items, 1 to {@link #MAX_COUNT}
   * @return the items, organic videos and ads
   * @throws IllegalArgumentException on a bad count or user id
   */
  List<FeedItem> feed(String user, int count);

  /**
   * Returns an advertiser's report (its campaigns only).
   *
   * @param advertiser the advertiser's id
   * @return the report, or empty if no such advertiser
   */
  Optional<JsonNode> report(String advertiser);

  /**
   * Describes what serves the feed and ads, for {@code GET /}.
   *
   * @return a short description
   */
  String describe();
}
