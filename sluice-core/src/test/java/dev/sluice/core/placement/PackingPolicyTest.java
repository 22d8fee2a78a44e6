package dev.sluice.core.placement;

import static dev.sluice.core.placement.Nodes.free;
import static dev.sluice.core.placement.Nodes.pod;
import static dev.sluice.core.placement.Nodes.state;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackingPolicyTest {
  private final PackingPolicy packing = new PackingPolicy();
  private final dev.sluice.core.model.NodeState partlyUsed = state("T4", 64_000, 32_000, 200, 1000, 1000, 500);

  @Test
  void freeGpusOnAUsedNodeScoreBetween33And49() {
    // two fully free GPUs taken on a used node: max(50 - 2, 33) = 48
    assertThat(packing.score(partlyUsed, pod(1000, 2, 1000))).isEqualTo(48);
  }

  @Test
  void sharingUsedGpusScoresHighestTheFullerTheyAre() {
    // GPUs tried from least free: 200 (index 0) and 500 (index 3); 20 + 50 = 70; 100 - 70 / 10 = 93
    assertThat(packing.score(partlyUsed, pod(1000, 2, 200))).isEqualTo(93);
  }

  @Test
  void anEmptyNodeScoresLowestAndPrefersSmallNodes() {
    // max(33 - F, F) with F free GPUs
    assertThat(packing.score(free("V100M16", 32_000, 4), pod(1000, 1, 1000))).isEqualTo(29);
    assertThat(packing.score(free("G2", 96_000, 8), pod(1000, 1, 1000))).isEqualTo(25);
    assertThat(packing.score(free("A10", 128_000, 1), pod(1000, 1, 300))).isEqualTo(32);
  }

  @Test
  void cpuOnlyPodsScoreZero() {
    assertThat(packing.score(partlyUsed, pod(1000, 0, 0))).isZero();
  }

  @Test
  void aFractionGoesToTheTightestGpu() {
    assertThat(packing.chooseGpus(partlyUsed, pod(1000, 1, 400))).containsExactly(3);
    assertThat(packing.chooseGpus(partlyUsed, pod(1000, 1, 100))).containsExactly(0);
  }
}
