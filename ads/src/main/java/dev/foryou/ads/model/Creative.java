package dev.foryou.ads.model;

import java.util.Objects;

/**
 * A creative: the video an ad group shows. An ad group rotates between its active creatives by
 * predicted click-through rate.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id external id, not blank
 * @param adGroupId the owning ad group's id
 * @param videoId the external id of the video shown
 * @param status delivery status
 */
public record Creative(String id, String adGroupId, String videoId, Status status) {
  /** Validates. */
  public Creative {
    Ids.check(id, "creative id");
    Ids.check(adGroupId, "ad group id");
    Ids.check(videoId, "video id");
    Objects.requireNonNull(status, "status");
  }
}
