package dev.sluice.core.model;

import static dev.sluice.core.model.FabricNodes.GBPS;
import static dev.sluice.core.model.FabricNodes.eightGpusFourNics;
import static dev.sluice.core.model.FabricNodes.empty;
import static dev.sluice.core.model.FabricNodes.place;
import static dev.sluice.core.model.FabricNodes.rdmaPod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NicAffinityTest {
  @Test
  void eachGpuIsServedByTheRdmaNicUnderItsPciRoot() {
    assertThat(FabricLayout.of(eightGpusFourNics()).gpuNic()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
  }

  @Test
  void withoutANicOnItsRootAGpuIsServedOnItsNumaNodeSharedOutEvenly() {
    var gpus = new ArrayList<GpuDevice>();
    for (int i = 0; i < 4; i++) gpus.add(new GpuDevice(i, "A100", 0).at(new Locality("gpu-root" + i, i / 2)));
    gpus.add(new GpuDevice(4, "A100", 0));
    var nics = List.of(NicDevice.rdma("a", 100 * GBPS, new Locality("nic-root0", 0)),
        NicDevice.rdma("b", 100 * GBPS, new Locality("nic-root0b", 0)),
        NicDevice.rdma("c", 100 * GBPS, new Locality("nic-root1", 1)));
    var node = new Node("n", 64_000, 1 << 20, gpus, Map.of()).withFabric(new NodeFabric(nics, List.of(), List.of(), Map.of()));

    assertThat(FabricLayout.of(node).gpuNic()).containsExactly(0, 1, 2, 2, -1);
  }

  @Test
  void aPodTakesTheGpuUnderTheTightestNicThatStillCarriesItsShare() {
    var state = empty(eightGpusFourNics());
    var small = rdmaPod(1, 50);
    assertThat(NicAffinity.choose(state, small)).containsExactly(0);
    state = place(state, small);

    var medium = rdmaPod(1, 100);
    assertThat(NicAffinity.choose(state, medium)).as("NIC 0 has 150 left: tightest that fits").containsExactly(1);
    state = place(state, medium);

    assertThat(NicAffinity.choose(state, medium)).as("NIC 0 has 50 left: next NIC").containsExactly(2);
    state = place(state, medium);

    assertThat(state.fabric().nicFreeMbps()).containsExactly(50 * GBPS, 100 * GBPS, 200 * GBPS, 200 * GBPS);
    assertThat(NicAffinity.choose(state, rdmaPod(4, 400))).as("100 Gbit/s per GPU: one under NIC 1, then NICs 2 and 3")
        .containsExactly(3, 4, 5, 6);
  }

  @Test
  void freeGpusBehindAFullNicDoNotTakeAnRdmaPodAndTheReasonSaysSo() {
    var halfFull = empty(eightGpusFourNics());
    halfFull = halfFull.with(rdmaPod(2, 200), new int[] {0, 1});
    halfFull = halfFull.with(new PodShape(1000, 0, 2, 1000, Set.of()), new int[] {2, 3});
    halfFull = halfFull.with(rdmaPod(1, 200), new int[] {4});
    halfFull = halfFull.with(rdmaPod(1, 200), new int[] {6});

    assertThat(halfFull.gpusWithRoom(1000)).isEqualTo(2);
    assertThat(halfFull.fit(rdmaPod(1, 10))).isEqualTo(Fit.NO_NIC_NEAR_GPU);
    assertThat(halfFull.fit(rdmaPod(1, 0))).as("no bandwidth asked: any free GPU").isEqualTo(Fit.FITS);
  }

  @Test
  void bandwidthOfPodsWithoutAffinityComesFromAllNicsTogether() {
    var state = empty(eightGpusFourNics());
    var cpuPod = new PodShape(1000, 0, 0, 0, Set.of(), FabricRequest.nic(700 * GBPS, true));
    assertThat(state.fit(cpuPod)).isEqualTo(Fit.FITS);
    state = state.with(cpuPod, new int[0]);

    assertThat(state.fabric().pooledFreeMbps()).isEqualTo(100 * GBPS);
    assertThat(state.fit(rdmaPod(1, 150))).isEqualTo(Fit.INSUFFICIENT_NIC_BANDWIDTH);
    assertThat(state.fit(rdmaPod(1, 100))).isEqualTo(Fit.FITS);
    state = place(state, rdmaPod(1, 100));
    assertThat(state.fit(new PodShape(1000, 0, 0, 0, Set.of(), FabricRequest.nic(GBPS, false)))).isEqualTo(Fit.INSUFFICIENT_NIC_BANDWIDTH);
  }

  @Test
  void sharesRoundedUpAreWhatTheNicsMustHave() {
    // 25,000 Mbit/s over three GPUs is 8,334 each: 25,002 in all.
    var pod = new PodShape(1000, 0, 3, 1000, Set.of(), FabricRequest.nic(25_000, true));
    var cpuPod = new PodShape(1000, 0, 0, 0, Set.of(), FabricRequest.nic(800 * GBPS - 25_001, false));
    var state = empty(eightGpusFourNics()).with(cpuPod, new int[0]);

    assertThat(NicAffinity.takenMbps(pod)).isEqualTo(25_002);
    assertThat(state.fit(pod)).isEqualTo(Fit.INSUFFICIENT_NIC_BANDWIDTH);
  }

  @Test
  void aNodeWithoutRdmaNicsRefusesRdmaPods() {
    var node = new Node("cn", 64_000, 1 << 20, List.of(), Map.of()).withFabric(new NodeFabric(
        List.of(new NicDevice("eth0", 100 * GBPS, false, Locality.UNKNOWN, Set.of())), List.of(), List.of(), Map.of()));
    assertThat(empty(node).fit(rdmaPod(0, 10))).isEqualTo(Fit.NO_RDMA_NIC);
    assertThat(empty(node).fit(new PodShape(1000, 0, 0, 0, Set.of(), FabricRequest.nic(10 * GBPS, false)))).isEqualTo(Fit.FITS);
  }
}
