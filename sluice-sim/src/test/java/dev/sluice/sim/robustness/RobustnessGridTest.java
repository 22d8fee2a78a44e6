package dev.sluice.sim.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sim.variant.PodMix;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustnessGridTest {
  @Test
  void crossesEveryKnobAndLeavesOutSharesOverAllTheGpuMilli() {
    var grid = new RobustnessGrid(List.of(0.2, 0.5), List.of(0.3, 1.0), List.of(0.0, 0.6), List.of(0.0));

    // sharing 1.0 with multi-GPU 0.6 asks for 160 % of the GPU milli: left out at both CPU shares
    assertThat(grid.points()).containsExactly(
        new PodMix(0.2, 0.3, 0.0, 0), new PodMix(0.2, 0.3, 0.6, 0), new PodMix(0.2, 1.0, 0.0, 0),
        new PodMix(0.5, 0.3, 0.0, 0), new PodMix(0.5, 0.3, 0.6, 0), new PodMix(0.5, 1.0, 0.0, 0));
  }

  @Test
  void aKnobWithoutValuesIsRejected() {
    assertThatThrownBy(() -> new RobustnessGrid(List.of(0.2), List.of(), List.of(0.0), List.of(0.0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
