package dev.sluice.k8s.write;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends Events in the background, as kube-scheduler's event broadcaster does: a cycle never waits for them,
 * and when the API server falls behind (more than {@code backlog} waiting) new ones are dropped.
 */
final class EventRecorder implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventRecorder.class.getName());
  private final KubernetesClient client;
  private final ThreadPoolExecutor executor;

  EventRecorder(KubernetesClient client, int senders, int backlog) {
    this.client = client;
    this.executor = new ThreadPoolExecutor(senders, senders, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(backlog),
        Thread.ofVirtual().name("sluice-events").factory(),
        (task, pool) -> LOG.log(System.Logger.Level.DEBUG, "event dropped: the API server is behind"));
  }

  void send(Event event) {
    if (executor.isShutdown()) return;
    executor.execute(() -> {
      try {
        client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "event not written: " + e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
