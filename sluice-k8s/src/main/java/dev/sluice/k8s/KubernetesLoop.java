package dev.sluice.k8s;

import dev.sluice.control.ControlLoop;
import dev.sluice.control.CycleSummary;
import dev.sluice.control.DecisionSink;
import dev.sluice.control.WorkloadSource;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.k8s.read.SnapshotReader;
import dev.sluice.k8s.write.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sluice as a Kubernetes scheduler: informers keep a cache of the cluster; each cycle is the shared
 * {@link ControlLoop}'s, which reads the cache into a snapshot ({@link CacheSource}), runs the core {@link Scheduler}
 * on it and commits the decisions and queue statuses through the API server ({@link CycleCommit}). Cycles run one
 * at a time, every {@code cycleInterval} and soon after any change the informers see. Everything is read back from the API
 * server when the loop starts, past usage for fair share too: it is kept in the Queues' statuses
 * ({@link UsageStatuses}).
 */
public final class KubernetesLoop implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(KubernetesLoop.class.getName());
  private final KubernetesClient client;
  private final K8sConfig config;
  private final Scheduler scheduler;
  private final InstantSource clock;
  private final CycleCommit commit;
  private final StatusWriter statuses;
  private final Duration halfLife;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("sluice-k8s-loop").daemon(true).factory());
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile ClusterCache cache;
  private volatile CacheSource source;
  private volatile ControlLoop<CacheRead> loop;
  private volatile Consumer<CycleSummary> onCycle;
  private volatile Runnable onFatal = () -> { };
  private volatile Consumer<StaleGangCount> onStaleGangs = count -> { };
  private volatile boolean closing;

  public KubernetesLoop(KubernetesClient client, K8sConfig config, SchedulerConfig schedulerConfig, InstantSource clock,
                        Duration grace, Duration halfLife) {
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
    this.scheduler = new Scheduler(schedulerConfig);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.halfLife = Objects.requireNonNull(halfLife, "halfLife");
    this.statuses = new StatusWriter(client, config.schedulerName());
    this.commit = CycleCommit.through(client, config, statuses, grace, count -> onStaleGangs.accept(count));
  }

  /** Starts the informers and waits until each has listed its objects once; no cycle runs yet. */
  public void sync() {
    var synced = new ClusterCache(client, this::wake, clock.millis());
    source = new CacheSource(synced, new SnapshotReader(config), commit, halfLife);
    loop = new ControlLoop<>(source, commit, scheduler, clock);
    cache = synced;
  }

  /** The port this loop reads the cluster through (once synced): for the control loop's contract test. */
  WorkloadSource<CacheRead> source() {
    return source;
  }

  /** The port this loop commits through: for the control loop's contract test. */
  DecisionSink<CacheRead> sink() {
    return commit;
  }

  /** Cycles every interval and after changes, reporting each cycle's summary to {@code onCycle}. */
  public void start(Consumer<CycleSummary> onCycle) {
    if (cache == null) sync();
    this.onCycle = Objects.requireNonNull(onCycle, "onCycle");
    executor.scheduleWithFixedDelay(() -> cycleSafely(onCycle), 0, config.cycleInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void wake() {
    var report = onCycle;
    if (closing || report == null || !wakeQueued.compareAndSet(false, true)) return;
    try {
      executor.schedule(() -> {
        wakeQueued.set(false);
        cycleSafely(report);
      }, 50, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      wakeQueued.set(false);
    }
  }

  private void cycleSafely(Consumer<CycleSummary> onCycle) {
    try {
      onCycle.accept(cycle());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (VirtualMachineError e) {
      LOG.log(System.Logger.Level.ERROR, "the JVM cannot go on (" + e + "); stopping the scheduler", e);
      onFatal.run();
    } catch (Exception | Error e) {
      LOG.log(System.Logger.Level.ERROR, "scheduling cycle failed; the next one tries again", e);
    }
  }

  /** What to do when the JVM cannot go on (out of memory): by default nothing; the scheduler process exits. */
  public void onFatal(Runnable action) {
    this.onFatal = Objects.requireNonNull(action, "action");
  }

  /** What to do with each cycle's count of gangs below their minimum and of those evicted for it (the metrics). */
  void onStaleGangs(Consumer<StaleGangCount> action) {
    this.onStaleGangs = Objects.requireNonNull(action, "action");
  }

  /** Runs one cycle now (the loop's thread runs them otherwise; callers must not run two at once). */
  public synchronized CycleSummary cycle() throws InterruptedException {
    if (loop == null) throw new IllegalStateException("sync() first");
    return loop.cycle();
  }

  /** Stops the loop and its informers; a second call does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    closing = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (cache != null) cache.close();
    statuses.close();
    commit.close();
  }
}
