package dev.sluice.k8s.read;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashMap;
import java.util.Map;

/** API objects for the reader's tests, built in memory (no server). */
final class TestPods {
  private TestPods() {
  }

  static PodBuilder pod(String namespace, String name, String cpu, String memory, int gpus) {
    var limits = new HashMap<String, Quantity>();
    if (gpus > 0) limits.put("nvidia.com/gpu", new Quantity(Integer.toString(gpus)));
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withCreationTimestamp("2026-12-01T10:00:00Z")
        .endMetadata()
        .withNewSpec().withSchedulerName("sluice")
        .addNewContainer().withName("main")
        .withNewResources().withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory))).withLimits(limits).endResources()
        .endContainer().endSpec()
        .withNewStatus().withPhase("Pending").endStatus();
  }

  static Pod fraction(String namespace, String name, String annotation, String value) {
    return pod(namespace, name, "1", "1Gi", 0).editMetadata().addToAnnotations(annotation, value).endMetadata().build();
  }

  static Node node(String name, String cpu, String memory, int gpus, String model, long gpuMemoryMib) {
    return new NodeBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("nvidia.com/gpu.product", model, "nvidia.com/gpu.memory", Long.toString(gpuMemoryMib))).endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus().withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "nvidia.com/gpu",
            new Quantity(Integer.toString(gpus))))
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
  }
}
