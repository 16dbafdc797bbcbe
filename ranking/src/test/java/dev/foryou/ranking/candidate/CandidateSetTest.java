package dev.foryou.ranking.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CandidateSetTest {

  @Test
  void add_sameVideoTwice_mergesSourcesAndKeepsBestScore() {
    CandidateSet s = new CandidateSet(4);
    assertThat(s.add(7, Source.ANN, 0.5f)).isTrue();
    assertThat(s.add(7, Source.TRENDING, 0.9f)).isFalse();
    assertThat(s.add(7, Source.FRESH, 0.1f)).isFalse();
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.sources(0))
        .isEqualTo(Source.ANN.bit() | Source.TRENDING.bit() | Source.FRESH.bit());
    assertThat(s.score(0)).isEqualTo(0.9f);
    assertThat(Source.TRENDING.in(s.sources(0))).isTrue();
    assertThat(Source.HASHTAG.in(s.sources(0))).isFalse();
  }

  @Test
  void add_beyondCapacity_dropsButStillMerges() {
    CandidateSet s = new CandidateSet(2);
    s.add(1, Source.ANN, 1);
    s.add(2, Source.ANN, 1);
    assertThat(s.isFull()).isTrue();
    assertThat(s.add(3, Source.ANN, 1)).isFalse();
    assertThat(s.contains(3)).isFalse();
    s.add(2, Source.HASHTAG, 1);
    assertThat(s.sources(1)).isEqualTo(Source.ANN.bit() | Source.HASHTAG.bit());
    s.clear();
    assertThat(s.size()).isZero();
    assertThat(s.contains(1)).isFalse();
    assertThat(s.add(1, Source.FRESH, 0)).isTrue();
  }

  @Test
  void badInput_throws() {
    assertThatThrownBy(() -> new CandidateSet(0)).hasMessageContaining("capacity");
    CandidateSet s = new CandidateSet(2);
    assertThatThrownBy(() -> s.add(-1, Source.ANN, 0)).hasMessageContaining("-1");
    assertThatThrownBy(() -> s.video(0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Source.of(99)).isInstanceOf(IllegalArgumentException.class);
  }
}
