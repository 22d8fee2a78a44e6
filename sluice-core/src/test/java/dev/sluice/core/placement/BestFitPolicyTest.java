package dev.sluice.core.placement;

import static dev.sluice.core.placement.Nodes.pod;
import static dev.sluice.core.placement.Nodes.state;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BestFitPolicyTest {
  private final BestFitPolicy bestfit = new BestFitPolicy();

  @Test
  void scoreFallsWithWhatIsLeftAfterThePod() {
    // left after: cpu 64000 - 32000 = 32000 -> 0.25; gpu 4000 - 1000 = 3000 -> 0.375
    // 100 * (1 - (0.5 * 0.25 + 0.5 * 0.375)) = 68.75 -> 68
    var node = state("G2", 96_000, 64_000, 1000, 1000, 1000, 1000, 0, 0, 0, 0);
    assertThat(bestfit.score(node, pod(32_000, 1, 1000))).isEqualTo(68);
  }
}
