package dev.sluice.sim.bound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfflineBoundTest {
  /** One node, one GPU and 8 cores: room for the sharing cases. */
  private static final List<Node> ONE_GPU = List.of(Node.uniform("n", 8000, 1024, 1, "T4"));

  private static PodRequest pod(String name, long cpu, int gpus, int milli, String... models) {
    return new PodRequest(name, cpu, 0, gpus, milli, Set.of(models));
  }

  private static double bound(List<Node> nodes, PodRequest... pods) {
    return OfflineBound.maxAllocatedGpuMilli(nodes, List.of(pods));
  }

  @Test
  void twoPodsOfMoreThanHalfAGpuCannotShareOne() {
    // the plain capacity LP would place 1000 of the 1200 milli; the best placement places one pod, 600

    assertThat(bound(ONE_GPU, pod("a", 1000, 1, 600), pod("b", 1000, 1, 600))).isCloseTo(600, within(1e-6));
  }

  @Test
  void sharingPodsShareTheOnlyGpuOfANode() {
    // each asks the node's one GPU, but a fraction of it: both fit

    assertThat(bound(ONE_GPU, pod("a", 1000, 1, 300), pod("b", 1000, 1, 300))).isCloseTo(600, within(1e-6));
  }

  @Test
  void threePodsOfFourTenthsFitTwoToAGpu() {
    // no size is above half a GPU, so only the Fekete–Schepers cut (k = 2: each counts 500) sees this

    assertThat(bound(ONE_GPU, pod("a", 1000, 1, 400), pod("b", 1000, 1, 400), pod("c", 1000, 1, 400)))
        .isCloseTo(800, within(1e-6));
  }

  @Test
  void leftoversTooSmallForTheSmallPodsAreCountedAsLost() {
    // two GPUs; three pods of 810 and three of 250: each GPU holds at most one 810 (its 190 left is too small
    // for a 250) or up to four 250s; best: two 810s = 1620, or 810 + 3 x 250 = 1560
    var twoGpus = List.of(Node.uniform("n", 64000, 1024, 2, "T4"));

    double bound = bound(twoGpus, pod("a", 1000, 1, 810), pod("b", 1000, 1, 810), pod("c", 1000, 1, 810),
        pod("d", 1000, 1, 250), pod("e", 1000, 1, 250), pod("f", 1000, 1, 250));

    assertThat(bound).isGreaterThanOrEqualTo(1620 - 1e-6).isLessThan(2000 - 1);
  }

  @Test
  void cpuOfTheNodeLimitsWholeGpuPods() {
    // 2 GPUs and 8 cores: two 1-GPU pods of 6 cores cannot both run; the CPU LP alone would allow 1333 milli
    var node = List.of(Node.uniform("n", 8000, 1024, 2, "T4"));

    assertThat(bound(node, pod("a", 6000, 1, 1000), pod("b", 6000, 1, 1000))).isCloseTo(1000, within(1e-6));
  }

  @Test
  void aPodTiedToAModelTheClusterLacksPlacesNothing() {
    var node = List.of(Node.uniform("n", 8000, 1024, 2, "T4"));

    assertThat(bound(node, pod("a", 1000, 1, 1000, "V100"))).isZero();
    assertThat(bound(node, pod("a", 1000, 1, 1000, "V100", "T4"))).isCloseTo(1000, within(1e-6));
  }

  @Test
  void aPodLargerThanEveryNodePlacesNothingAndCpuOnlyPodsAddNothing() {
    var nodes = List.of(Node.uniform("n", 8000, 1024, 4, "T4"), Node.uniform("m", 8000, 1024, 4, "T4"));

    assertThat(bound(nodes, pod("a", 1000, 8, 1000), pod("c", 4000, 0, 0))).isZero();
  }

  @Test
  void twoPodsOfMoreThanHalfANodesGpusNeedTwoNodes() {
    // 3-GPU pods on 4-GPU nodes: one per node, whatever GPU milli is left
    var nodes = List.of(Node.uniform("n", 64000, 1024, 4, "T4"), Node.uniform("m", 64000, 1024, 4, "T4"));

    assertThat(bound(nodes, pod("a", 1000, 3, 1000), pod("b", 1000, 3, 1000), pod("c", 1000, 3, 1000)))
        .isCloseTo(6000, within(1e-6));
  }

  @Test
  void theBoundAt100CountsOnlyThePodsArrivedByThen() {
    // capacity 4 GPUs; four one-GPU arrivals bring arrived to 100 %, two of them tied to a model the cluster
    // lacks; the fifth (125 %) would fit but arrives too late to count
    var nodes = List.of(Node.uniform("n", 64000, 1024, 4, "T4"));
    var arrivals = List.of(pod("a", 1000, 1, 1000, "V100"), pod("b", 1000, 1, 1000), pod("c", 1000, 1, 1000, "V100"),
        pod("d", 1000, 1, 1000), pod("late", 1000, 1, 1000));

    assertThat(OfflineBound.prefixLength(arrivals, 4000)).isEqualTo(4);
    assertThat(OfflineBound.unallocatedPctAt100(nodes, arrivals)).isCloseTo(50, within(1e-6));
  }
}
