package dev.foryou.ads.model;

/**
 * An advertiser: the account that owns campaigns and pays for them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id external id, not blank
 * @param name display name, not blank
 */
public record Advertiser(String id, String name) {
  /** Validates. */
  public Advertiser {
    Ids.check(id, "advertiser id");
    Ids.check(name, "advertiser name");
  }
}
