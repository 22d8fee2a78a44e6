package dev.sluice.k8s;

import dev.sluice.control.Committed;
import dev.sluice.control.DecidedCycle;
import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.k8s.read.ClusterObjects;
import dev.sluice.k8s.read.ClusterRead;
import dev.sluice.k8s.write.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;

/**
 * Sluice's own {@link CycleCommit}, wired as {@link KubernetesLoop} wires it ({@link CycleCommit#through}), for
 * {@code dev.sluice.bench.BinderBenchmark}: it commits a cycle decided on API objects in memory, with no informer
 * and no loop around it. It sits in this package to reach the package-private commit, but ships in sluice-bench,
 * not in sluice-k8s.
 */
public final class BenchCommit implements AutoCloseable {
  private final StatusWriter statuses;
  private final CycleCommit commit;

  public BenchCommit(KubernetesClient client, K8sConfig config) {
    this.statuses = new StatusWriter(client, config.schedulerName());
    this.commit = CycleCommit.through(client, config, statuses, Duration.ofSeconds(30), count -> { });
  }

  /** Commits {@code result}, decided on {@code read} of {@code objects}, as a cycle started at {@code started} would. */
  public Committed commit(ClusterObjects objects, ClusterRead read, CycleResult result, Instant started) throws InterruptedException {
    return commit.commit(new DecidedCycle<>(new CacheRead(objects, read), read.snapshot(), result, started));
  }

  /** Stops the Event senders (Events still queued are dropped) and the evictions' client. */
  @Override
  public void close() {
    statuses.close();
    commit.close();
  }
}
