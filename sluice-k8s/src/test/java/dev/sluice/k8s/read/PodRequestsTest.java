package dev.sluice.k8s.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.PodRequest;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodRequestsTest {
  private static final Map<String, Long> MODELS = Map.of("L4", 23_034L, "A100", 40_960L, "H100", 81_559L);

  private static PodRequest ok(Parsed<PodRequest> parsed) {
    assertThat(parsed).isInstanceOf(Parsed.Ok.class);
    return ((Parsed.Ok<PodRequest>) parsed).value();
  }

  private static Parsed.Invalid<PodRequest> invalid(Parsed<PodRequest> parsed) {
    assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
    return (Parsed.Invalid<PodRequest>) parsed;
  }

  @Test
  void wholeGpusCpuAndMemoryAreReadInTheCoresUnits() {
    var request = ok(PodRequests.read(TestPods.pod("ns", "p", "1500m", "2Gi", 2).build(), MODELS));
    assertThat(request).isEqualTo(new PodRequest("ns/p", 1500, 2048, 2, 1000, Set.of()));
  }

  @Test
  void containersAddUpAndAnInitContainerCountsWhenItAsksForMore() {
    var pod = TestPods.pod("ns", "p", "1", "1Gi", 0)
        .editSpec().addToContainers(new ContainerBuilder().withName("side").withNewResources()
            .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi"))).endResources().build())
        .addToInitContainers(new ContainerBuilder().withName("init").withNewResources()
            .withLimits(Map.of("cpu", new Quantity("4"), "memory", new Quantity("1Mi"))).endResources().build())
        .endSpec().build();
    var request = ok(PodRequests.read(pod, MODELS));
    assertThat(request.cpuMilli()).isEqualTo(4000);
    assertThat(request.memoryMib()).isEqualTo(1536);
  }

  @Test
  void aFractionAnnotationIsAShareOfOneGpu() {
    var request = ok(PodRequests.read(TestPods.fraction("ns", "nb", "sluice.dev/gpu-fraction", "0.25"), MODELS));
    assertThat(request.gpuCount()).isEqualTo(1);
    assertThat(request.gpuMilliPerGpu()).isEqualTo(250);
    assertThat(request.allowedGpuModels()).isEmpty();
  }

  @Test
  void gpuMemoryIsAShareOfTheSmallestModelThatHoldsItAndRulesOutSmallerOnes() {
    var request = ok(PodRequests.read(TestPods.fraction("ns", "nb", "sluice.dev/gpu-memory", "30Gi"), MODELS));
    assertThat(request.allowedGpuModels()).containsExactlyInAnyOrder("A100", "H100");
    assertThat(request.gpuMilliPerGpu()).isEqualTo(750); // 30 GiB of the A100's 40 GiB
  }

  @Test
  void badAnnotationsAreRefusedNamingTheField() {
    assertThat(invalid(PodRequests.read(TestPods.fraction("ns", "a", "sluice.dev/gpu-fraction", "1.5"), MODELS)).text())
        .isEqualTo("metadata.annotations[sluice.dev/gpu-fraction]: must be a number in (0, 1] with at most 3 decimals, was '1.5'");
    assertThat(invalid(PodRequests.read(TestPods.fraction("ns", "b", "sluice.dev/gpu-fraction", "half"), MODELS)).field())
        .isEqualTo("metadata.annotations[sluice.dev/gpu-fraction]");
    assertThat(invalid(PodRequests.read(TestPods.fraction("ns", "c", "sluice.dev/gpu-memory", "200Gi"), MODELS)).message())
        .startsWith("no GPU model in the cluster has 200Gi");
    var both = TestPods.pod("ns", "d", "1", "1Gi", 1).editMetadata().addToAnnotations("sluice.dev/gpu-fraction", "0.5").endMetadata().build();
    assertThat(invalid(PodRequests.read(both, MODELS)).message()).contains("exclude each other");
  }

  @Test
  void aNodeSelectorOnTheGpuProductLimitsTheModels() {
    var pod = TestPods.pod("ns", "p", "1", "1Gi", 1).editSpec().addToNodeSelector("nvidia.com/gpu.product", "H100").endSpec().build();
    assertThat(ok(PodRequests.read(pod, MODELS)).allowedGpuModels()).containsExactly("H100");
  }
}
