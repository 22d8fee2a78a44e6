package dev.sluice.k8s.read;

import dev.sluice.core.model.GpuDevice;
import dev.sluice.core.model.Locality;
import dev.sluice.core.model.NicDevice;
import dev.sluice.core.model.NodeFabric;
import dev.sluice.k8s.Keys;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node objects as the core's nodes: allocatable CPU, memory and {@code nvidia.com/gpu}, the GPU model and
 * memory from GPU feature discovery's labels ({@code nvidia.com/gpu.product}, {@code nvidia.com/gpu.memory}
 * in MiB), its domain at each topology level from the labels configured for them, its NICs and where its GPUs
 * sit from the annotations {@link FabricAnnotations} reads (an annotation that does not read is left out: the node
 * then offers no NIC bandwidth, or its GPUs' places are unknown). A node that is unschedulable (cordoned) or not
 * Ready takes no new work and is left out.
 */
public final class NodeModels {
  /** Most GPUs a node may declare; a node that says more is left out rather than believed. */
  public static final long MAX_GPUS = 1024;
  /** The model name of GPUs on a node without a {@code nvidia.com/gpu.product} label. */
  public static final String UNKNOWN_MODEL = "gpu";

  private NodeModels() {
  }

  /** Whether the node takes pods: not cordoned and its Ready condition is True. */
  public static boolean schedulable(Node node) {
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) return false;
    if (node.getStatus() == null || node.getStatus().getConditions() == null) return false;
    return node.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * The node as the core sees it, or empty when its allocatable amounts cannot be read or are not believable.
   *
   * @param topologyLabels the label naming the node's domain at each topology level, by level
   */
  public static Optional<dev.sluice.core.model.Node> model(Node node, Map<String, String> topologyLabels) {
    var allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
        ? Map.<String, Quantity>of() : node.getStatus().getAllocatable();
    try {
      long cpu = allocatable.containsKey("cpu") ? KubeQuantities.milli(allocatable.get("cpu")) : 0;
      long memory = allocatable.containsKey("memory") ? KubeQuantities.mib(allocatable.get("memory")) : 0;
      long gpus = allocatable.containsKey(Keys.NVIDIA_GPU) ? KubeQuantities.count(allocatable.get(Keys.NVIDIA_GPU)) : 0;
      if (gpus > MAX_GPUS) return Optional.empty();
      var labels = node.getMetadata().getLabels() == null ? Map.<String, String>of() : node.getMetadata().getLabels();
      String model = labels.getOrDefault(Keys.GPU_PRODUCT, UNKNOWN_MODEL);
      long gpuMemory = parseOrZero(labels.get(Keys.GPU_MEMORY_MIB));
      var annotations = node.getMetadata().getAnnotations() == null ? Map.<String, String>of() : node.getMetadata().getAnnotations();
      var localities = FabricAnnotations.gpuLocalities(annotations, gpus) instanceof Parsed.Ok<Map<Integer, Locality>> ok
          ? ok.value() : Map.<Integer, Locality>of();
      var devices = new ArrayList<GpuDevice>();
      for (int i = 0; i < gpus; i++) {
        devices.add(new GpuDevice(i, model.isBlank() ? UNKNOWN_MODEL : model, gpuMemory).at(localities.getOrDefault(i, Locality.UNKNOWN)));
      }
      var nics = FabricAnnotations.nics(annotations) instanceof Parsed.Ok<List<NicDevice>> ok ? ok.value() : List.<NicDevice>of();
      var fabric = nics.isEmpty() ? NodeFabric.NONE : new NodeFabric(nics, List.of(), List.of(), Map.of());
      return Optional.of(new dev.sluice.core.model.Node(node.getMetadata().getName(), cpu, memory, devices,
          domains(node, topologyLabels), fabric));
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** The node's domain at each topology level whose label it carries (not blank), by level. */
  public static Map<String, String> domains(Node node, Map<String, String> topologyLabels) {
    var labels = node.getMetadata().getLabels() == null ? Map.<String, String>of() : node.getMetadata().getLabels();
    var domains = new HashMap<String, String>();
    topologyLabels.forEach((level, label) -> {
      var domain = labels.get(label);
      if (domain != null && !domain.isBlank()) domains.put(level, domain);
    });
    return domains;
  }

  private static long parseOrZero(String mib) {
    if (mib == null) return 0;
    try {
      return Math.max(0, Long.parseLong(mib.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
