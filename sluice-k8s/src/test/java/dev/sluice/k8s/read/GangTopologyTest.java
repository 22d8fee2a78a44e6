package dev.sluice.k8s.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.scheduler.PodBinding;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rest of a gang that must keep to one rack, some of whose pods run, goes only to that rack (found by a review). */
class GangTopologyTest {
  private static Node inRack(String name, int gpus, String rack) {
    return new NodeBuilder(TestPods.node(name, "64", "256Gi", gpus, "H100", 81_559)).editMetadata()
        .addToLabels("sluice.dev/rack", rack).endMetadata().build();
  }

  @Test
  void theWaitingPodsOfAGangThatMustKeepToOneRackAreNotBoundInAnotherRack() {
    var nodes = List.of(inRack("a1", 1, "r1"), inRack("b1", 8, "r2"));
    var queue = new QueueResource();
    queue.getMetadata().setName("default");
    queue.setSpec(new QueueResource.Spec(null, null, Map.of("gpu", new QueueResource.Terms(new Quantity("8"), null, null, null)), Map.of()));
    var group = new PodGroupResource();
    group.getMetadata().setName("g");
    group.getMetadata().setNamespace("ns");
    // elastic: one pod at least, two at most, all within one rack
    group.setSpec(new PodGroupResource.Spec(null, 1, null, null, new PodGroupResource.Topology("rack", null)));
    var pods = new ArrayList<Pod>();
    pods.add(TestPods.pod("ns", "g-0", "1", "1Gi", 1).editMetadata().addToAnnotations("sluice.dev/pod-group", "g").endMetadata()
        .editSpec().withNodeName("a1").endSpec().editStatus().withPhase("Running").endStatus().build());
    pods.add(TestPods.pod("ns", "g-1", "1", "1Gi", 1).editMetadata().addToAnnotations("sluice.dev/pod-group", "g").endMetadata().build());
    var objects = new ClusterObjects(nodes, pods, List.of(queue), List.of(group), List.of(), List.of(), List.of());
    var read = new SnapshotReader(K8sConfig.defaults()).read(objects, Map.of(), UsageHistory.empty(0, Duration.ofHours(1)), 1_000);

    var result = new Scheduler(SchedulerConfig.defaults()).cycle(read.snapshot());

    var boundTo = result.binds().stream().flatMap(b -> b.pods().stream()).map(PodBinding::node).toList();
    assertThat(boundTo).as("g-0 runs in rack r1, so g-1 may not go to rack r2").doesNotContain("b1");
    assertThat(read.snapshot().pending()).singleElement()
        .satisfies(w -> assertThat(w.topology()).isEqualTo(dev.sluice.core.scheduler.TopologyConstraint.required("rack").within("r1")));
    assertThat(result.pending()).singleElement().satisfies(p -> assertThat(p.reason().message())
        .isEqualTo("gang must run within rack r1, where the rest of it runs, and it has no room for its 1 pods at once"));
  }
}
