package dev.sluice.k8s.write;

import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.Keys;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;

/**
 * The pods that hold a shared GPU for the device plugin: one per GPU that fractional pods share, in the
 * reservation namespace, bound straight to its node and asking for {@code nvidia.com/gpu: 1}, so that the
 * kubelet never hands that GPU to anyone else while Sluice's fractional pods use it. It prints the device the
 * device plugin gave it ({@code NVIDIA_VISIBLE_DEVICES}) to its log, where Sluice reads it. Labelled with the
 * GPU's index ({@code sluice.dev/reserved-gpu}); deleted when no fractional pod shares the GPU any more.
 */
public final class Reservations {
  private final KubernetesClient client;
  private final K8sConfig config;

  public Reservations(KubernetesClient client, K8sConfig config) {
    this.client = client;
    this.config = config;
  }

  /** The reservation pod's name for a node's GPU. */
  public static String name(String node, int gpu) {
    String name = "sluice-gpu-" + node + "-" + gpu;
    return name.length() <= 253 ? name : "sluice-gpu-" + Integer.toHexString(node.hashCode()) + "-" + gpu;
  }

  /** Creates the reservation of {@code node}'s GPU {@code gpu}; empty when done, else why it failed. */
  public Optional<String> create(String node, int gpu) {
    var pod = new PodBuilder()
        .withNewMetadata().withName(name(node, gpu)).withNamespace(config.reservationNamespace())
        .withLabels(Map.of(Keys.RESERVED_GPU, Integer.toString(gpu), "app.kubernetes.io/managed-by", "sluice")).endMetadata()
        .withNewSpec().withNodeName(node).withSchedulerName(config.schedulerName())
        .addNewToleration().withOperator("Exists").endToleration()
        .addNewContainer().withName("hold").withImage(config.reservationImage())
        .withCommand("sh", "-c", "echo \"$NVIDIA_VISIBLE_DEVICES\"; exec sleep 2147483647")
        .withNewResources().withLimits(Map.of(Keys.NVIDIA_GPU, new Quantity("1"))).endResources().endContainer()
        .endSpec().build();
    try {
      client.pods().inNamespace(config.reservationNamespace()).resource(pod).create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) return Optional.empty();
      return Optional.of("cannot reserve GPU " + gpu + " of node " + node + " in namespace " + config.reservationNamespace() + ": "
          + e.getMessage());
    }
  }

  public void delete(Pod reservation) {
    try {
      client.pods().inNamespace(reservation.getMetadata().getNamespace()).withName(reservation.getMetadata().getName()).delete();
    } catch (KubernetesClientException e) {
      // gone already, or the next cycle tries again
    }
  }
}
