package dev.sluice.core.placement;

import static dev.sluice.core.placement.Nodes.pod;
import static dev.sluice.core.placement.Nodes.state;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DotProductPolicyTest {
  private final DotProductPolicy dotprod = new DotProductPolicy();

  @Test
  void scoreIsOneMinusHalfTheScaledDotProduct() {
    // node free (64000/128000, 4000/8000) = (0.5, 0.5); pod (32000/128000, 2000/8000) = (0.25, 0.25)
    // dot = 0.125 + 0.125 = 0.25; 100 * (1 - 0.25 / 2) = 87.5 -> 87
    var node = state("G2", 96_000, 64_000, 1000, 1000, 1000, 1000, 0, 0, 0, 0);
    assertThat(dotprod.score(node, pod(32_000, 2, 1000))).isEqualTo(87);
  }

  @Test
  void prefersTheNodeWithLessLeft() {
    var roomy = state("G2", 96_000, 96_000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000);
    var tight = state("G2", 96_000, 16_000, 1000, 1000, 0, 0, 0, 0, 0, 0);
    var pod = pod(8_000, 1, 1000);
    assertThat(dotprod.score(tight, pod)).isGreaterThan(dotprod.score(roomy, pod));
  }
}
