package dev.sluice.core.placement;

import static dev.sluice.core.placement.Nodes.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;
import dev.sluice.core.placement.TargetWorkload.PodKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HostScarcityTest {
  private static final NodeType G3 = new NodeType("G3", 128_000, 1 << 20, 8);
  private static final PodKind ONE_GPU = new PodKind(8_000, 1, 1000, Set.of(), 0.6);
  private static final PodKind SHARING = new PodKind(4_000, 1, 500, Set.of(), 0.3);
  /** Rare, and only the 128-core nodes can host it. */
  private static final PodKind WHOLE_G3 = new PodKind(120_000, 8, 1000, Set.of(), 0.1);
  /** FGD's target covers the two frequent kinds; the whole table has the rare one too. */
  private static final TargetWorkload WORKLOAD = new TargetWorkload(
      List.of(new PodKind(8_000, 1, 1000, Set.of(), 2.0 / 3), new PodKind(4_000, 1, 500, Set.of(), 1.0 / 3)),
      List.of(ONE_GPU, SHARING, WHOLE_G3));

  /** {@code g3} nodes of 128 cores first in the tie order, then {@code g2} of 96 cores, all with 8 GPUs. */
  private static ClusterState cluster(int g3, int g2) {
    var nodes = new ArrayList<Node>();
    for (int i = 0; i < g3; i++) nodes.add(Node.uniform("g3-" + i, 128_000, 1 << 20, 8, "G3"));
    for (int i = 0; i < g2; i++) nodes.add(Node.uniform("g2-" + i, 96_000, 1 << 20, 8, "G2"));
    return new ClusterState(nodes);
  }

  /** Scarcity following {@code cluster}, refreshed once. */
  private static HostScarcity trackedOn(ClusterState cluster) {
    var scarcity = new HostScarcity(WORKLOAD, true);
    scarcity.track(cluster);
    scarcity.refresh();
    return scarcity;
  }

  @Test
  void slotsAreBoundByCpuAndByGpuRoom() {
    // 128 cores: one pod of 120 cores; after a one-GPU pod, 7 GPUs: none
    assertThat(HostScarcity.slots(G3, 128_000, new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, WHOLE_G3)).isEqualTo(1);
    assertThat(HostScarcity.slots(G3, 120_000, new int[] {0, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, WHOLE_G3)).isZero();
    // sharing pods of 500 milli: 2 + 1 + 0 by GPU room, 10 cores feed 2 of 4 cores
    assertThat(HostScarcity.slots(G3, 10_000, new int[] {1000, 600, 300, 0, 0, 0, 0, 0}, SHARING)).isEqualTo(2);
    assertThat(HostScarcity.slots(G3, 100_000, new int[] {1000, 600, 300, 0, 0, 0, 0, 0}, SHARING)).isEqualTo(3);
    var a100Only = new PodKind(1_000, 1, 1000, Set.of("A100"), 1);
    assertThat(HostScarcity.slots(G3, 128_000, new int[] {1000}, a100Only)).isZero();
  }

  @Test
  void aRareKindIsScarceWhenItsHostsAreNoMoreThanItsExpectedPods() {
    // capacity 6 × 8000 milli; mean GPU milli per pod 0.6·1000 + 0.3·500 + 0.1·8000 = 1550: 30.97 pods to come,
    // 3.1 of them of 120 cores, for 2 hosts: scarce. One-GPU slots (48) exceed their demand
    // ((0.6 + 0.1·8) · 30.97 = 43.4), sharing slots (96) theirs (52.6).
    var scarcity = new HostScarcity(WORKLOAD, true);
    scarcity.track(cluster(2, 4));
    assertThat(scarcity.refresh()).as("changed").isEqualTo(1);
    assertThat(scarcity.scarceKinds()).containsExactly(WHOLE_G3);
    assertThat(scarcity.refresh()).as("unchanged").isEqualTo(1);

    var scarcityWithMoreHosts = new HostScarcity(WORKLOAD, true);
    scarcityWithMoreHosts.track(cluster(4, 2)); // 4 hosts for 3.1 pods
    assertThat(scarcityWithMoreHosts.refresh()).isZero();
    assertThat(scarcityWithMoreHosts.scarceKinds()).isEmpty();
  }

  @Test
  void breakingAScarceKindsHostCostsThePodItWouldHaveHeld() {
    var cluster = cluster(2, 4);
    var scarcity = trackedOn(cluster);
    var freshG3 = NodeState.empty(G3);
    var sevenFree = new int[] {0, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    // a one-GPU pod on an empty G3 takes its only 120-core slot: 8 GPUs of demand turned away
    assertThat(scarcity.lostMilli(freshG3, pod(8_000, 1, 1000), 120_000, sevenFree)).isEqualTo(8000);
    // the same pod on an empty G2 takes nothing a scarce kind could use
    var freshG2 = cluster.state(2);
    assertThat(scarcity.lostMilli(freshG2, pod(8_000, 1, 1000), 88_000, sevenFree)).isZero();
    // a 120-core pod is that demand itself
    assertThat(scarcity.lostMilli(freshG3, pod(120_000, 8, 1000), 8_000, new int[8])).isZero();
  }

  /**
   * What a 4-core pod of 500 milli costs on an empty G3 (one GPU left half free, 124 cores: the 120-core slot
   * stays by CPU, not by GPUs) while {@code scarceKind} is the one kind scarce.
   */
  private static double halfGpuOnFreshG3(TargetWorkload workload, ClusterState cluster, boolean sharingGpuExcused,
                                         PodKind scarceKind) {
    var scarcity = new HostScarcity(workload, sharingGpuExcused);
    scarcity.track(cluster);
    scarcity.refresh();
    assertThat(scarcity.scarceKinds()).containsExactly(scarceKind);
    var halfFree = new int[] {500, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    return scarcity.lostMilli(NodeState.empty(G3), pod(4_000, 1, 500), 124_000, halfFree);
  }

  @Test
  void aSharingPodIsNotChargedForTheGpuSideOfUntiedKindsWhileGpusBind() {
    // GPUs bind (R = (18 cores / 1550 milli) / (640 cores / 48000 milli) = 0.87): the half GPU leaves 7 whole
    // GPUs, one short of the 120-core kind's 8; the 124 cores left still feed the kind, so nothing is charged
    assertThat(halfGpuOnFreshG3(WORKLOAD, cluster(2, 4), true, WHOLE_G3)).isZero();
    assertThat(halfGpuOnFreshG3(WORKLOAD, cluster(2, 4), false, WHOLE_G3)).as("switched off").isEqualTo(8000);
    // taken by CPU, the slot costs the pod it would have held either way
    var scarcity = trackedOn(cluster(2, 4));
    var halfFree = new int[] {500, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    assertThat(scarcity.lostMilli(NodeState.empty(G3), pod(10_000, 1, 500), 118_000, halfFree)).isEqualTo(8000);
    // a kind tied to GPU models is charged in full
    var tiedToG3 = new PodKind(120_000, 8, 1000, Set.of("G3"), 0.1);
    var tied = new TargetWorkload(WORKLOAD.kinds(), List.of(ONE_GPU, SHARING, tiedToG3));
    assertThat(halfGpuOnFreshG3(tied, cluster(2, 4), true, tiedToG3)).isEqualTo(8000);
    // CPU binds (CPU-only pods of 64 cores: R = (34.8 / 1250) / (512 / 40000) = 2.17): every kind is charged in full
    var cpuHeavy = new TargetWorkload(WORKLOAD.kinds(), List.of(new PodKind(8_000, 1, 1000, Set.of(), 0.3), SHARING,
        WHOLE_G3, new PodKind(64_000, 0, 0, Set.of(), 0.3)));
    assertThat(halfGpuOnFreshG3(cpuHeavy, cluster(1, 4), true, WHOLE_G3)).isEqualTo(8000);
  }

  @Test
  void aSharingPodExcusedTheGpuSideStillTakesItsOwnSlotOfTheKindItServes() {
    // one kind, 500 milli and 4 cores; a 6-core node with 8 GPUs feeds 1 pod, a 1000-core node with 1 GPU 2:
    // 3 slots for 18 pods to come (9000 milli / 500), scarce; R = 8 / (1006000 / 9000) = 0.07, GPUs bind
    var halves = new PodKind(4_000, 1, 500, Set.of(), 1);
    var cluster = new ClusterState(List.of(Node.uniform("small", 6_000, 1 << 20, 8, "G3"),
        Node.uniform("big", 1_000_000, 1 << 20, 1, "G3")));
    var scarcity = new HostScarcity(new TargetWorkload(List.of(halves)), true);
    scarcity.track(cluster);
    scarcity.refresh();
    assertThat(scarcity.scarceKinds()).containsExactly(halves);
    var small = cluster.state(0);
    var halfFree = new int[] {500, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    // its CPU takes the node's one slot, which is its own
    assertThat(scarcity.lostMilli(small, pod(4_000, 1, 500), 2_000, halfFree)).isZero();
    // a smaller pod is not the kind's demand: the slot its CPU takes is a pod of 500 milli turned away
    var sevenTenthsFree = new int[] {700, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    assertThat(scarcity.lostMilli(small, pod(4_000, 1, 300), 2_000, sevenTenthsFree)).isEqualTo(500);
  }

  @Test
  void slotsFollowTheClusterAndScarcityEndsWhenTheDemandIsGone() {
    var cluster = cluster(2, 4);
    var scarcity = trackedOn(cluster);
    // fill three G2s with one-GPU pods: the pods still to come shrink (24 · 1000 milli left: 15.5 pods, 1.55
    // of 120 cores) below the 2 hosts, so nothing is scarce any more
    for (int node = 2; node < 5; node++) {
      for (int gpu = 0; gpu < 8; gpu++) cluster.assign(node, pod(8_000, 1, 1000), new int[] {gpu});
    }
    assertThat(scarcity.refresh()).isEqualTo(2);
    assertThat(scarcity.scarceKinds()).isEmpty();
    // one G3 broken: one host left for 1.48 pods of 120 cores: scarce again
    cluster.assign(0, pod(8_000, 1, 1000), new int[] {0});
    assertThat(scarcity.refresh()).isEqualTo(3);
    assertThat(scarcity.scarceKinds()).containsExactly(WHOLE_G3);
  }

  @Test
  void podsBeyondTheFreeCpuAreNotDemand() {
    // as above, 2 hosts for 3.1 pods of 120 cores by GPU milli; but CPU-only pods hold 90 cores of every G2:
    // 2 · 128 + 4 · 6 = 280 cores free, mean CPU per pod 0.6 · 8 + 0.3 · 4 + 0.1 · 120 = 18 cores, so 15.6
    // pods can still come, 1.56 of them of 120 cores: fewer than the hosts, not scarce. (The one-GPU kind is, now:
    // (0.6 + 0.1 · 8) · 15.6 = 21.8 pods of 8 cores for the 2 · 8 slots the G3s' GPUs and CPU leave.)
    var cluster = cluster(2, 4);
    var scarcity = trackedOn(cluster);
    assertThat(scarcity.scarceKinds()).containsExactly(WHOLE_G3);
    for (int node = 2; node < 6; node++) cluster.assign(node, pod(90_000, 0, 0), new int[0]);
    scarcity.refresh();
    assertThat(scarcity.scarceKinds()).containsExactly(ONE_GPU);
  }

  @Test
  void podsThatAskNoCpuAreBoundByTheGpusAlone() {
    // no kind asks CPU: 8-GPU pods are 0.2 of 2250 milli per pod; 2 hosts, 16000 milli: 1.42 such pods to come,
    // not scarce; one host broken: 15000 / 2250 · 0.2 = 1.33 pods for 1 host, scarce
    var whole = new PodKind(0, 8, 1000, Set.of(), 0.2);
    var workload = new TargetWorkload(List.of(new PodKind(0, 1, 1000, Set.of(), 0.5), new PodKind(0, 1, 500, Set.of(), 0.3), whole));
    var cluster = cluster(0, 2);
    var scarcity = new HostScarcity(workload, true);
    scarcity.track(cluster);
    scarcity.refresh();
    assertThat(scarcity.scarceKinds()).isEmpty();
    cluster.assign(0, pod(0, 1, 1000), new int[] {0});
    scarcity.refresh();
    assertThat(scarcity.scarceKinds()).containsExactly(whole);
  }

  @Test
  void sluiceKeepsTheScarceHostsWhereFgdsTiesWouldTakeThem() {
    var onePod = new PodRequest("p", 8_000, 0, 1, 1000, Set.of());
    // both empty node types score the same under FGD and strand nothing: the tie order (G3 first) decides
    var plain = new Placer(PlacementPolicies.named("sluice-no-protection", WORKLOAD, new SplittableRandom(1)), cluster(2, 4));
    assertThat(((Decision.Placed) plain.decide(onePod)).nodeName()).isEqualTo("g3-0");
    var sluice = new Placer(PlacementPolicies.named("sluice", WORKLOAD, new SplittableRandom(1)), cluster(2, 4));
    assertThat(((Decision.Placed) sluice.decide(onePod)).nodeName()).isEqualTo("g2-0");
  }

  @Test
  void theScoresRememberedBeforeAKindBecameScarceAreNotReused() {
    // 4 hosts for 56000 / 15500 = 3.61 pods of 120 cores: not scarce; the first 5-GPU pod ties everywhere and
    // breaks g3-0. Then 3 hosts for 51000 / 15500 = 3.29 pods: scarce, so the same shape, which no longer fits
    // g3-0, must go to a G2 although the placer scored the empty G3s for it before.
    var cluster = cluster(4, 3);
    var placer = new Placer(PlacementPolicies.named("sluice", WORKLOAD, new SplittableRandom(1)), cluster);
    var fiveGpus = new PodRequest("p", 70_000, 0, 5, 1000, Set.of());
    var first = (Decision.Placed) placer.decide(fiveGpus);
    assertThat(first.nodeName()).isEqualTo("g3-0");
    cluster.assign(first.nodeIndex(), fiveGpus.shape(), first.gpuArray());
    assertThat(((Decision.Placed) placer.decide(fiveGpus)).nodeName()).isEqualTo("g2-0");
  }

  @Test
  void aKindWithNoRoomLeftIsNotScarceAndDoesNotDiluteTheCost() {
    // an A100-only kind: no node has A100s, so it has no slots and nothing to protect
    var a100 = new PodKind(4_000, 1, 1000, Set.of("A100"), 0.1);
    var workload = new TargetWorkload(WORKLOAD.kinds(), List.of(ONE_GPU, SHARING, WHOLE_G3, a100));
    var scarcity = new HostScarcity(workload, true);
    scarcity.track(cluster(2, 4));
    scarcity.refresh();
    assertThat(scarcity.scarceKinds()).containsExactly(WHOLE_G3);
    var sevenFree = new int[] {0, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    assertThat(scarcity.lostMilli(NodeState.empty(G3), pod(8_000, 1, 1000), 120_000, sevenFree)).isEqualTo(8000);
  }

  @Test
  void aPodServesAKindOnlyWithinTheKindsGpuModelsAndTakesItsOwnSlotsOfIt() {
    var g3Only = new PodKind(8_000, 1, 1000, Set.of("G3"), 1);
    var halves = new PodKind(4_000, 1, 500, Set.of(), 1);
    var node = NodeState.empty(G3);
    var sevenFree = new int[] {0, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    var anyModel = new PodShape(8_000, 0, 1, 1000, Set.of());
    var onG3 = new PodShape(8_000, 0, 1, 1000, Set.of("G3"));
    assertThat(HostScarcity.ownSlotsIfServing(anyModel, g3Only)).as("a pod of any model is not G3-only demand").isZero();
    assertThat(HostScarcity.ownSlotsIfServing(onG3, g3Only)).isEqualTo(1);
    // a whole GPU is two slots of a half-GPU kind; three GPUs are two slots of a two-GPU kind
    assertThat(HostScarcity.ownSlotsIfServing(anyModel, halves)).isEqualTo(2);
    assertThat(HostScarcity.ownSlotsIfServing(new PodShape(8_000, 0, 3, 1000, Set.of()), new PodKind(8_000, 2, 1000, Set.of(), 1)))
        .isEqualTo(2);
    assertThat(HostScarcity.ownSlotsIfServing(new PodShape(8_000, 0, 0, 0, Set.of()), halves)).as("CPU only").isZero();
    assertThat(HostScarcity.slots(node.type(), 120_000, sevenFree, halves)).isEqualTo(14);
  }

  @Test
  void slotsStayEqualToARecountThroughAssignsReleasesAndReplaces() {
    var random = new SplittableRandom(7);
    for (int world = 0; world < 30; world++) {
      var nodes = RandomClusters.nodes(random, 1 + random.nextInt(10));
      var pods = RandomClusters.pods(random, 200);
      var workload = TargetWorkload.of(pods, 0.95);
      var cluster = new ClusterState(nodes);
      var tracked = new HostScarcity(workload, true);
      tracked.track(cluster);
      var placed = new ArrayList<Object[]>();
      for (var pod : pods.subList(0, 60)) {
        int node = random.nextInt(nodes.size());
        var state = cluster.state(node);
        if (state.fit(pod.shape()) == dev.sluice.core.model.Fit.FITS) {
          var gpus = GpuChoice.standard(state, pod.shape());
          cluster.assign(node, pod.shape(), gpus);
          placed.add(new Object[] {node, pod.shape(), gpus});
        }
        if (!placed.isEmpty() && random.nextInt(4) == 0) {
          var gone = placed.remove(random.nextInt(placed.size()));
          cluster.release((int) gone[0], (PodShape) gone[1], (int[]) gone[2]);
        }
        if (random.nextInt(10) == 0) {
          int other = random.nextInt(nodes.size());
          cluster.replace(other, cluster.state(other));
        }
      }
      var recount = new HostScarcity(workload, true);
      recount.track(new ClusterState(cluster.snapshot(), TieOrder.identity(nodes.size())));
      assertThat(tracked.slots()).as("world " + world).isEqualTo(recount.slots());
      long freeCpu = 0;
      for (int node = 0; node < nodes.size(); node++) freeCpu += cluster.state(node).freeCpuMilli();
      assertThat(cluster.freeCpuMilli()).as("world " + world).isEqualTo(freeCpu);
    }
  }

  @Test
  void aPolicyServesOneCluster() {
    var policy = (ScoringPolicy) PlacementPolicies.named("sluice", WORKLOAD, new SplittableRandom(1));
    var first = cluster(1, 1);
    new Placer(policy, first);
    assertThatThrownBy(() -> new Placer(policy, cluster(1, 1))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one cluster");
  }
}
