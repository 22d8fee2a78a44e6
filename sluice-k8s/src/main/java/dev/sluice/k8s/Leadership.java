package dev.sluice.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Leader election on a {@code coordination.k8s.io} Lease: only the holder schedules. A standby takes over when
 * the lease is released (a clean stop) or has not been renewed for {@code leaseDuration} (a crash); the new
 * leader reads everything back from the API server before its first cycle.
 *
 * @param namespace     where the Lease lives
 * @param name          the Lease's name
 * @param identity      this process's name in the Lease
 * @param leaseDuration how long a lease lasts without renewal
 */
public record Leadership(String namespace, String name, String identity, Duration leaseDuration) {
  /** Campaigns for the lease; runs {@code lead} on winning it and {@code lose} on losing it. Cancel to step down. */
  public CompletableFuture<?> campaign(KubernetesClient client, Runnable lead, Runnable lose, Consumer<String> newLeader) {
    var renew = leaseDuration.multipliedBy(2).dividedBy(3);
    var retry = leaseDuration.dividedBy(5);
    var config = new LeaderElectionConfigBuilder().withName(name).withLock(new LeaseLock(namespace, name, identity))
        .withLeaseDuration(leaseDuration).withRenewDeadline(renew).withRetryPeriod(retry)
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(lead, lose, newLeader)).build();
    return client.leaderElector().withConfig(config).build().start();
  }
}
