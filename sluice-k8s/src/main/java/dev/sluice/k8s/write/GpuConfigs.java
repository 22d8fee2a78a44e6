package dev.sluice.k8s.write;

import dev.sluice.k8s.Keys;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The environment of a pod that shares a GPU, as the ConfigMap its containers read ({@code envFrom}, wired in
 * by the webhook): the device the reservation pod got from the device plugin, Sluice's fraction and the CUDA
 * MPS limits. Owned by the pod, so it goes when the pod goes. Sluice only creates it (named {@code sluice-gpu-…}),
 * never changes a ConfigMap that exists, so a pod cannot point it at someone else's.
 */
public final class GpuConfigs {
  private final KubernetesClient client;

  public GpuConfigs(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The device the reservation pod holds: the first line of its log, where it prints the
   * {@code NVIDIA_VISIBLE_DEVICES} the device plugin gave it; empty until it has started and printed it.
   */
  public Optional<String> deviceOf(Pod reservation) {
    try {
      String log = client.pods().inNamespace(reservation.getMetadata().getNamespace()).withName(reservation.getMetadata().getName()).getLog();
      if (log == null) return Optional.empty();
      return log.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }

  /** Whether the existing ConfigMap is Sluice's, made for this very pod (written before, not marked yet). */
  private boolean ownedBy(String namespace, String name, String podUid) {
    var existing = client.configMaps().inNamespace(namespace).withName(name).get();
    return existing != null && existing.getMetadata().getOwnerReferences() != null
        && existing.getMetadata().getOwnerReferences().stream().anyMatch(o -> java.util.Objects.equals(o.getUid(), podUid));
  }

  /** Marks the pod with the device its ConfigMap holds, so that it is written once. */
  public void markDevice(Pod pod, String device) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
              io.fabric8.kubernetes.client.utils.Serialization.asJson(java.util.Map.of("metadata", java.util.Map.of("annotations",
                  java.util.Map.of(Keys.GPU_DEVICE, device)))));
    } catch (KubernetesClientException e) {
      // the next cycle writes the ConfigMap again and tries once more
    }
  }

  /** Writes the pod's ConfigMap (named by its {@code sluice.dev/gpu-config}); empty when done, else why not. */
  public Optional<String> write(Pod pod, int gpu, int milli, long gpuMemoryMib, String device) {
    String name = dev.sluice.k8s.read.Pods.annotations(pod).get(Keys.GPU_CONFIG);
    var data = new LinkedHashMap<String, String>();
    data.put("NVIDIA_VISIBLE_DEVICES", device);
    data.put("SLUICE_GPU_INDEX", Integer.toString(gpu));
    data.put("SLUICE_GPU_FRACTION", BigDecimal.valueOf(milli, 3).stripTrailingZeros().toPlainString());
    data.put("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", Integer.toString(Math.max(1, Math.ceilDiv(milli, 10))));
    if (gpuMemoryMib > 0) data.put("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "0=" + gpuMemoryMib * milli / 1000 + "M");
    var meta = pod.getMetadata();
    var config = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(meta.getNamespace())
        .addToLabels("app.kubernetes.io/managed-by", "sluice")
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod").withName(meta.getName()).withUid(meta.getUid())
            .build())
        .endMetadata().withData(data).build();
    if (name == null || !name.startsWith("sluice-gpu-")) return Optional.of("the pod's " + Keys.GPU_CONFIG + " does not name a ConfigMap of Sluice's");
    try {
      client.configMaps().inNamespace(meta.getNamespace()).resource(config).create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 && ownedBy(meta.getNamespace(), name, meta.getUid())) return Optional.empty();
      return Optional.of("cannot write ConfigMap " + name + " with the pod's GPU: " + e.getMessage());
    }
  }
}
