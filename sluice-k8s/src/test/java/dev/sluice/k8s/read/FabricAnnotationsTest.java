package dev.sluice.k8s.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.GpuDevice;
import dev.sluice.core.model.Locality;
import dev.sluice.core.model.NicDevice;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FabricAnnotationsTest {
  @Test
  void aNodesAnnotationListsItsNicsWithRdmaAndLocality() {
    var nics = FabricAnnotations.nics(Map.of("sluice.dev/nics", "mlx5_0=200G,rdma,pci0000:17,numa0; eth0=25G ;mlx5_1=400Gbps,numa1,rdma"));

    assertThat(nics).isEqualTo(new Parsed.Ok<>(List.of(NicDevice.rdma("mlx5_0", 200_000, new Locality("pci0000:17", 0)),
        new NicDevice("eth0", 25_000, false, Locality.UNKNOWN, Set.of()), NicDevice.rdma("mlx5_1", 400_000, new Locality("", 1)))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "mlx5_0                      | 'mlx5_0' is not NAME=BANDWIDTH",
      "mlx5_0=fast                 | NIC mlx5_0: 'fast' is not a bandwidth",
      "mlx5_0=200G,rdma,gpu0       | NIC mlx5_0: 'gpu0' is not rdma, a PCIe root",
      "mlx5_0=200G,numa0,numa1     | NIC mlx5_0: 'numa1' is not rdma",
      "a=1G;a=2G                   | NIC a is listed twice",
      "a=1G;                       | '' is not NAME=BANDWIDTH",
  })
  void aNodesAnnotationThatDoesNotReadSaysWhere(String annotation, String message) {
    assertThat(FabricAnnotations.nics(Map.of("sluice.dev/nics", annotation))).isInstanceOfSatisfying(Parsed.Invalid.class, bad -> {
      assertThat(bad.field()).isEqualTo("metadata.annotations[sluice.dev/nics]");
      assertThat(bad.message()).startsWith(message);
    });
  }

  @Test
  void aPodAsksBandwidthAndRdma() {
    assertThat(FabricAnnotations.request(Map.of("sluice.dev/nic-bandwidth", "25G", "sluice.dev/rdma", "true")))
        .isEqualTo(new Parsed.Ok<>(FabricRequest.nic(25_000, true)));
    assertThat(FabricAnnotations.request(Map.of("sluice.dev/rdma", "false"))).isEqualTo(new Parsed.Ok<>(FabricRequest.NONE));
    assertThat(FabricAnnotations.request(Map.of("sluice.dev/rdma", "yes"))).isEqualTo(new Parsed.Invalid<>(
        "metadata.annotations[sluice.dev/rdma]", "must be \"true\" or \"false\", was 'yes'"));
    assertThat(FabricAnnotations.request(Map.of("sluice.dev/nic-bandwidth", "-25G"))).isInstanceOf(Parsed.Invalid.class);
  }

  @Test
  void aNodesNicsAndGpuPlacesReachTheCoresNodeAndABadAnnotationIsLeftOut() {
    var annotated = new NodeBuilder(TestPods.node("n1", "64", "256Gi", 2, "H100", 81_559)).editMetadata()
        .addToAnnotations("sluice.dev/nics", "mlx5_0=400G,rdma,pci0000:a3,numa1")
        .addToAnnotations("sluice.dev/gpu-locality", "1=pci0000:a3,numa1").endMetadata().build();
    var node = NodeModels.model(annotated, K8sConfig.DEFAULT_TOPOLOGY_LABELS).orElseThrow();
    assertThat(node.fabric().nics()).containsExactly(NicDevice.rdma("mlx5_0", 400_000, new Locality("pci0000:a3", 1)));
    assertThat(node.gpus()).containsExactly(new GpuDevice(0, "H100", 81_559),
        new GpuDevice(1, "H100", 81_559).at(new Locality("pci0000:a3", 1)));

    var garbled = new NodeBuilder(annotated).editMetadata().addToAnnotations("sluice.dev/nics", "mlx5_0=lots")
        .addToAnnotations("sluice.dev/gpu-locality", "7=pci0000:a3").endMetadata().build();
    var plain = NodeModels.model(garbled, K8sConfig.DEFAULT_TOPOLOGY_LABELS).orElseThrow();
    assertThat(plain.fabric().nics()).isEmpty();
    assertThat(plain.gpus()).extracting(GpuDevice::locality).containsOnly(Locality.UNKNOWN);
  }

  @Test
  void aPodsFabricAnnotationsReachItsWorkloadAndAnInvalidOneHoldsItsGangNamingTheAnnotation() {
    var node = new NodeBuilder(TestPods.node("n1", "64", "256Gi", 8, "H100", 81_559)).editMetadata()
        .addToAnnotations("sluice.dev/nics", "mlx5_0=400G,rdma").endMetadata().build();
    var asking = TestPods.pod("ns", "asking", "1", "1Gi", 1).editMetadata().addToAnnotations("sluice.dev/nic-bandwidth", "25G")
        .addToAnnotations("sluice.dev/rdma", "true").endMetadata().build();
    var garbled = TestPods.fraction("ns", "garbled", "sluice.dev/nic-bandwidth", "fast");
    var queue = new QueueResource();
    queue.getMetadata().setName("default");
    queue.setSpec(new QueueResource.Spec(null, null, Map.of("gpu", new QueueResource.Terms(new Quantity("8"), null, null, null)), Map.of()));
    var objects = new ClusterObjects(List.of(node), List.of(asking, garbled), List.of(queue), List.of(), List.of(), List.of(), List.of());

    var read = new SnapshotReader(K8sConfig.defaults()).read(objects, Map.of(), UsageHistory.empty(0, Duration.ofHours(1)), 1_000);

    assertThat(read.snapshot().pending()).singleElement()
        .satisfies(w -> assertThat(w.pods().getFirst().fabric()).isEqualTo(FabricRequest.nic(25_000, true)));
    assertThat(read.held()).singleElement().satisfies(gang -> {
      assertThat(gang.hold().code()).isEqualTo("invalid-request");
      assertThat(gang.hold().message()).startsWith("pod ns/garbled: metadata.annotations[sluice.dev/nic-bandwidth]: 'fast' is not a bandwidth");
    });
  }
}
