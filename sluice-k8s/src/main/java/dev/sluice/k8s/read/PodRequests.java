package dev.sluice.k8s.read;

import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.PodRequest;
import dev.sluice.k8s.Keys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a pod asks for, as the core's {@link PodRequest} named {@code namespace/name}: CPU and memory as the
 * kubelet counts them (the sum of the containers' requests, or of their limits where a request is missing,
 * at least each init container's, plus the pod's overhead); whole GPUs from {@code nvidia.com/gpu} limits; a
 * fraction of one GPU from the annotation {@code sluice.dev/gpu-fraction} or {@code sluice.dev/gpu-memory}
 * (then without an {@code nvidia.com/gpu} limit). A node selector on {@code nvidia.com/gpu.product} limits
 * the GPU models. NIC bandwidth and RDMA come from the annotations {@link FabricAnnotations} reads.
 *
 * <p>GPU memory becomes a share of the smallest GPU model that has that much memory, so that the pod gets at
 * least what it asked for on every model it may land on; models with less memory are ruled out.
 */
public final class PodRequests {
  private static final java.util.regex.Pattern FRACTION = java.util.regex.Pattern.compile("0?\\.\\d{1,3}|1(\\.0{1,3})?|0");
  private static final java.util.regex.Pattern MEMORY = java.util.regex.Pattern.compile("\\d{1,9}(\\.\\d{1,3})?(Ki|Mi|Gi|Ti|k|M|G|T)?");

  private PodRequests() {
  }

  /** At most 40 characters of a user's text, for a message. */
  private static String shown(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /**
   * What a pod that is not Sluice's to schedule holds: its containers' CPU, memory and whole GPUs as the kubelet
   * counts them, whatever its annotations say (they are Sluice's only on Sluice's pods).
   */
  public static PodRequest held(Pod pod) {
    var spec = pod.getSpec();
    try {
      long cpu = amount(spec.getContainers(), spec.getInitContainers(), spec.getOverhead(), "cpu", true);
      long memory = amount(spec.getContainers(), spec.getInitContainers(), spec.getOverhead(), "memory", false);
      int gpus = (int) Math.min(gpuCount(spec.getContainers()), 1024);
      return new PodRequest(Pods.key(pod), cpu, memory, gpus, gpus == 0 ? 0 : PodRequest.WHOLE_GPU, Set.of());
    } catch (NumberFormatException | ArithmeticException e) {
      return new PodRequest(Pods.key(pod), 0, 0, 0, 0, Set.of());
    }
  }

  /**
   * The pod's request with what it asks of the fabric ({@link FabricAnnotations}), or what is wrong with it.
   * {@code gpuMemoryByModel}: the GPU models of the cluster.
   */
  public static Parsed<PodRequest> read(Pod pod, Map<String, Long> gpuMemoryByModel) {
    return switch (FabricAnnotations.request(Pods.annotations(pod))) {
      case Parsed.Invalid<FabricRequest> invalid -> invalid.as();
      case Parsed.Ok<FabricRequest>(var fabric) -> switch (resources(pod, gpuMemoryByModel)) {
        case Parsed.Invalid<PodRequest> invalid -> invalid;
        case Parsed.Ok<PodRequest>(var request) -> new Parsed.Ok<>(fabric.isNone() ? request : request.withFabric(fabric));
      };
    };
  }

  private static Parsed<PodRequest> resources(Pod pod, Map<String, Long> gpuMemoryByModel) {
    var spec = pod.getSpec();
    String name = Pods.key(pod);
    long cpu;
    long memory;
    long gpus;
    try {
      cpu = amount(spec.getContainers(), spec.getInitContainers(), spec.getOverhead(), "cpu", true);
      memory = amount(spec.getContainers(), spec.getInitContainers(), spec.getOverhead(), "memory", false);
      gpus = gpuCount(spec.getContainers());
    } catch (NumberFormatException | ArithmeticException e) {
      return new Parsed.Invalid<>("spec.containers[].resources", e.getMessage());
    }
    var models = allowedModels(pod);
    var annotations = Pods.annotations(pod);
    String fraction = annotations.get(Keys.GPU_FRACTION);
    String gpuMemory = annotations.get(Keys.GPU_MEMORY);
    if (fraction == null && gpuMemory == null) {
      if (gpus > 64) return new Parsed.Invalid<>("spec.containers[].resources.limits[nvidia.com/gpu]", "at most 64 GPUs per pod, was " + gpus);
      return new Parsed.Ok<>(new PodRequest(name, cpu, memory, (int) gpus, gpus == 0 ? 0 : PodRequest.WHOLE_GPU, models));
    }
    if (gpus > 0) {
      return invalid(fraction != null ? Keys.GPU_FRACTION : Keys.GPU_MEMORY,
          "a GPU fraction and an nvidia.com/gpu limit exclude each other; drop the limit for a fraction");
    }
    if (fraction != null && gpuMemory != null) {
      return invalid(Keys.GPU_FRACTION, "give either " + Keys.GPU_FRACTION + " or " + Keys.GPU_MEMORY + ", not both");
    }
    var share = fraction != null ? fractionMilli(fraction) : memoryShare(gpuMemory, models, gpuMemoryByModel);
    return switch (share) {
      case Parsed.Invalid<Share> invalid -> invalid.as();
      case Parsed.Ok<Share> ok -> new Parsed.Ok<>(new PodRequest(name, cpu, memory, 1, ok.value().milli(), ok.value().models()));
    };
  }

  private record Share(int milli, Set<String> models) {
  }

  private static Parsed<Share> fractionMilli(String text) {
    if (!FRACTION.matcher(text.trim()).matches()) {
      return invalid(Keys.GPU_FRACTION, "must be a number in (0, 1] with at most 3 decimals, was '" + shown(text) + "'");
    }
    var value = new BigDecimal(text.trim());
    if (value.signum() <= 0) return invalid(Keys.GPU_FRACTION, "must be a number in (0, 1] with at most 3 decimals, was '" + text + "'");
    int milli = value.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).intValueExact();
    return new Parsed.Ok<>(new Share(milli, Set.of()));
  }

