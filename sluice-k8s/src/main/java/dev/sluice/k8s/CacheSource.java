package dev.sluice.k8s;

import dev.sluice.control.WorkloadSource;
import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.k8s.read.SnapshotReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The cluster as the informers' caches hold it, read into the core's snapshot ({@link SnapshotReader}) together
 * with what the last commits wrote that the informers may not show yet ({@link CycleCommit#remembered}). Past usage
 * is read back from the Queues' statuses ({@link UsageStatuses#restore}), where a former leader kept it.
 */
final class CacheSource implements WorkloadSource<CacheRead> {
  private final ClusterCache cache;
  private final SnapshotReader reader;
  private final CycleCommit commit;
  private final Duration halfLife;

  CacheSource(ClusterCache cache, SnapshotReader reader, CycleCommit commit, Duration halfLife) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.commit = Objects.requireNonNull(commit, "commit");
    this.halfLife = Objects.requireNonNull(halfLife, "halfLife");
  }

  @Override
  public UsageHistory pastUsage(Instant now) {
    return UsageStatuses.restore(cache.objects().queues(), now.toEpochMilli(), halfLife);
  }

  @Override
  public CacheRead read(UsageHistory usage, Instant now) {
    long nowMillis = now.toEpochMilli();
    cache.lookForTrainingJobCrds(nowMillis);
    var objects = cache.objects();
    return new CacheRead(objects, reader.read(objects, commit.remembered(objects.pods(), now), usage, nowMillis));
  }
}
