package dev.sluice.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SluicePolicyTest {
  private static final NodeType G2 = new NodeType("G2", 96_000, 1_000_000, 8);
  private static final NodeType T4 = new NodeType("T4", 104_000, 1_000_000, 2);

  /** One kind: 11.3 cores and one whole GPU, every pod. */
  private static final TargetWorkload ONE_GPU_PODS =
      new TargetWorkload(List.of(new TargetWorkload.PodKind(11_300, 1, 1000, Set.of(), 1)));

  /** Half one-GPU pods of 11.3 cores, half CPU-only pods of 12 cores: 8 GPUs' request brings 186 cores. */
  private static final TargetWorkload CPU_HEAVY = new TargetWorkload(List.of(
      new TargetWorkload.PodKind(11_300, 1, 1000, Set.of(), 0.5), new TargetWorkload.PodKind(12_000, 0, 0, Set.of(), 0.5)));

  private static PodShape pod(long cpu, int gpus, int milli) {
    return new PodShape(cpu, 0, gpus, milli, Set.of());
  }

  private static NodeState node(NodeType type, long freeCpu, Integer... freeGpu) {
    return new NodeState(type, freeCpu, 1_000_000, List.of(freeGpu), 1);
  }

  @Test
  void anEmptyNodeWithEnoughCpuForEveryGpuStrandsNothing() {
    var measure = new StrandedFragmentation(ONE_GPU_PODS, true).of(NodeState.empty(G2));
    // 96000 / 11300 = 8 pods for 8 GPUs
    assertThat(measure.fragment()).isZero();
    assertThat(measure.stranded()).isZero();
  }

  @Test
  void gpusBeyondWhatTheCpuCanFeedAreStranded() {
    // 30000 free CPU feeds 2 pods of 11.3 cores; the other 6 free GPUs are stranded. FGD sees no fragment.
    var measure = new StrandedFragmentation(ONE_GPU_PODS, true).of(node(G2, 30_000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000));
    assertThat(measure.fragment()).isZero();
    assertThat(measure.stranded()).isEqualTo(6000);
  }

  @Test
  void theRoomiestGpusAreTheStrandedOnesAndTooSmallOnesAreFgdFragment() {
    var sharing = new TargetWorkload(List.of(new TargetWorkload.PodKind(10_000, 1, 500, Set.of(), 1)));
    // free GPUs 300 (too small: fragment), 600, 700, 1000; CPU for 2 pods: they take 600 and 700, 1000 is stranded
    var fourGpus = new NodeType("T4", 104_000, 1_000_000, 4);
    var measure = new StrandedFragmentation(sharing, false).of(node(fourGpus, 25_000, 300, 1000, 600, 700));
    assertThat(measure.fragment()).isEqualTo(300);
    assertThat(measure.stranded()).isEqualTo(1000);
  }

  @Test
  void aNodeThatCannotHostTheKindIsAllFragmentAndStrandsNothing() {
    // 10000 free CPU < 11300: FGD's "not enough CPU" case
    var measure = new StrandedFragmentation(ONE_GPU_PODS, true).of(node(G2, 10_000, 1000, 1000, 0, 0, 0, 0, 0, 0));
    assertThat(measure.fragment()).isEqualTo(2000);
    assertThat(measure.stranded()).isZero();
  }

  @Test
  void theFreshBaselineForgivesWhatAnEmptyNodeOfTheTypeCanNeverReach() {
    var heavy = new TargetWorkload(List.of(new TargetWorkload.PodKind(24_200, 1, 1000, Set.of(), 1)));
    // an empty G2 feeds 96000 / 24200 = 3 such pods; 5 GPUs are out of reach from the start
    assertThat(new StrandedFragmentation(heavy, false).of(NodeState.empty(G2)).stranded()).isEqualTo(5000);
    assertThat(new StrandedFragmentation(heavy, true).of(NodeState.empty(G2)).stranded()).isZero();
    // with 50000 CPU and 6 free GPUs: 2 pods reachable + 5 forgiven = 7 >= 6, nothing stranded
    assertThat(new StrandedFragmentation(heavy, true).of(node(G2, 50_000, 1000, 1000, 1000, 1000, 1000, 1000, 0, 0))
        .stranded()).isZero();
    // with 30000 CPU and 8 free GPUs: 1 pod + 5 forgiven = 6 of 8 reachable
    var tight = new StrandedFragmentation(heavy, true).of(node(G2, 30_000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000));
    assertThat(tight.stranded()).isEqualTo(2000);
  }

  @Test
  void fragmentMatchesFgdsMeasure() {
    var workload = new TargetWorkload(List.of(
        new TargetWorkload.PodKind(3152, 1, 810, Set.of(), 0.5),
        new TargetWorkload.PodKind(11_300, 1, 1000, Set.of(), 0.3),
        new TargetWorkload.PodKind(12_500, 0, 0, Set.of(), 0.2)));
    var state = node(G2, 40_000, 1000, 190, 1000, 500, 0, 1000, 1000, 1000);
    assertThat(new StrandedFragmentation(workload, true).of(state).fragment())
        .isCloseTo(new Fragmentation(workload).of(state), within(1e-9));
  }

  @Test
  void theCpuFragmentIsTheFreeCpuOfTheKindsTheNodeCannotHost() {
    var workload = new TargetWorkload(List.of(
        new TargetWorkload.PodKind(11_300, 1, 1000, Set.of(), 0.5),
        new TargetWorkload.PodKind(4_000, 1, 500, Set.of(), 0.3),
        new TargetWorkload.PodKind(12_000, 0, 0, Set.of(), 0.2)));
    var measure = new StrandedFragmentation(workload, true);
    assertThat(measure.of(NodeState.empty(G2)).cpuFragment()).as("every kind fits").isZero();
    // every GPU taken: the 40 cores serve CPU-only pods alone
    assertThat(measure.of(node(G2, 40_000, 0, 0, 0, 0, 0, 0, 0, 0)).cpuFragment()).isCloseTo(0.8 * 40_000, within(1e-6));
    // one GPU with 600 milli: the sharing kind fits, the one-GPU kind does not
    assertThat(measure.of(node(G2, 40_000, 600, 0, 0, 0, 0, 0, 0, 0)).cpuFragment()).isCloseTo(0.5 * 40_000, within(1e-6));
    // 10 cores: only the sharing kind fits
    assertThat(measure.of(node(G2, 10_000, 1000, 1000, 0, 0, 0, 0, 0, 0)).cpuFragment()).isCloseTo(0.7 * 10_000, within(1e-6));
    // a GPU model the kind may not use
    var a100Only = new TargetWorkload(List.of(new TargetWorkload.PodKind(1_000, 1, 1000, Set.of("A100"), 1)));
    assertThat(new StrandedFragmentation(a100Only, true).of(NodeState.empty(T4)).cpuFragment()).isEqualTo(104_000);
  }

  @Test
  void cpuIsPricedOnlyWhereItRunsOutBeforeTheGpus() {
    var nodes = List.of(Node.uniform("g2", 96_000, 1 << 20, 8, "G2"));
    // one-GPU pods of 11.3 cores: 90 of 96 cores at 8 GPUs' request; the GPUs bind
    assertThat(CpuPrice.of(ONE_GPU_PODS, nodes)).isZero();
    // half of the pods CPU-only with 12 cores: 8 GPUs' request brings 16 · 11.65 = 186 cores; CPU binds, and a CPU
    // milli is worth (0.5 · 1000) / (0.5 · 11300 + 0.5 · 12000) GPU milli
    assertThat(CpuPrice.of(CPU_HEAVY, nodes)).isCloseTo(500.0 / 11_650, within(1e-12));
  }

  @Test
  void thePriceStartsWhereTheCpuAskedPassesTheClustersCpu() {
    var nodes = List.of(Node.uniform("g2", 96_000, 1 << 20, 8, "G2"));
    // 12 cores per GPU on a node of 12 cores per GPU: R = 1, the CPU runs out with the GPUs, no price
    var even = new TargetWorkload(List.of(new TargetWorkload.PodKind(12_000, 1, 1000, Set.of(), 1)));
    assertThat(CpuPrice.of(even, nodes)).isZero();
    var over = new TargetWorkload(List.of(new TargetWorkload.PodKind(12_001, 1, 1000, Set.of(), 1)));
    assertThat(CpuPrice.of(over, nodes)).isCloseTo(1000.0 / 12_001, within(1e-12));
  }

  @Test
  void thePriceReadsTheWholeTableAndTheWholeCluster() {
    var g2 = Node.uniform("g2", 96_000, 1 << 20, 8, "G2");
    // FGD's target may leave the CPU-only kind out; the price still counts it
    var targetWithoutCpuOnly = new TargetWorkload(List.of(new TargetWorkload.PodKind(11_300, 1, 1000, Set.of(), 1)),
        CPU_HEAVY.allKinds());
    assertThat(CpuPrice.of(targetWithoutCpuOnly, List.of(g2))).isCloseTo(500.0 / 11_650, within(1e-12));
    // a CPU-only node of 96 cores halves the CPU asked per CPU: R = 0.97, no price
    assertThat(CpuPrice.of(CPU_HEAVY, List.of(g2, Node.uniform("cpu", 96_000, 1 << 20, 0, "")))).isZero();
    var cpuOnlyPods = new TargetWorkload(List.of(new TargetWorkload.PodKind(12_000, 0, 0, Set.of(), 1)));
    assertThat(CpuPrice.of(cpuOnlyPods, List.of(g2))).as("no GPU pods").isZero();
    assertThat(CpuPrice.of(CPU_HEAVY, List.of(Node.uniform("cpu", 96_000, 1 << 20, 0, "")))).as("no GPUs").isZero();
  }

  @Test
  void scoredWithoutAClusterTheCpuCostsNothing() {
    var alone = new SluicePolicy(CPU_HEAVY);
    var unpriced = PlacementPolicies.named("sluice-no-cpu-fragment", CPU_HEAVY, new SplittableRandom(1));
    var gpusTaken = node(G2, 40_000, 0, 0, 0, 0, 0, 0, 0, 0);
    var cpuOnly = pod(12_000, 0, 0);
    assertThat(alone.score(gpusTaken, cpuOnly)).isEqualTo(((ScoringPolicy) unpriced).score(gpusTaken, cpuOnly));
  }

  @Test
  void whereCpuBindsACpuOnlyPodTakesTheCpuThatGpuPodsCannotUse() {
    var cpuOnly = new PodRequest("c", 12_000, 0, 0, 0, Set.of());
    // t4-0 comes first in the tie order and is empty; g2-0 has every GPU taken and 40 cores left
    for (var name : List.of("sluice", "sluice-no-cpu-fragment")) {
      var cluster = new ClusterState(List.of(Node.uniform("t4-0", 104_000, 1 << 20, 2, "T4"),
          Node.uniform("g2-0", 96_000, 1 << 20, 8, "G2")));
      for (int gpu = 0; gpu < 8; gpu++) cluster.assign(1, pod(7_000, 1, 1000), new int[] {gpu});
      var placer = new Placer(PlacementPolicies.named(name, CPU_HEAVY, new SplittableRandom(1)), cluster);
      var placed = (Decision.Placed) placer.decide(cpuOnly);
      // without the CPU fragment both nodes tie (FGD 50, nothing stranded) and the tie order decides
      assertThat(placed.nodeName()).as(name).isEqualTo(name.equals("sluice") ? "g2-0" : "t4-0");
    }
  }

  @Test
  void aCpuOnlyPodGoesWhereItStrandsNoGpus() {
    var sluice = new SluicePolicy(ONE_GPU_PODS);
    var cpuOnly = pod(32_000, 0, 0);
    // FGD: no kind stops fitting on either node, ΔF = 0, score 50 on both: a tie.
    var fgd = new FgdPolicy(ONE_GPU_PODS);
    assertThat(fgd.score(NodeState.empty(G2), cpuOnly)).isEqualTo(50);
    assertThat(fgd.score(NodeState.empty(T4), cpuOnly)).isEqualTo(50);
    // Sluice: on the G2, 64000 CPU is left for 8 GPUs, 5 pods' worth: 3000 milli stranded,
    // trunc(100 · sigmoid(−3)) = 4; on the T4, 72000 CPU still feeds both GPUs: 50.
    assertThat(sluice.score(NodeState.empty(G2), cpuOnly)).isEqualTo(50_004);
    assertThat(sluice.score(NodeState.empty(T4), cpuOnly)).isEqualTo(50_050);
  }

  @Test
  void fgdsScoreStillComesFirst() {
    var sluice = new SluicePolicy(ONE_GPU_PODS);
    var fgd = new FgdPolicy(ONE_GPU_PODS);
    var onePod = pod(11_300, 1, 1000);
    for (var state : List.of(NodeState.empty(G2), node(G2, 30_000, 1000, 1000, 1000, 0, 0, 0, 0, 0),
        node(T4, 20_000, 1000, 0))) {
      assertThat(sluice.score(state, onePod) / 1000).isEqualTo(fgd.score(state, onePod));
    }
  }

  @Test
  void withoutStrandingOrProtectionItIsFgd() {
    var workload = new TargetWorkload(List.of(
        new TargetWorkload.PodKind(3152, 1, 810, Set.of(), 0.6),
        new TargetWorkload.PodKind(11_300, 1, 1000, Set.of(), 0.4)));
    var plain = new SluicePolicy("x", workload, SluicePolicy.Options.DEFAULT.without(SluicePolicy.Switch.STRANDING, SluicePolicy.Switch.PROTECTION, SluicePolicy.Switch.CPU_FRAGMENT));
    var fgd = new FgdPolicy(workload);
    var state = node(G2, 40_000, 1000, 190, 1000, 500, 0, 1000, 1000, 1000);
    for (var p : List.of(pod(3152, 1, 810), pod(4000, 1, 320), pod(11_300, 1, 1000), pod(8000, 0, 0), pod(20_000, 2, 1000))) {
      assertThat(plain.score(state, p)).isEqualTo(fgd.score(state, p));
      assertThat(plain.chooseGpus(state, p)).isEqualTo(fgd.chooseGpus(state, p));
    }
  }

  @Test
  void isRegisteredWithItsAblations() {
    // stranding, fresh baseline, tie-break only, protection, CPU fragment, sharing GPU excused
    var expected = new LinkedHashMap<String, SluicePolicy.Options>();
    expected.put("sluice", new SluicePolicy.Options(true, true, true, true, true, true));
    expected.put("sluice-no-protection", new SluicePolicy.Options(true, true, true, false, true, true));
    expected.put("sluice-no-stranding", new SluicePolicy.Options(false, true, true, true, true, true));
    expected.put("sluice-no-baseline", new SluicePolicy.Options(true, false, true, true, true, true));
    expected.put("sluice-blended", new SluicePolicy.Options(true, true, false, true, true, true));
    expected.put("sluice-no-cpu-fragment", new SluicePolicy.Options(true, true, true, true, false, true));
    expected.put("sluice-protection-only", new SluicePolicy.Options(false, true, true, true, false, true));
    expected.put("sluice-share-counted", new SluicePolicy.Options(true, true, true, true, true, false));
    expected.put("sluice-fgd", new SluicePolicy.Options(false, true, true, false, false, true));
    assertThat(PlacementPolicies.SLUICE).containsExactlyElementsOf(expected.keySet());
    for (var name : PlacementPolicies.SLUICE) {
      var policy = PlacementPolicies.named(name, ONE_GPU_PODS, new SplittableRandom(1));
      assertThat(policy).isInstanceOf(SluicePolicy.class);
      assertThat(policy.name()).isEqualTo(name);
      assertThat(((SluicePolicy) policy).options()).as(name).isEqualTo(expected.get(name));
    }
  }
}
