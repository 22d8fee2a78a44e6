package dev.sluice.server.control;


import dev.sluice.control.DecisionSink;
import dev.sluice.control.SchedulingPolicies;
import dev.sluice.control.WorkloadSource;
import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.Workload;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.MutableClock;
import dev.sluice.server.metrics.ServerMetrics;
import dev.sluice.server.store.Database;
import dev.sluice.server.store.JdbcJobStore;
import dev.sluice.server.store.JdbcQueueStore;
import dev.sluice.server.store.JobResources;
import dev.sluice.server.store.NewJob;
import dev.sluice.server.store.QueueQuota;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.testkit.control.ControlLoopContract;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control loop's guarantees with the single host's ports, over a store: {@link StoreSource} reads the jobs and
 * queues, {@link HostCommit} starts processes ({@link FakeLauncher}) and writes the store. The contract's cluster
 * becomes the host (its one node, simulated GPUs), its queues with their deserved GPUs, and one pending job per
 * pending workload, named by the workload's id. The server keeps no past usage (its source starts from none); the
 * harness's source hands the contract's kept usage to the loop and reads through the server's.
 */
abstract class StoreControlLoopContract extends ControlLoopContract<StoreRead> {
  @TempDir
  Path dataDir;
  private Database database;
  private ControlPlane plane;

  /** An empty database of the kind under test (skips the test where there is none). */
  abstract Database openEmpty() throws SQLException;

  @AfterEach
  void close() {
    if (plane != null) plane.close();
    if (database != null) database.close();
  }

  @Override
  protected Harness<StoreRead> harness(SchedulerSnapshot cluster, UsageHistory pastUsage) {
    try {
      database = openEmpty();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the test database", e);
    }
    var clock = new MutableClock(Instant.ofEpochMilli(T0));
    var jobs = new JdbcJobStore(database);
    var queues = new JdbcQueueStore(database, clock);
    createQueues(queues, cluster.queues(), cluster.queues().roots(), null);
    var node = cluster.cluster().nodes().getFirst();
    var host = Host.of(node.name(), node.cpuMilli(), node.memoryMib(), FixedInventory.simulated(node.gpus().size()));
    var launcher = new FakeLauncher();
    plane = new ControlPlane(jobs, queues, host, launcher, SchedulingPolicies.fairShare(SchedulerConfig.defaults()), clock,
        dataDir.resolve("jobs"), Duration.ofSeconds(5), new ServerMetrics());
    var workloadOfJob = new HashMap<String, String>();
    for (var workload : cluster.pending()) workloadOfJob.put(jobs.submit(job(workload)).id(), workload.id());
    return new HostHarness(new KeptUsage(plane.source(), pastUsage), plane.sink(), launcher, workloadOfJob);
  }

  private static void createQueues(JdbcQueueStore store, QueueTree tree, List<String> names, String parent) {
    for (var name : names) {
      var gpu = tree.queue(name).orElseThrow().quotas().get(Dimension.GPU);
      var quotas = gpu == null ? Map.<String, QueueQuota>of() : Map.of("gpu", new QueueQuota(gpu.deserved(), null, 1, null));
      store.create(new QueueRecord(name, parent, tree.queue(name).orElseThrow().priority(), quotas));
      createQueues(store, tree, tree.children(name), name);
    }
  }

  /** The workload as a job of one pod, as the API would store it. */
  private static NewJob job(Workload workload) {
    var pod = workload.pods().getFirst();
    var resources = new JobResources(pod.gpuCount(), pod.gpuMilliPerGpu(), 0, pod.cpuMilli(), pod.memoryMib());
    return new NewJob(workload.id(), workload.queue(), workload.user(), List.of("train"), Map.of(), "/tmp", resources,
        workload.priority().value(), workload.preemptible(), Instant.ofEpochMilli(workload.submitTime()));
  }

  /** The server's source, with the past usage a former run kept (the server itself keeps none). */
  private record KeptUsage(WorkloadSource<StoreRead> source, UsageHistory kept) implements WorkloadSource<StoreRead> {
    @Override
    public UsageHistory pastUsage(Instant now) {
      return kept.decayedTo(Math.max(now.toEpochMilli(), kept.atMillis()));
    }

    @Override
    public StoreRead read(UsageHistory usage, Instant now) throws InterruptedException {
      return source.read(usage, now);
    }
  }

  private record HostHarness(WorkloadSource<StoreRead> source, DecisionSink<StoreRead> sink, FakeLauncher launcher,
                             Map<String, String> workloadOfJob) implements Harness<StoreRead> {
    @Override
    public List<String> bound() {
      return launcher.launches().stream().map(launch -> workloadOfJob.get(launch.jobId())).toList();
    }

    @Override
    public void failBindsOf(String id) {
      workloadOfJob.forEach((job, workload) -> {
        if (workload.equals(id)) launcher.refuse(job);
      });
    }

    @Override
    public boolean retriesFailedCommits() {
      return false;
    }
  }
}
