package dev.foryou.ads.ctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.foryou.ads.model.Format;
import org.junit.jupiter.api.Test;

class CtrModelTest {

  @Test
  void pctr_newCreative_inheritsItsAdGroupsRate() {
    CtrModel m = CtrModel.builder().priorMean(0.01).priorStrength(100).build();
    m.register(0, 0, 0, Format.IN_FEED);
    m.register(1, 0, 0, Format.IN_FEED);
    assertThat(m.pctr(0)).isCloseTo(0.01, within(1e-12));
    m.record(0, 0, 10_000, 500); // 5 % on creative 0
    // creative 0 near 5 %; its sibling, unseen, moves toward the ad group's 5 % too
    assertThat(m.pctr(0)).isCloseTo(0.05, within(0.002));
    assertThat(m.pctr(1)).isGreaterThan(0.04);
    // a creative of another advertiser only feels it through the format level
    m.register(2, 1, 1, Format.IN_FEED);
    assertThat(m.pctr(2)).isBetween(0.01, m.pctr(1));
    // another format is untouched
    m.register(3, 2, 2, Format.BRANDED_EFFECT);
    assertThat(m.pctr(3)).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void record_lowPositionClicks_countAsMoreEvidencePerExamination() {
    CtrModel m = CtrModel.builder().priorStrength(10).positionBias(1.0, 0.5).build();
    m.register(0, 0, 0, Format.IN_FEED);
    m.register(1, 1, 1, Format.IN_FEED);
    m.record(0, 0, 1000, 20);
    m.record(1, 1, 1000, 20); // same clicks with half the examination
    assertThat(m.pctr(1)).isGreaterThan(m.pctr(0));
    assertThat(m.pctr(1, 1)).isCloseTo(0.5 * m.pctr(1), within(1e-12));
    assertThat(m.positionBias(7)).isEqualTo(0.5);
  }

  @Test
  void badInput_rejectedAndStateUnchanged() {
    CtrModel m = CtrModel.builder().build();
    m.register(0, 0, 0, Format.IN_FEED);
    double before = m.pctr(0);
    assertThatThrownBy(() -> m.pctr(5)).hasMessageContaining("5");
    assertThatThrownBy(() -> m.record(0, 0, 3, 4)).hasMessageContaining("4 clicks");
    assertThatThrownBy(() -> m.recordImpression(0, -1, true)).hasMessageContaining("-1");
    assertThatThrownBy(() -> m.register(0, 1, 0, Format.IN_FEED))
        .isInstanceOf(IllegalStateException.class);
    assertThat(m.pctr(0)).isEqualTo(before);
    assertThatThrownBy(() -> CtrModel.builder().positionBias(0.5, 1.0)).hasMessageContaining("0.5");
    assertThatThrownBy(() -> CtrModel.builder().priorMean(0.1).priorMean(0.2))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void record_concurrentWriters_noLostUpdate() throws Exception {
    CtrModel m = CtrModel.builder().priorStrength(1).build();
    m.register(0, 0, 0, Format.IN_FEED);
    Thread[] ts = new Thread[4];
    for (int t = 0; t < ts.length; t++) {
      ts[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 25_000; i++) {
                  m.recordImpression(0, 0, i % 4 == 0);
                  m.pctr(0);
                }
              });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    // 100k impressions, 25k clicks, k = 1 at every level: estimate is exactly reproducible
    double f = (25_000 + 0.01) / (100_000 + 1);
    double a = (25_000 + f) / (100_000 + 1);
    double g = (25_000 + a) / (100_000 + 1);
    double c = (25_000 + g) / (100_000 + 1);
    assertThat(m.pctr(0)).isCloseTo(c, within(1e-12));
  }
}
