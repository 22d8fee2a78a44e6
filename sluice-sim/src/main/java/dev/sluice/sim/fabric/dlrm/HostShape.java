package dev.sluice.sim.fabric.dlrm;

import dev.sluice.core.model.GpuDevice;
import dev.sluice.core.model.InfrastructureTask;
import dev.sluice.core.model.Locality;
import dev.sluice.core.model.NicDevice;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeFabric;
import dev.sluice.core.model.NvmeDrive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one kind of node of a DLRM fleet is built. GPUs and RDMA NICs sit in two NUMA sockets; NIC {@code k}
 * shares its PCIe root with GPUs {@code k·g/n .. (k+1)·g/n − 1} (g GPUs, n NICs), so each NIC serves
 * {@code g/n} GPUs. With a DPU, NIC 0 is a DPU of the same line rate that runs all of the host's
 * infrastructure work.
 *
 * @param vcpus          host vCPUs
 * @param memoryGib      host memory
 * @param gpus           GPUs, 0 for a CPU node
 * @param nics           RDMA NICs
 * @param nicGbps        line rate of each NIC
 * @param drives         local NVMe drives
 * @param driveGib       capacity of each drive
 * @param infrastructure the host's infrastructure work (it takes host CPU and memory unless a DPU runs it)
 */
public record HostShape(int vcpus, long memoryGib, int gpus, int nics, long nicGbps, int drives, long driveGib,
                        List<InfrastructureTask> infrastructure) {
  public static final String GPU_MODEL = "gpu";
  private static final int SOCKETS = 2;

  public HostShape {
    if (vcpus <= 0 || memoryGib <= 0 || gpus < 0 || nics <= 0 || nicGbps <= 0 || drives < 0 || driveGib < 0) {
      throw new IllegalArgumentException("a host needs CPUs, memory and at least one NIC: " + vcpus + " vCPU, "
          + memoryGib + " GiB, " + nics + " NICs");
    }
    if (gpus % nics != 0) throw new IllegalArgumentException(gpus + " GPUs do not share out evenly over " + nics + " NICs");
    infrastructure = List.copyOf(infrastructure);
  }

  public long nicMbps() {
    return nicGbps * 1000;
  }

  public int gpusPerNic() {
    return gpus / nics;
  }

  /** The node named {@code name}; with {@code dpu}, NIC 0 offloads all infrastructure work. */
  public Node node(String name, boolean dpu) {
    var devices = new ArrayList<GpuDevice>(gpus);
    for (int g = 0; g < gpus; g++) devices.add(new GpuDevice(g, GPU_MODEL, 0).at(nicLocality(g / gpusPerNic())));
    var cards = new ArrayList<NicDevice>(nics);
    for (int k = 0; k < nics; k++) {
      Set<String> offloads = dpu && k == 0 ? offloadable() : Set.of();
      cards.add(new NicDevice("rdma" + k, nicMbps(), true, nicLocality(k), offloads));
    }
    var nvme = new ArrayList<NvmeDrive>(drives);
    for (int d = 0; d < drives; d++) nvme.add(new NvmeDrive("nvme" + d, driveGib, Locality.UNKNOWN));
    var fabric = new NodeFabric(cards, nvme, infrastructure, Map.of());
    return new Node(name, vcpus * 1000L, memoryGib * 1024, devices, Map.of(), fabric);
  }

  private Locality nicLocality(int nic) {
    return new Locality("pci" + nic, nic * SOCKETS / nics);
  }

  private Set<String> offloadable() {
    var kinds = new HashSet<String>();
    for (var task : infrastructure) kinds.add(task.kind());
    return kinds;
  }
}
