package dev.sluice.k8s.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.k8s.K8sConfig;
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
import org.junit.jupiter.api.Test;

/** Running pods hold their NIC bandwidth in the next cycle's snapshot. */
class FabricOccupancyTest {
  private final SnapshotReader reader = new SnapshotReader(K8sConfig.defaults());

  private static QueueResource queue(String name) {
    var q = new QueueResource();
    q.getMetadata().setName(name);
    q.setSpec(new QueueResource.Spec(null, null, Map.of("gpu", new QueueResource.Terms(new Quantity("8"), null, null, null)), null));
    return q;
  }

  private static Node nodeWithOneNic() {
    var locality = new StringBuilder();
    for (int i = 0; i < 8; i++) locality.append(i == 0 ? "" : ";").append(i).append("=pci0000:17,numa0");
    return new NodeBuilder(TestPods.node("n1", "64", "256Gi", 8, "H100", 81_559)).editMetadata()
        .addToAnnotations("sluice.dev/nics", "mlx5_0=200G,rdma,pci0000:17,numa0")
        .addToAnnotations("sluice.dev/gpu-locality", locality.toString()).endMetadata().build();
  }

  private static PodBuilder rdmaPod(String name) {
    return new PodBuilder(TestPods.pod("ns", name, "1", "1Gi", 1).build()).editMetadata()
        .addToAnnotations("sluice.dev/nic-bandwidth", "200G").addToAnnotations("sluice.dev/rdma", "true").endMetadata();
  }

  @Test
  void aRunningRdmaPodHoldsItsNicBandwidthInTheNextCycle() {
    var running = rdmaPod("a").editSpec().withNodeName("n1").endSpec().editStatus().withPhase("Running").endStatus().build();
    var waiting = rdmaPod("b").build();
    var objects = new ClusterObjects(List.of(nodeWithOneNic()), new ArrayList<Pod>(List.of(running, waiting)),
        List.of(queue("default")), List.of(), List.of(), List.of(), List.of());
    var read = reader.read(objects, Map.of(), UsageHistory.empty(0, Duration.ofHours(1)), 1_000);
    assertThat(read.snapshot().running()).hasSize(1);
    var result = new Scheduler(SchedulerConfig.defaults()).cycle(read.snapshot());
    assertThat(result.decisions()).as("a 200G NIC carries a's 200G already; b must not bind beside it")
        .noneMatch(d -> d instanceof SchedulingDecision.Bind);
    assertThat(read.snapshot().cluster().states().getFirst().fabric().nicFreeMbps()).containsExactly(0L);
  }
}
