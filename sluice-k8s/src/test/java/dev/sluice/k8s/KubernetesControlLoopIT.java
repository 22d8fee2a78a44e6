package dev.sluice.k8s;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.control.DecisionSink;
import dev.sluice.control.WorkloadSource;
import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.k8s.resource.QueueResource;
import dev.sluice.testkit.control.ControlLoopContract;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The control loop's guarantees with Kubernetes' ports: the informers' cache as the source, binds, evictions and
 * statuses through fabric8's mock API server as the sink. The contract's cluster becomes API objects: its nodes (80
 * GiB GPUs), its queues with their deserved GPUs, one pod of namespace {@code ml} per pending workload, named by the
 * workload's id, and the past usage in the queues' statuses.
 */
class KubernetesControlLoopIT extends ControlLoopContract<CacheRead> {
  private static final String NAMESPACE = "ml";
  private StoryCluster cluster;

  @AfterEach
  void close() {
    if (cluster != null) cluster.close();
  }

  @Override
  protected Harness<CacheRead> harness(SchedulerSnapshot wanted, UsageHistory pastUsage) {
    cluster = StoryCluster.startWith(NAMESPACE);
    wanted.cluster().nodes().forEach(n -> cluster.node(n.name(), n.cpuMilli() + "m", n.memoryMib() + "Mi", n.gpus().size(),
        n.gpus().isEmpty() ? "" : n.gpus().getFirst().model(), 81_920));
    queues(wanted.queues(), wanted.queues().roots(), null);
    pastUsage.usage().forEach((queue, amount) -> keepUsage(queue, amount, pastUsage.atMillis()));
    wanted.pending().forEach(w -> cluster.pod(NAMESPACE, w.id(), w.pods().getFirst().gpuCount(), Map.of(Keys.QUEUE, w.queue()), Map.of()));
    var loop = cluster.loop(InstantSource.system());
    awaitSeen(loop.source(), wanted, pastUsage);
    return new ApiHarness(loop.source(), loop.sink(), cluster);
  }

  private record ApiHarness(WorkloadSource<CacheRead> source, DecisionSink<CacheRead> sink, StoryCluster cluster)
      implements Harness<CacheRead> {
    @Override
    public List<String> bound() {
      return cluster.client.pods().inNamespace(NAMESPACE).list().getItems().stream()
          .filter(p -> p.getSpec().getNodeName() != null).map(p -> p.getMetadata().getName()).toList();
    }

    @Override
    public void failBindsOf(String id) {
      assumeTrue(cluster.isMock(), "only the mock API server refuses binds on request");
      cluster.dispatcher.refusedBinds.add(NAMESPACE + "/" + id);
    }
  }

  private void queues(QueueTree tree, List<String> names, String parent) {
    for (var name : names) {
      var gpu = tree.queue(name).orElseThrow().quotas().get(Dimension.GPU);
      cluster.queue(name, parent, gpu == null ? null : Long.toString(gpu.deserved() / 1000), null);
      queues(tree, tree.children(name), name);
    }
  }

  private void keepUsage(String queue, double gpuMilliSeconds, long atMillis) {
    var usage = new QueueResource.Usage(gpuMilliSeconds / 1000, Instant.ofEpochMilli(atMillis).toString());
    cluster.client.resources(QueueResource.class).withName(queue).editStatus(q -> {
      q.setStatus(new QueueResource.Status(Map.of(), Map.of(), Map.of(), List.of(), usage));
      return q;
    });
  }

  /** Waits until the informers hold every object made: the contract's cycles run right away. */
  private static void awaitSeen(WorkloadSource<CacheRead> source, SchedulerSnapshot wanted, UsageHistory pastUsage) {
    var now = Instant.ofEpochMilli(T0);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      var snapshot = source.read(noPastUsage(), now).snapshot();
      return snapshot.cluster().nodes().size() == wanted.cluster().nodes().size()
          && snapshot.pending().size() == wanted.pending().size()
          && snapshot.queues().size() == wanted.queues().size()
          && source.pastUsage(now).usage().keySet().containsAll(pastUsage.usage().keySet());
    });
  }
}
