package dev.sluice.k8s.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.GpuDevice;
import dev.sluice.k8s.K8sConfig;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

class NodeModelsTest {
  @Test
  void allocatableAndGpuFeatureDiscoveryLabelsMakeTheCoresNode() {
    var node = NodeModels.model(TestPods.node("n1", "63500m", "250Gi", 2, "NVIDIA-H100-80GB-HBM3", 81_559), K8sConfig.DEFAULT_TOPOLOGY_LABELS).orElseThrow();
    assertThat(node.cpuMilli()).isEqualTo(63_500);
    assertThat(node.memoryMib()).isEqualTo(256_000);
    assertThat(node.gpus()).containsExactly(new GpuDevice(0, "NVIDIA-H100-80GB-HBM3", 81_559), new GpuDevice(1, "NVIDIA-H100-80GB-HBM3", 81_559));
  }

  @Test
  void cordonedOrNotReadyNodesTakeNoWork() {
    var ready = TestPods.node("n1", "8", "32Gi", 1, "L4", 23_034);
    assertThat(NodeModels.schedulable(ready)).isTrue();
    assertThat(NodeModels.schedulable(new NodeBuilder(ready).editSpec().withUnschedulable(true).endSpec().build())).isFalse();
    var notReady = new NodeBuilder(ready).editStatus().editFirstCondition().withStatus("Unknown").endCondition().endStatus().build();
    assertThat(NodeModels.schedulable(notReady)).isFalse();
  }
}
