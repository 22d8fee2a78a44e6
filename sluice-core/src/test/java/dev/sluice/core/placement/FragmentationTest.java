package dev.sluice.core.placement;

import static dev.sluice.core.placement.Nodes.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.placement.TargetWorkload.PodKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FragmentationTest {
  private static Fragmentation of(PodKind... kinds) {
    return new Fragmentation(new TargetWorkload(List.of(kinds)));
  }

  private static PodKind kind(long cpu, int gpus, int milli, double p) {
    return new PodKind(cpu, gpus, milli, Set.of(), p);
  }

  @Test
  void aNodeShortOfCpuHasAllItsIdleGpuAsFragment() {
    // the FGD simulator's test vector: 6000 CPU needed, 1000 free; idle 200 + 1000 + 1000 + 500
    var node = state("V100M16", 32_000, 1_000, 200, 1000, 1000, 500);
    assertThat(of(kind(6_000, 1, 465, 1)).of(node)).isEqualTo(2700.0);
  }

  @Test
  void aNodeThatFitsCountsOnlyTheGpusTooSmall() {
    var node = state("V100M16", 32_000, 16_000, 200, 1000, 1000, 500);
    // 465 milli: only the 200 GPU is too small
    assertThat(of(kind(6_000, 1, 465, 1)).of(node)).isEqualTo(200.0);
    // 600 milli: 200 and 500 are too small
    assertThat(of(kind(6_000, 1, 600, 1)).of(node)).isEqualTo(700.0);
  }

  @Test
  void kindsAreWeightedAndCpuOnlyKindsSeeEveryIdleGpuAsFragment() {
    var node = state("V100M16", 32_000, 16_000, 200, 1000, 1000, 500);
    var fragmentation = of(kind(6_000, 1, 465, 0.75), kind(1_000, 0, 0, 0.25));
    assertThat(fragmentation.of(node)).isCloseTo(0.75 * 200 + 0.25 * 2700, within(1e-9));
  }

  @Test
  void aKindThatNeedsMoreGpusThanHaveRoomSeesAllOfThemAsFragment() {
    var node = state("V100M16", 32_000, 16_000, 200, 1000, 1000, 500);
    assertThat(of(kind(1_000, 4, 1000, 1)).of(node)).isEqualTo(2700.0);
    assertThat(of(kind(1_000, 2, 1000, 1)).of(node)).isEqualTo(700.0);
  }

  @Test
  void aModelTheKindMayNotUseIsAllFragment() {
    var node = state("T4", 32_000, 16_000, 1000, 1000);
    var a100Only = new PodKind(1_000, 1, 1000, Set.of("A100"), 1);
    assertThat(of(a100Only).of(node)).isEqualTo(2000.0);
  }

  @Test
  void aFullNodeHasNoFragment() {
    assertThat(of(kind(1_000, 0, 0, 1)).of(state("T4", 32_000, 16_000, 0, 0))).isZero();
  }
}
