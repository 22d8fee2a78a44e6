package dev.sluice.k8s.write;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Optional;

/**
 * Evicts pods through the {@code policy/v1} Eviction API, so PodDisruptionBudgets are honoured, with a grace
 * period for a checkpoint. A pod already gone counts as evicted. It uses a client of its own that does not retry:
 * a budget's refusal (429) is an answer to report, not a reason to wait in the cycle.
 */
public final class ApiEvictor implements AutoCloseable {
  private final KubernetesClient client;
  private final Duration grace;

  public ApiEvictor(KubernetesClient client, Duration grace) {
    var config = new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build();
    this.client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build();
    this.grace = grace;
  }

  @Override
  public void close() {
    client.close();
  }

  /** Empty when the eviction was accepted (or the pod is gone); else why not, e.g. a PodDisruptionBudget. */
  public Optional<String> evict(String namespace, String name) {
    var eviction = new EvictionBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withDeleteOptions(new DeleteOptionsBuilder().withGracePeriodSeconds(grace.toSeconds()).build()).build();
    try {
      boolean accepted = client.pods().inNamespace(namespace).withName(name).evict(eviction);
      return accepted ? Optional.empty()
          : Optional.of("the eviction of " + namespace + "/" + name + " was refused (429): a PodDisruptionBudget does not allow it now");
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return Optional.empty();
      return Optional.of("the eviction of " + namespace + "/" + name + " failed: " + e.getMessage());
    }
  }

  /** Deletes the pod with the grace period, past any PodDisruptionBudget; empty when it is going (or gone), else why not. */
  public Optional<String> delete(String namespace, String name) {
    try {
      client.pods().inNamespace(namespace).withName(name).withGracePeriod(grace.toSeconds()).delete();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return Optional.empty();
      return Optional.of("the deletion of " + namespace + "/" + name + " failed: " + e.getMessage());
    }
  }
}
