package dev.sluice.k8s.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.scheduler.TopologyConstraint;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What users may write into their own objects must not stall the cycle, hide GPUs, or free them of quota. */
class HostileInputTest {
  private final SnapshotReader reader = new SnapshotReader(K8sConfig.defaults());
  private final List<Node> nodes = new ArrayList<>(List.of(TestPods.node("n1", "64", "256Gi", 8, "H100", 81_559)));
  private final List<Pod> pods = new ArrayList<>();
  private final List<PodGroupResource> groups = new ArrayList<>();
  private final List<QueueResource> queues = new ArrayList<>(List.of(queue("default", Map.of())));

  private static QueueResource queue(String name, Map<String, QueueResource.Terms> models) {
    var q = new QueueResource();
    q.getMetadata().setName(name);
    q.setSpec(new QueueResource.Spec(null, null, Map.of("gpu", new QueueResource.Terms(new Quantity("8"), null, null, null)), models));
    return q;
  }

  private ClusterRead read() {
    var objects = new ClusterObjects(nodes, pods, queues, groups, List.of(), List.of(), List.of());
    return reader.read(objects, Map.of(), UsageHistory.empty(0, Duration.ofHours(1)), 1_000);
  }

  private static Pod bound(PodBuilder pod) {
    return pod.editSpec().withNodeName("n1").endSpec().editStatus().withPhase("Running").endStatus().build();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void numbersWithHugeExponentsAreRefusedWithoutComputingThem() {
    pods.add(TestPods.fraction("ns", "tiny", "sluice.dev/gpu-fraction", "1e-100000000"));
    pods.add(TestPods.fraction("ns", "huge", "sluice.dev/gpu-memory", "1e100000000"));
    var read = read();
    assertThat(read.held()).extracting(g -> g.hold().code()).containsExactly("invalid-request", "invalid-request");
    assertThat(read.held()).allSatisfy(g -> assertThat(g.hold().message()).contains("metadata.annotations[sluice.dev/gpu-"));
  }

  @Test
  void aPodGroupAnnotationNoPodGroupCanHaveMakesNoIdOfAnotherGang() {
    for (int i = 0; i < 2; i++) {
      pods.add(bound(TestPods.pod("ns", "w" + i, "1", "1Gi", 1).editMetadata().addToAnnotations("sluice.dev/pod-group", "g").endMetadata()));
    }
    pods.add(bound(TestPods.pod("ns", "x", "1", "1Gi", 1).editMetadata().addToAnnotations("sluice.dev/pod-group", "g#extra/w1").endMetadata()));

    var read = read();

    assertThat(read.snapshot().running()).extracting(r -> r.id()).doesNotHaveDuplicates().contains("ns/pod/x");
    assertThat(read.held()).anySatisfy(g -> assertThat(g.hold().code()).isEqualTo("unknown-pod-group"));
  }

  @Test
  void runningPodsOfADeletedPodGroupStillCountAgainstTheirQueue() {
    for (int i = 0; i < 4; i++) {
      pods.add(bound(TestPods.pod("ns", "w" + i, "1", "1Gi", 2).editMetadata().addToAnnotations("sluice.dev/pod-group", "gone").endMetadata()));
    }
    var read = read();
    assertThat(read.snapshot().cluster().states().getFirst().fullyFreeGpus()).isZero();
    // with its group gone the gang's minimum is one pod: the three pods above it run as workloads of their own
    assertThat(read.snapshot().running()).allSatisfy(r -> assertThat(r.workload().queue()).isEqualTo("default"))
        .flatExtracting(r -> r.bindings()).hasSize(4);
    assertThat(read.snapshot().running()).extracting(r -> r.id())
        .containsExactly("ns/podgroup/gone", "ns/podgroup/gone#extra/w1", "ns/podgroup/gone#extra/w2", "ns/podgroup/gone#extra/w3");
  }

  @Test
  void podsOfOtherSchedulersHoldWhatTheirContainersAskWhateverTheirAnnotationsSay() {
    for (int i = 0; i < 8; i++) {
      pods.add(bound(TestPods.pod("ns", "cheap" + i, "10m", "10Mi", 0).editSpec().withSchedulerName("default-scheduler").endSpec()
          .editMetadata().addToAnnotations("sluice.dev/gpu-fraction", "0.001").endMetadata()));
    }
    pods.add(bound(TestPods.pod("ns", "real", "1", "1Gi", 1).editSpec().withSchedulerName("default-scheduler").endSpec()
        .editMetadata().addToAnnotations("sluice.dev/gpu-fraction", "0.5").endMetadata()));
    assertThat(read().snapshot().cluster().states().getFirst().fullyFreeGpus()).isEqualTo(7);
  }

  @Test
  void aRunningPodWhoseAnnotationWasEditedStillHoldsItsGpu() {
    pods.add(bound(TestPods.pod("ns", "first", "1", "1Gi", 8).editMetadata().addToAnnotations("sluice.dev/gpu-fraction", "oops").endMetadata()));
    assertThat(read().snapshot().cluster().states().getFirst().fullyFreeGpus()).isZero();
  }

  @Test
  void aQueueWithABlankGpuModelOrANodeWithAnAbsurdGpuCountIsOneProblemNotAFailedCycle() {
    queues.add(queue("odd", Map.of("", new QueueResource.Terms(new Quantity("1"), null, null, null))));
    nodes.add(new NodeBuilder(TestPods.node("liar", "8", "8Gi", 1, "L4", 1)).editStatus()
        .addToAllocatable("nvidia.com/gpu", new Quantity("100000000000")).endStatus().build());
    var read = read();
    assertThat(read.queueProblem()).contains("queue odd: spec.gpuModels");
    assertThat(read.snapshot().cluster().nodes()).extracting(n -> n.name()).containsExactly("n1");
  }

  @Test
  void theRestOfAGangThatRunsBelowItsMinimumWaitsForWhatItLacks() {
    var group = new PodGroupResource();
    group.getMetadata().setName("g");
    group.getMetadata().setNamespace("ns");
    group.setSpec(new PodGroupResource.Spec(null, 4, null, null));
    groups.add(group);
    for (int i = 0; i < 5; i++) {
      var pod = TestPods.pod("ns", "g-" + i, "1", "1Gi", 1).editMetadata().addToAnnotations("sluice.dev/pod-group", "g").endMetadata();
      pods.add(i < 1 ? bound(pod) : pod.build());
    }
    assertThat(read().snapshot().pending()).singleElement().satisfies(w -> {
      assertThat(w.id()).isEqualTo("ns/podgroup/g#more");
      assertThat(w.minMembers()).isEqualTo(3);
    });
  }

  @Test
  void aPodGroupTopologyWithAnUnknownLevelOrBothKindsIsHeldNamingTheFieldAndAKnownOneReachesTheWorkload() {
    var cases = Map.of("unknown", new PodGroupResource.Topology("row", null), "both", new PodGroupResource.Topology("rack", "zone"),
        "ok", new PodGroupResource.Topology(null, "block"));
    cases.forEach((name, topology) -> {
      var group = new PodGroupResource();
      group.getMetadata().setName(name);
      group.getMetadata().setNamespace("ns");
      group.setSpec(new PodGroupResource.Spec(null, 1, null, null, topology));
      groups.add(group);
      pods.add(TestPods.pod("ns", name + "-0", "1", "1Gi", 1).editMetadata().addToAnnotations("sluice.dev/pod-group", name).endMetadata()
          .build());
    });
    var read = read();
    assertThat(read.held()).extracting(g -> g.hold().code()).containsOnly("invalid-topology");
    assertThat(read.held()).extracting(g -> g.hold().message()).containsExactlyInAnyOrder(
        "PodGroup ns/unknown: spec.topology.required: unknown level 'row' (levels: block, rack, zone)",
        "PodGroup ns/both: spec.topology: give required or preferred, not both");
    assertThat(read.snapshot().pending()).singleElement()
        .satisfies(w -> assertThat(w.topology()).isEqualTo(TopologyConstraint.preferred("block")));
  }

  @Test
  void aRunningGpuMemoryFractionHoldsItsShareOfTheGpuItRunsOnWhateverOtherModelsJoin() {
    pods.add(bound(new PodBuilder(TestPods.fraction("ns", "nb", "sluice.dev/gpu-memory", "20Gi")).editMetadata()
        .addToAnnotations("sluice.dev/gpu-index", "0").endMetadata()));
    nodes.add(TestPods.node("small", "8", "32Gi", 1, "A100-40", 40_960));
    var state = read().snapshot().cluster().states().getFirst();
    assertThat(state.freeGpuMilli(0)).isEqualTo(1000 - 252); // 20 GiB of the H100's 81,559 MiB, not half of the A100-40's
  }
}
