package dev.sluice.core.placement;

import static dev.sluice.core.placement.Nodes.pod;
import static dev.sluice.core.placement.Nodes.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomPolicyTest {
  @Test
  void aFractionGoesToAGpuWithRoomDrawnUniformly() {
    var random = new RandomPolicy(new SplittableRandom(3));
    var node = state("T4", 64_000, 32_000, 1000, 100, 600, 1000);
    var seen = new HashSet<Integer>();
    for (int i = 0; i < 200; i++) {
      int gpu = random.chooseGpus(node, pod(1_000, 1, 500))[0];
      assertThat(gpu).isIn(0, 2, 3);
      seen.add(gpu);
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 2, 3);
  }

  @Test
  void wholeGpusAreStillTheLowestIndexedFreeOnes() {
    var random = new RandomPolicy(new SplittableRandom(3));
    var node = state("T4", 64_000, 32_000, 1000, 100, 600, 1000);
    assertThat(random.chooseGpus(node, pod(1_000, 2, 1000))).containsExactly(0, 3);
  }

  @Test
  void theNodeIsDrawnFromAllThatFit() {
    var random = new RandomPolicy(new SplittableRandom(5));
    var seen = new HashSet<Integer>();
    for (int i = 0; i < 500; i++) seen.add(random.pickNode(7));
    assertThat(seen).hasSize(7).allMatch(k -> k >= 0 && k < 7);
    assertThat(random.pickNode(1)).isZero();
  }
}
