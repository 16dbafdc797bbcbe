package dev.foryou.ranking.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.foryou.core.ManualTimeSource;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.testing.TestWorld;
import org.junit.jupiter.api.Test;

class FoldInUserVectorsTest {

  @Test
  void userVector_recentViews_matchesFoldInOfHistory() {
    ManualTimeSource time = new ManualTimeSource(1_000_000L);
    TestWorld world = TestWorld.create(3, 40, 5, 8, time);
    SignalStore signals = SignalStore.builder(world.catalog, world.users).timeSource(time).build();
    EmbeddingModel model =
        IalsTrainer.train(IalsTrainerTest.planted(7), new IalsConfig(8, 2, 5, 5, 0, 1, 1L));
    FoldInUserVectors source = FoldInUserVectors.of(model, signals, 10, 0.5f);
    float[] out = new float[8];
    float[] trained = new float[8];
    // no history: falls back to the trained vector of user 2
    assertThat(source.userVector(2, out)).isTrue();
    model.userVector(2, trained);
    assertThat(out).containsExactly(trained);
    signals.record(Interaction.view(2, 3, time.nowMillis(), 5_000));
    time.advance(1000);
    signals.record(Interaction.view(2, 25, time.nowMillis(), 5_000));
    int[] hist = new int[10];
    int n = signals.recentHistory(2, hist);
    assertThat(n).isEqualTo(2);
    float[] expected = new float[8];
    model.foldIn(hist, new float[] {1f, 0.5f}, n, expected);
    assertThat(source.userVector(2, out)).isTrue();
    for (int f = 0; f < 8; f++) {
      assertThat(out[f]).isCloseTo(expected[f], within(1e-6f));
    }
    assertThat(source.userVector(-1, out)).isFalse();
    assertThatThrownBy(() -> FoldInUserVectors.of(model, signals, 0, 0.5f))
        .hasMessageContaining("historySize");
    assertThatThrownBy(() -> FoldInUserVectors.of(model, signals, 5, 1.5f))
        .hasMessageContaining("decay");
  }
}
