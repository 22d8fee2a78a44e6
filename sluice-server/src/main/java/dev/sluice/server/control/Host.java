package dev.sluice.server.control;

import dev.sluice.core.model.GpuDevice;
import dev.sluice.core.model.NicDevice;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeFabric;
import dev.sluice.core.spi.DiscoveredGpu;
import dev.sluice.core.spi.GpuInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * This machine as the scheduler sees it: one {@link Node} with the inventory's GPUs (each where discovery found it
 * on the PCIe tree) and this host's NICs in its fabric. The node numbers its
 * GPUs 0..n-1 by position; {@link #deviceIndex} gives the index the launcher uses (they differ when the
 * inventory lists only some of the devices).
 *
 * @param gpuSource how the GPUs were found, e.g. {@code nvidia-smi} or {@code simulated}
 */
public record Host(Node node, List<DiscoveredGpu> gpus, String gpuSource) {
  public Host {
    Objects.requireNonNull(node, "node");
    gpus = List.copyOf(gpus);
    Objects.requireNonNull(gpuSource, "gpuSource");
  }

  /** A host without NICs that jobs may ask bandwidth of. */
  public static Host of(String name, long cpuMilli, long memoryMib, GpuInventory inventory) {
    return of(name, cpuMilli, memoryMib, inventory, List.of());
  }

  public static Host of(String name, long cpuMilli, long memoryMib, GpuInventory inventory, List<NicDevice> nics) {
    var discovered = inventory.gpus();
    var devices = new ArrayList<GpuDevice>(discovered.size());
    for (int i = 0; i < discovered.size(); i++) {
      var gpu = discovered.get(i);
      devices.add(new GpuDevice(i, gpu.model().isBlank() ? "GPU" : gpu.model(), gpu.memoryMib()).at(gpu.locality()));
    }
    var fabric = nics.isEmpty() ? NodeFabric.NONE : new NodeFabric(nics, List.of(), List.of(), Map.of());
    return new Host(new Node(name, cpuMilli, memoryMib, devices).withFabric(fabric), discovered, inventory.source());
  }

  public String name() {
    return node.name();
  }

  /** The launcher's index of the GPU at {@code position}. */
  public int deviceIndex(int position) {
    return gpus.get(position).index();
  }

  /** The position of the GPU the launcher calls {@code deviceIndex}, or -1 if the host has none such. */
  public int position(int deviceIndex) {
    for (int i = 0; i < gpus.size(); i++) if (gpus.get(i).index() == deviceIndex) return i;
    return -1;
  }

  /** The memory of the smallest GPU; 0 without GPUs (or when unknown). */
  public long gpuMemoryMib() {
    return gpus.stream().mapToLong(DiscoveredGpu::memoryMib).min().orElse(0);
  }
}
