package dev.foryou.ads.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foryou.ads.targeting.TargetingSpec;
import org.junit.jupiter.api.Test;

class ModelTest {

  @Test
  void records_validDefinitions_normalisedAndQueryable() {
    Campaign c = new Campaign("c", "a", " Beauty ", new Schedule(10, 20), Status.ACTIVE);
    assertThat(c.category()).isEqualTo("beauty");
    assertThat(c.schedule().contains(10)).isTrue();
    assertThat(c.schedule().contains(20)).isFalse();
    assertThat(c.withStatus(Status.PAUSED).status()).isEqualTo(Status.PAUSED);
    assertThat(Format.HASHTAG_CHALLENGE.surface()).isEqualTo(Surface.DISCOVER);
    assertThat(Format.BRANDED_EFFECT.surface()).isEqualTo(Surface.EFFECTS_TRAY);
    assertThat(Format.TOP_VIEW.reserved()).isTrue();
    assertThat(Format.IN_FEED.reserved()).isFalse();
  }

  @Test
  void records_invalidDefinitions_rejectedWithTheValue() {
    assertThatThrownBy(() -> new Advertiser(" ", "x")).hasMessageContaining("advertiser id");
    assertThatThrownBy(() -> new Campaign("c", "a", "", Schedule.ALWAYS, Status.ACTIVE))
        .hasMessageContaining("category");
    assertThatThrownBy(() -> new Schedule(20, 10)).hasMessageContaining("20");
    assertThatThrownBy(
            () ->
                new AdGroup(
                    "g",
                    "c",
                    Format.IN_FEED,
                    BidType.CPC,
                    0,
                    TargetingSpec.EVERYONE,
                    Status.ACTIVE))
        .hasMessageContaining("0 micros");
    assertThatThrownBy(
            () ->
                new AdGroup(
                    "g",
                    "c",
                    Format.BRAND_TAKEOVER,
                    BidType.CPC,
                    5,
                    TargetingSpec.EVERYONE,
                    Status.ACTIVE))
        .hasMessageContaining("BRAND_TAKEOVER");
    assertThatThrownBy(() -> new Creative("cr", "g", "", Status.ACTIVE))
        .hasMessageContaining("video id");
  }
}
