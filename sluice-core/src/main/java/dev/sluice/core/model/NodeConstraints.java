package dev.sluice.core.model;

import java.util.List;
import java.util.Map;

/** The constraints every placement applies, in the order a node is reported under the first it fails. */
public final class NodeConstraints {
  private static final List<NodeConstraint> DEVICES = List.of(gpuModel(), gpuCount(), cpu(), memory(), gpuRoom());
  private static final List<NodeConstraint> FABRIC = List.of(nvme(), density(), extended(), rdma(), nicBandwidth());
  private static final List<NodeConstraint> STANDARD = java.util.stream.Stream.concat(DEVICES.stream(), FABRIC.stream()).toList();

  private NodeConstraints() {
  }

  /** All of the below, in order. */
  public static List<NodeConstraint> standard() {
    return STANDARD;
  }

  /** The first standard constraint the pod fails on the node, or {@link Fit#FITS}; pods that ask nothing of the fabric skip its constraints. */
  public static Fit checkStandard(NodeState node, PodShape pod) {
    var fit = check(DEVICES, node, pod);
    return fit != Fit.FITS || pod.fabric().isNone() ? fit : check(FABRIC, node, pod);
  }

  /** The first failing constraint's fit, or {@link Fit#FITS}. */
  public static Fit check(List<NodeConstraint> constraints, NodeState node, PodShape pod) {
    for (var constraint : constraints) {
      var fit = constraint.check(node, pod);
      if (fit != Fit.FITS) return fit;
    }
    return Fit.FITS;
  }

  public static NodeConstraint gpuModel() {
    return (node, pod) -> pod.gpuCount() > 0 && !pod.allowsModel(node.type().gpuModel()) ? Fit.GPU_MODEL_NOT_ALLOWED : Fit.FITS;
  }

  public static NodeConstraint gpuCount() {
    return (node, pod) -> pod.gpuCount() > node.gpuCount() ? Fit.TOO_FEW_GPUS : Fit.FITS;
  }

  public static NodeConstraint cpu() {
    return (node, pod) -> pod.cpuMilli() > node.freeCpuMilli() ? Fit.INSUFFICIENT_CPU : Fit.FITS;
  }

  public static NodeConstraint memory() {
    return (node, pod) -> pod.memoryMib() > node.freeMemoryMib() ? Fit.INSUFFICIENT_MEMORY : Fit.FITS;
  }

  public static NodeConstraint gpuRoom() {
    return (node, pod) -> pod.gpuCount() > 0 && node.gpusWithRoom(pod.gpuMilliPerGpu()) < pod.gpuCount()
        ? Fit.INSUFFICIENT_GPU : Fit.FITS;
  }

  public static NodeConstraint nvme() {
    return (node, pod) -> pod.fabric().nvmeGib() > node.fabric().nvmeFreeGib() ? Fit.INSUFFICIENT_NVME : Fit.FITS;
  }

  /** At most the pod's {@code maxPerNode} instances of its app on one node. */
  public static NodeConstraint density() {
    return (node, pod) -> {
      var request = pod.fabric();
      return request.maxPerNode() > 0 && node.fabric().instancesOf(request.app()) >= request.maxPerNode() ? Fit.DENSITY_CAP : Fit.FITS;
    };
  }

  public static NodeConstraint extended() {
    return (node, pod) -> {
      for (Map.Entry<String, Long> wanted : pod.fabric().extended().entrySet()) {
        if (wanted.getValue() > node.fabric().extendedFree().getOrDefault(wanted.getKey(), 0L)) return Fit.insufficient(wanted.getKey());
      }
      return Fit.FITS;
    };
  }

  public static NodeConstraint rdma() {
    return (node, pod) -> pod.fabric().rdma() && !node.type().fabric().hasRdma() ? Fit.NO_RDMA_NIC : Fit.FITS;
  }

  /** Bandwidth for the pod: near its GPUs for an RDMA pod with GPUs ({@link NicAffinity}), else from all NICs. */
  public static NodeConstraint nicBandwidth() {
    return (node, pod) -> {
      if (pod.fabric().nicMbps() == 0) return Fit.FITS;
      boolean affine = NicAffinity.applies(pod);
      if (NicAffinity.takenMbps(pod) > node.fabric().pooledFreeMbps()) return Fit.INSUFFICIENT_NIC_BANDWIDTH;
      return affine && !NicAffinity.fits(node, pod) ? Fit.NO_NIC_NEAR_GPU : Fit.FITS;
    };
  }
}
