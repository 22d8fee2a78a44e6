package dev.sluice.core.placement;

import static dev.sluice.core.placement.Nodes.free;
import static dev.sluice.core.placement.Nodes.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.NodeState;
import org.junit.jupiter.api.Test;

class ClusteringPolicyTest {
  private final ClusteringPolicy clustering = new ClusteringPolicy();
  private final NodeState empty = free("G2", 96_000, 8);

  @Test
  void aNodeOnlyWithPodsOfTheSameClassScoresHighest() {
    // one sharing pod of 500 on GPU 0: base 25 * (8000 - 7500) / 8000 = 1; same class only: + 75
    var sharingOnly = empty.with(pod(1000, 1, 500), new int[] {0});
    assertThat(clustering.score(sharingOnly, pod(1000, 1, 300))).isEqualTo(76);
  }

  @Test
  void mixedNodesThenEmptyNodesThenOtherClasses() {
    var sharingOnly = empty.with(pod(1000, 1, 500), new int[] {0});
    var mixed = sharingOnly.with(pod(1000, 1, 1000), new int[] {1});
    // mixed: base 25 * (8000 - 6500) / 8000 = 4, shares its class with others: + 50
    assertThat(clustering.score(mixed, pod(1000, 1, 300))).isEqualTo(54);
    // empty 8-GPU node: base 0, no GPU pods: + 25
    assertThat(clustering.score(empty, pod(1000, 1, 300))).isEqualTo(25);
    // sharing-only node for a whole-GPU pod: base 1, other classes only: + 0
    assertThat(clustering.score(sharingOnly, pod(1000, 1, 1000))).isEqualTo(1);
  }

  @Test
  void cpuOnlyPodsDoNotCountAsAClassAndScoreZero() {
    var withCpuPod = empty.with(pod(1000, 0, 0), new int[0]);
    assertThat(clustering.score(withCpuPod, pod(1000, 1, 1000))).isEqualTo(25);
    assertThat(clustering.score(empty, pod(1000, 0, 0))).isZero();
  }

  @Test
  void everyWholeGpuCountIsAClassOfItsOwn() {
    // a 16-GPU node hosting only a 5-GPU pod: base 25 * (8000 - 11000) / 8000 = -9; a 3-GPU pod finds only
    // another class there: + 0
    var node = free("X", 128_000, 16).with(pod(1000, 5, 1000), new int[] {0, 1, 2, 3, 4});
    assertThat(clustering.score(node, pod(1000, 3, 1000))).isEqualTo(-9);
    assertThat(clustering.score(node, pod(1000, 5, 1000))).isEqualTo(-9 + 75);
  }
}
