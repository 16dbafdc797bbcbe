package dev.foryou.examples.sim;

import dev.foryou.core.user.AgeBand;
import dev.foryou.core.user.DeviceOs;
import dev.foryou.core.user.Gender;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A simulated advertiser's campaign as the world generator draws it: format, bid, daily budget,
 * frequency cap and targeting, plus the hidden topic that drives how relevant its ad is to a user.
 * The simulator translates it into the ads module's own model.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id campaign id
 * @param advertiserId the advertiser's id
 * @param format the format
 * @param cpc true for a CPC bid, false for CPM
 * @param bidMicros the bid in micros (per click for CPC, per thousand impressions for CPM)
 * @param dailyBudgetMicros the daily budget in micros
 * @param capPerDay at most this many impressions per user per calendar day (UTC)
 * @param countries targeted countries, empty for all
 * @param ageBands targeted age bands, empty for all
 * @param genders targeted genders, empty for all
 * @param oses targeted device systems, empty for all
 * @param interests targeted interest categories (topic names), empty for none
 * @param topic the ad's own topic (hidden from the engine; drives click probability)
 * @param hashtag the challenge hashtag for {@link AdFormat#HASHTAG_CHALLENGE}, else empty
 * @param creativeIds the creatives' ids, at least one
 */
public record CampaignSpec(
    String id,
    String advertiserId,
    AdFormat format,
    boolean cpc,
    long bidMicros,
    long dailyBudgetMicros,
    int capPerDay,
    Set<String> countries,
    Set<AgeBand> ageBands,
    Set<Gender> genders,
    Set<DeviceOs> oses,
    Set<String> interests,
    int topic,
    String hashtag,
    List<String> creativeIds) {

  /** Validates and copies. */
  public CampaignSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(advertiserId, "advertiserId");
    Objects.requireNonNull(format, "format");
    if (bidMicros <= 0) {
      throw new IllegalArgumentException("bidMicros must be > 0: " + bidMicros);
    }
    if (dailyBudgetMicros <= 0) {
      throw new IllegalArgumentException("dailyBudgetMicros must be > 0: " + dailyBudgetMicros);
    }
    if (capPerDay < 1) {
      throw new IllegalArgumentException("capPerDay must be >= 1: " + capPerDay);
    }
    countries = Set.copyOf(countries);
    ageBands = Set.copyOf(ageBands);
    genders = Set.copyOf(genders);
    oses = Set.copyOf(oses);
    interests = Set.copyOf(interests);
    Objects.requireNonNull(hashtag, "hashtag");
    creativeIds = List.copyOf(creativeIds);
    if (creativeIds.isEmpty()) {
      throw new IllegalArgumentException("a campaign needs at least one creative: " + id);
    }
  }
}
