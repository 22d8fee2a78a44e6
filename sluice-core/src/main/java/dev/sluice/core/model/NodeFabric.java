package dev.sluice.core.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a node has besides CPU, memory and GPUs: its NICs and DPUs, local NVMe drives, the infrastructure
 * work its host runs, and named extended resources (as Kubernetes' extended resources, e.g.
 * {@code "example.com/fpga" -> 2}).
 */
public record NodeFabric(List<NicDevice> nics, List<NvmeDrive> drives, List<InfrastructureTask> infrastructure,
                         Map<String, Long> extended) {
  public static final NodeFabric NONE = new NodeFabric(List.of(), List.of(), List.of(), Map.of());

  public NodeFabric {
    nics = List.copyOf(nics);
    drives = List.copyOf(drives);
    infrastructure = List.copyOf(infrastructure);
    extended = Map.copyOf(extended);
    var names = new HashSet<String>();
    for (var nic : nics) if (!names.add(nic.name())) throw new IllegalArgumentException("two NICs named " + nic.name());
    var kinds = new HashSet<String>();
    for (var task : infrastructure) {
      if (!kinds.add(task.kind())) throw new IllegalArgumentException("two infrastructure tasks of kind " + task.kind());
    }
    extended.forEach((name, amount) -> {
      if (name.isBlank() || amount < 0) throw new IllegalArgumentException("extended resource " + name + " must be named and >= 0");
    });
  }

  /** The kinds of infrastructure work some DPU of the node runs in place of the host. */
  public Set<String> offloadedKinds() {
    var kinds = new HashSet<String>();
    for (var nic : nics) kinds.addAll(nic.offloads());
    return kinds;
  }

  /** Host CPU the infrastructure takes: what no DPU offloads. */
  public long reservedCpuMilli() {
    if (infrastructure.isEmpty()) return 0;
    var offloaded = offloadedKinds();
    return infrastructure.stream().filter(t -> !offloaded.contains(t.kind())).mapToLong(InfrastructureTask::cpuMilli).sum();
  }

  /** Host memory the infrastructure takes: what no DPU offloads. */
  public long reservedMemoryMib() {
    if (infrastructure.isEmpty()) return 0;
    var offloaded = offloadedKinds();
    return infrastructure.stream().filter(t -> !offloaded.contains(t.kind())).mapToLong(InfrastructureTask::memoryMib).sum();
  }

  /** Host CPU the node's DPUs give back to pods by running infrastructure work themselves. */
  public long offloadedCpuMilli() {
    if (infrastructure.isEmpty()) return 0;
    var offloaded = offloadedKinds();
    return infrastructure.stream().filter(t -> offloaded.contains(t.kind())).mapToLong(InfrastructureTask::cpuMilli).sum();
  }

  public long nvmeGib() {
    if (drives.isEmpty()) return 0;
    return drives.stream().mapToLong(NvmeDrive::capacityGib).sum();
  }

  public long nicBandwidthMbps() {
    if (nics.isEmpty()) return 0;
    return nics.stream().mapToLong(NicDevice::bandwidthMbps).sum();
  }
}