  private static Parsed<Share> memoryShare(String text, Set<String> models, Map<String, Long> gpuMemoryByModel) {
    long mib;
    try {
      if (!MEMORY.matcher(text.trim()).matches()) throw new NumberFormatException();
      mib = KubeQuantities.mib(new Quantity(text.trim()));
    } catch (RuntimeException e) {
      return invalid(Keys.GPU_MEMORY, "must be a memory quantity such as 20Gi, was '" + shown(text) + "'");
    }
    if (mib <= 0) return invalid(Keys.GPU_MEMORY, "must be more than 0, was " + text);
    var fitting = new TreeMap<String, Long>();
    gpuMemoryByModel.forEach((model, memory) -> {
      if (memory >= mib && (models.isEmpty() || models.contains(model))) fitting.put(model, memory);
    });
    if (fitting.isEmpty()) {
      return invalid(Keys.GPU_MEMORY, "no GPU model " + (models.isEmpty() ? "" : "among " + describe(models) + " ")
          + "in the cluster has " + text + " (known GPU memory by model, from nvidia.com/gpu.memory: " + new TreeMap<>(gpuMemoryByModel) + ")");
    }
    long smallest = fitting.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    int milli = (int) Math.max(1, Math.ceilDiv(mib * PodRequest.WHOLE_GPU, smallest));
    return new Parsed.Ok<>(new Share(milli, fitting.keySet()));
  }

  private static <T> Parsed<T> invalid(String annotation, String message) {
    return new Parsed.Invalid<>("metadata.annotations[" + annotation + "]", message);
  }

  private static Set<String> allowedModels(Pod pod) {
    var selector = pod.getSpec().getNodeSelector();
    if (selector == null || !selector.containsKey(Keys.GPU_PRODUCT)) return Set.of();
    return Set.of(selector.get(Keys.GPU_PRODUCT));
  }

  private static long gpuCount(List<Container> containers) {
    long total = 0;
    for (var c : containers) {
      var limits = c.getResources() == null ? null : c.getResources().getLimits();
      if (limits != null && limits.containsKey(Keys.NVIDIA_GPU)) total = Math.addExact(total, KubeQuantities.count(limits.get(Keys.NVIDIA_GPU)));
    }
    return total;
  }

  private static long amount(List<Container> containers, List<Container> initContainers, Map<String, Quantity> overhead,
                             String resource, boolean milli) {
    long sum = 0;
    for (var c : containers) sum = Math.addExact(sum, containerAmount(c, resource, milli));
    if (initContainers != null) {
      for (var c : initContainers) sum = Math.max(sum, containerAmount(c, resource, milli));
    }
    if (overhead != null && overhead.containsKey(resource)) sum = Math.addExact(sum, convert(overhead.get(resource), milli));
    return sum;
  }

  private static long containerAmount(Container container, String resource, boolean milli) {
    var resources = container.getResources();
    if (resources == null) return 0;
    var requests = resources.getRequests();
    if (requests != null && requests.containsKey(resource)) return convert(requests.get(resource), milli);
    var limits = resources.getLimits();
    if (limits != null && limits.containsKey(resource)) return convert(limits.get(resource), milli);
    return 0;
  }

  private static long convert(Quantity quantity, boolean milli) {
    return milli ? KubeQuantities.milli(quantity) : KubeQuantities.mib(quantity);
  }

  static String describe(Set<String> models) {
    return models.stream().sorted().collect(Collectors.joining(","));
  }
}
