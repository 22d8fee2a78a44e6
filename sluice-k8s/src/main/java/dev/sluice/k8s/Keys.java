package dev.sluice.k8s;

/** The label, annotation and resource names Sluice reads and writes on Kubernetes objects. */
public final class Keys {
  /** The API group of Sluice's custom resources. */
  public static final String GROUP = "sluice.dev";
  /** Label on a pod or namespace: the leaf queue its pods go to. */
  public static final String QUEUE = "sluice.dev/queue";
  /** Annotation on a pod: the PodGroup (same namespace) it belongs to. */
  public static final String POD_GROUP = "sluice.dev/pod-group";
  /** Annotation on a pod: a fraction of one GPU, e.g. {@code "0.5"}. */
  public static final String GPU_FRACTION = "sluice.dev/gpu-fraction";
  /** Annotation on a pod: GPU memory of one GPU, e.g. {@code "20Gi"}. */
  public static final String GPU_MEMORY = "sluice.dev/gpu-memory";
  /** Annotation on a pod: {@code "true"} or {@code "false"}, overriding the default from its priority. */
  public static final String PREEMPTIBLE = "sluice.dev/preemptible";
  /** Annotation on a pod: NIC bandwidth, e.g. {@code "25G"} ({@link dev.sluice.core.model.NicBandwidth}). */
  public static final String NIC_BANDWIDTH = "sluice.dev/nic-bandwidth";
  /** Annotation on a pod: {@code "true"} when it needs an RDMA NIC. */
  public static final String RDMA = "sluice.dev/rdma";
  /** Annotation on a node: its NICs, e.g. {@code "mlx5_0=200G,rdma,pci0000:17,numa0;eth0=25G"}. */
  public static final String NICS = "sluice.dev/nics";
  /** Annotation on a node: where each GPU sits, by index, e.g. {@code "0=pci0000:17,numa0;1=pci0000:a3,numa1"}. */
  public static final String GPU_LOCALITY = "sluice.dev/gpu-locality";
  /** Annotation Sluice writes on a fractional pod before binding it: the index of the GPU it shares. */
  public static final String GPU_INDEX = "sluice.dev/gpu-index";
  /** Annotation the webhook writes on a fractional pod: the ConfigMap with its GPU's environment. */
  public static final String GPU_CONFIG = "sluice.dev/gpu-config";
  /** Annotation Sluice writes on a fractional pod once its ConfigMap holds the device it shares. */
  public static final String GPU_DEVICE = "sluice.dev/gpu-device";
  /** Label on a reservation pod: the index of the GPU it holds for fractional pods. */
  public static final String RESERVED_GPU = "sluice.dev/reserved-gpu";
  /** The device plugin's extended resource for whole NVIDIA GPUs. */
  public static final String NVIDIA_GPU = "nvidia.com/gpu";
  /** GPU feature discovery's labels on a node (the count comes from allocatable {@code nvidia.com/gpu}). */
  public static final String GPU_PRODUCT = "nvidia.com/gpu.product";
  public static final String GPU_MEMORY_MIB = "nvidia.com/gpu.memory";
  /** The name of the PriorityClass whose value is the preemptible threshold. */
  public static final String DEFAULT_PRIORITY_CLASS = "sluice-default";

  private Keys() {
  }
}
