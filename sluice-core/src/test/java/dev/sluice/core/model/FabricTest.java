package dev.sluice.core.model;

import static dev.sluice.core.model.FabricNodes.eightGpusFourNics;
import static dev.sluice.core.model.FabricNodes.empty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FabricTest {
  private static final List<InfrastructureTask> INFRASTRUCTURE = List.of(
      new InfrastructureTask("vswitch", 8_000, 4096), new InfrastructureTask("storage", 4_000, 2048));

  @Test
  void infrastructureWorkComesOutOfTheHostUnlessADpuOffloadsIt() {
    var eth = new NicDevice("eth0", 100_000, false, Locality.UNKNOWN, Set.of());
    var dpu = new NicDevice("bf3", 400_000, true, Locality.UNKNOWN, Set.of("vswitch", "storage"));
    var host = new Node("cn", 64_000, 512 * 1024, List.of(), Map.of());

    var withoutDpu = host.withFabric(new NodeFabric(List.of(eth), List.of(), INFRASTRUCTURE, Map.of()));
    var withDpu = host.withFabric(new NodeFabric(List.of(dpu), List.of(), INFRASTRUCTURE, Map.of()));

    assertThat(withoutDpu.allocatableCpuMilli()).isEqualTo(52_000);
    assertThat(withoutDpu.allocatableMemoryMib()).isEqualTo(512 * 1024 - 6144);
    assertThat(withDpu.allocatableCpuMilli()).isEqualTo(64_000);
    assertThat(withDpu.fabric().offloadedCpuMilli()).isEqualTo(12_000);
    assertThat(NodeType.of(withoutDpu).cpuMilli()).isEqualTo(52_000);
    assertThat(empty(withDpu).fit(new PodShape(60_000, 0, 0, 0, Set.of()))).isEqualTo(Fit.FITS);
    assertThat(empty(withoutDpu).fit(new PodShape(60_000, 0, 0, 0, Set.of()))).isEqualTo(Fit.INSUFFICIENT_CPU);
  }

  @Test
  void aDpuThatOffloadsOnlyTheSwitchLeavesTheStorageReserve() {
    var dpu = new NicDevice("bf3", 400_000, true, Locality.UNKNOWN, Set.of("vswitch"));
    var node = new Node("cn", 64_000, 512 * 1024, List.of(), Map.of()).withFabric(new NodeFabric(List.of(dpu), List.of(), INFRASTRUCTURE, Map.of()));
    assertThat(node.allocatableCpuMilli()).isEqualTo(60_000);
  }

  @Test
  void anAppsInstancesStopAtItsPerNodeCapAndComeBackWhenOneLeaves() {
    var state = empty(eightGpusFourNics());
    var instance = new PodShape(1000, 0, 1, 1000, Set.of(), FabricRequest.NONE.withDensityCap("app_0", 2));
    state = state.with(instance, new int[] {0});
    state = state.with(instance, new int[] {1});

    assertThat(state.fit(instance)).isEqualTo(Fit.DENSITY_CAP);
    assertThat(state.fit(new PodShape(1000, 0, 1, 1000, Set.of(), FabricRequest.NONE.withDensityCap("app_1", 2)))).isEqualTo(Fit.FITS);
    assertThat(state.without(instance, new int[] {1}).fit(instance)).isEqualTo(Fit.FITS);
  }

  @Test
  void nvmeAndExtendedResourcesAreTakenAndGivenBack() {
    var drive = new NvmeDrive("nvme0n1", 3500, Locality.UNKNOWN);
    var node = new Node("n", 64_000, 1 << 20, List.of(), Map.of())
        .withFabric(new NodeFabric(List.of(), List.of(drive), List.of(), Map.of("example.com/fpga", 2L)));
    var pod = new PodShape(1000, 0, 0, 0, Set.of(), FabricRequest.NONE.withNvme(2000).withExtended(Map.of("example.com/fpga", 1L)));
    var empty = empty(node);

    var once = empty.with(pod, new int[0]);
    assertThat(once.fit(pod)).isEqualTo(Fit.INSUFFICIENT_NVME);
    assertThat(once.fit(new PodShape(1000, 0, 0, 0, Set.of(), FabricRequest.NONE.withExtended(Map.of("example.com/fpga", 2L)))))
        .isEqualTo(Fit.insufficient("example.com/fpga"));
    assertThat(empty.fit(new PodShape(1000, 0, 0, 0, Set.of(), FabricRequest.NONE.withExtended(Map.of("example.com/tpu", 1L)))).description())
        .isEqualTo("insufficient example.com/tpu");
    assertThat(once.without(pod, new int[0])).isEqualTo(empty);
    assertThat(node.capacity()).isEqualTo(new Resources(64_000, 1 << 20, 0, 0, 3500, Map.of("example.com/fpga", 2L)));
  }

  @Test
  void anRdmaPodRecordedOnAGpuWithNoNicNearDoesNotFitThereAndCommittingItIsABug() {
    var gpus = List.of(new GpuDevice(0, "H100", 0).at(new Locality("pci0", 0)), new GpuDevice(1, "H100", 0).at(new Locality("pci1", 1)));
    var nic = NicDevice.rdma("mlx5_0", 200_000, new Locality("pci0", 0));
    var node = new Node("n", 32_000, 1 << 16, gpus, Map.of()).withFabric(new NodeFabric(List.of(nic), List.of(), List.of(), Map.of()));
    var state = empty(node);
    var pod = new PodShape(1000, 1024, 1, 1000, Set.of(), FabricRequest.nic(100_000, true));

    assertThat(state.fit(pod)).as("GPU 0 would do").isEqualTo(Fit.FITS);
    assertThat(state.fitsOn(pod, new int[] {0})).isTrue();
    assertThat(state.fitsOn(pod, new int[] {1})).as("GPU 1 has no NIC near it").isFalse();
    assertThatThrownBy(() -> state.with(pod, new int[] {1})).isInstanceOf(IllegalStateException.class).hasMessageContaining("no RDMA NIC near");
  }

  @Test
  void askingZeroOfAnExtendedResourceLeavesNoTraceOnTheNode() {
    var state = empty(eightGpusFourNics());
    var pod = new PodShape(1000, 1024, 1, 1000, Set.of(), FabricRequest.NONE.withExtended(Map.of("example.com/fpga", 0L)));
    var after = state.with(pod, new int[] {0}).without(pod, new int[] {0});
    assertThat(after).isEqualTo(state);
    assertThat(after.hasNoPods()).isTrue();
  }

  @Test
  void releasingWhatWasNeverTakenIsABug() {
    var state = empty(eightGpusFourNics());
    var pod = FabricNodes.rdmaPod(1, 50);
    assertThatThrownBy(() -> state.without(pod, new int[] {0})).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theResourceVectorAddsAndComparesEveryComponent() {
    var a = new Resources(1000, 10, 500, 25_000, 100, Map.of("x", 1L));
    var b = new Resources(2000, 20, 500, 75_000, 0, Map.of("x", 2L, "y", 1L));
    assertThat(a.plus(b)).isEqualTo(new Resources(3000, 30, 1000, 100_000, 100, Map.of("x", 3L, "y", 1L)));
    assertThat(a.plus(b).minus(b)).isEqualTo(a);
    assertThat(a.fitsIn(a.plus(b))).isTrue();
    assertThat(b.fitsIn(a)).isFalse();
    assertThat(new Resources(0, 0, 0, 0, 0, Map.of("y", 1L)).fitsIn(a)).as("a lacks y").isFalse();
  }
}
