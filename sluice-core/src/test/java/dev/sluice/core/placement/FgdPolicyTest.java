package dev.sluice.core.placement;

import static dev.sluice.core.placement.Nodes.free;
import static dev.sluice.core.placement.Nodes.pod;
import static dev.sluice.core.placement.Nodes.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.placement.TargetWorkload.PodKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FgdPolicyTest {
  /** Everyone expects pods of half a GPU. */
  private final FgdPolicy fgd = new FgdPolicy(new TargetWorkload(List.of(new PodKind(1_000, 1, 500, Set.of(), 1))));

  @Test
  void aSharingPodTakesTheGpuWhereItLeavesLeastFragment() {
    // free [700, 1000]: before, the 700 GPU fits a 500 kind: F = 0.
    // 200 on GPU 0 -> [500, 1000]: F = 0 -> score trunc(100 * sigmoid(0)) = 50
    // 200 on GPU 1 -> [700, 800]: F = 0 -> also 50; ties go to the lower index
    // 300 on GPU 0 -> [400, 1000]: F = 400 -> sigmoid(-0.4) = 0.401 -> 40; on GPU 1 -> [700, 700]: 50
    var node = state("T4", 64_000, 32_000, 700, 1000);
    assertThat(fgd.chooseGpus(node, pod(1_000, 1, 200))).containsExactly(0);
    assertThat(fgd.score(node, pod(1_000, 1, 200))).isEqualTo(50);
    assertThat(fgd.chooseGpus(node, pod(1_000, 1, 300))).containsExactly(1);
    assertThat(fgd.score(node, pod(1_000, 1, 300))).isEqualTo(50);
  }

  @Test
  void growingFragmentationLowersTheScore() {
    // whole GPU on [1000, 1000] leaves [0, 1000]: F stays 0 -> 50
    // whole GPU on [1000, 300] leaves [0, 300]: F goes 300 -> 300 -> 50 as well; a 600 fraction on [1000, 300]
    // leaves [400, 300]: F from 300 to 700 -> sigmoid(-0.4) -> 40
    assertThat(fgd.score(free("T4", 64_000, 2), pod(1_000, 1, 1000))).isEqualTo(50);
    assertThat(fgd.score(state("T4", 64_000, 32_000, 1000, 300), pod(1_000, 1, 600))).isEqualTo(40);
  }

  @Test
  void wholeGpusAreTheLowestIndexedFreeOnes() {
    var node = state("G2", 96_000, 64_000, 1000, 300, 1000, 1000);
    assertThat(fgd.chooseGpus(node, pod(1_000, 2, 1000))).containsExactly(0, 2);
  }
}
