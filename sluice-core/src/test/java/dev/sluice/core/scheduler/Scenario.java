package dev.sluice.core.scheduler;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A story on virtual time for scheduler tests: nodes and queues, then submissions, cycles (whose decisions
 * are committed at once), the clock moving on, and workloads finishing.
 */
final class Scenario {
  static final long MINUTE = 60_000;

  private final List<Node> nodes = new ArrayList<>();
  private final List<QueueSpec> queues = new ArrayList<>();
  private SchedulerConfig config = SchedulerConfig.defaults();
  private UsageHistory usage = UsageHistory.empty(0, Duration.ofHours(1));
  private SchedulerSnapshot snapshot;
  private CycleResult last;
  private long now;

  static Scenario cluster() {
    return new Scenario();
  }

  /** {@code count} nodes of {@code gpus} GPUs of one model, 64 cores and 512 GiB each. */
  Scenario nodes(int count, String model, int gpus) {
    for (int i = 0; i < count; i++) nodes.add(Node.uniform(model.toLowerCase() + "-" + nodes.size(), 64_000, 512 * 1024, gpus, model));
    return this;
  }

  /** {@code count} nodes of 8 A100s in the rack (and block) named, called {@code rack-i}. */
  Scenario rack(String rack, String block, int count) {
    for (int i = 0; i < count; i++) {
      nodes.add(Node.uniform(rack + "-" + i, 64_000, 512 * 1024, 8, "A100").withTopology(Map.of("rack", rack, "block", block)));
    }
    return this;
  }

  /** One node as given. */
  Scenario node(Node node) {
    nodes.add(node);
    return this;
  }

  /** A top-level queue that deserves {@code gpus} GPUs (any model), weight 1, no limit. */
  Scenario queue(String name, int gpus) {
    return queue(new QueueSpec(name, null, 0, Map.of(Dimension.GPU, Quota.deserved(gpus * 1000L))));
  }

  Scenario queue(QueueSpec spec) {
    queues.add(spec);
    return this;
  }

  Scenario config(SchedulerConfig newConfig) {
    config = newConfig;
    return this;
  }

  /** Past usage of a top-level queue, recorded at time 0. */
  Scenario used(String queue, double amount) {
    usage = usage.plus(tree(), queue, amount, 0);
    return this;
  }

  Job job(String id) {
    return new Job(id);
  }

  /** Runs one cycle on the current picture and commits all its decisions. */
  CycleResult cycle() {
    last = new Scheduler(config).cycle(current());
    snapshot = current().after(last);
    return last;
  }

  Scenario advance(long millis) {
    now += millis;
    snapshot = current().at(now);
    return this;
  }

  /** The workload ends: its pods leave their nodes. */
  Scenario finish(String id) {
    var s = current();
    var running = s.running().stream().filter(r -> !r.id().equals(id)).toList();
    if (running.size() == s.running().size()) throw new IllegalStateException(id + " is not running");
    snapshot = SchedulerSnapshot.of(nodes, running, s.pending(), s.queues(), s.usage(), now);
    return this;
  }

  boolean isRunning(String id) {
    return current().running().stream().anyMatch(r -> r.id().equals(id));
  }

  boolean isPending(String id) {
    return current().pending().stream().anyMatch(w -> w.id().equals(id));
  }

  Optional<RunningWorkload> running(String id) {
    return current().running().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The reason the last cycle gave for the workload waiting. */
  SchedulingDecision.Pending pendingDecision(String id) {
    return last.pending().stream().filter(p -> p.workload().id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(id + " is not pending after the last cycle"));
  }

  List<SchedulingDecision.Evict> evictions() {
    return last.evictions();
  }

  /** GPUs (whole units) a queue runs on now. */
  long gpusOf(String queue) {
    return current().running().stream().filter(r -> r.workload().queue().equals(queue))
        .flatMap(r -> r.bindings().stream()).mapToLong(b -> b.pod().totalGpuMilli()).sum() / 1000;
  }

  SchedulerSnapshot current() {
    if (snapshot == null) snapshot = SchedulerSnapshot.of(nodes, List.of(), List.of(), tree(), usage, now);
    return snapshot;
  }

  private QueueTree tree() {
    try {
      return QueueTree.of(queues);
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException(e);
    }
  }

  private void addPending(Workload workload) {
    var s = current();
    var pending = new ArrayList<>(s.pending());
    pending.add(workload);
    snapshot = new SchedulerSnapshot(s.cluster(), s.running(), pending, s.queues(), s.usage(), now);
  }

  /** A workload being described; {@link #submit()} adds it to the pending ones at the current time. */
  final class Job {
    private final String id;
    private String queue;
    private int pods = 1;
    private int gpusPerPod = 1;
    private final List<Integer> morePods = new ArrayList<>();
    private int milliPerGpu = 1000;
    private String model;
    private int minMembers = -1;
    private PriorityClass priority = PriorityClass.TRAIN;
    private boolean preemptible;
    private Runtimes runtimes = Runtimes.NONE;
    private TopologyConstraint topology = TopologyConstraint.NONE;
    private FabricRequest fabric = FabricRequest.NONE;

    private Job(String id) {
      this.id = id;
    }

    Job in(String queueName) {
      queue = queueName;
      return this;
    }

    /** {@code count} pods of {@code gpus} whole GPUs each. */
    Job pods(int count, int gpus) {
      pods = count;
      gpusPerPod = gpus;
      return this;
    }

    /** {@code count} more pods of {@code gpus} whole GPUs each, after those of {@link #pods}. */
    Job andPods(int count, int gpus) {
      for (int i = 0; i < count; i++) morePods.add(gpus);
      return this;
    }

    Job fraction(int milli) {
      milliPerGpu = milli;
      gpusPerPod = 1;
      return this;
    }

    Job on(String gpuModel) {
      model = gpuModel;
      return this;
    }

    Job elastic(int min) {
      minMembers = min;
      return this;
    }

    Job priority(PriorityClass p) {
      priority = p;
      return this;
    }

    Job preemptible() {
      preemptible = true;
      return this;
    }

    Job runtimes(long minRuntime, long walltime, long expected) {
      runtimes = new Runtimes(minRuntime, walltime, expected);
      return this;
    }

    Job topology(TopologyConstraint constraint) {
      topology = constraint;
      return this;
    }

    /** What each of its pods asks of the fabric. */
    Job fabric(FabricRequest request) {
      fabric = request;
      return this;
    }

    Scenario submit() {
      var requests = new ArrayList<PodRequest>();
      var models = model == null ? Set.<String>of() : Set.of(model);
      for (int i = 0; i < pods; i++) {
        requests.add(new PodRequest(id + "-" + i, 1_000, 1024, gpusPerPod, milliPerGpu, models, fabric));
      }
      for (int gpus : morePods) requests.add(new PodRequest(id + "-" + requests.size(), 1_000, 1024, gpus, 1000, models, fabric));
      var workload = new Workload(id, queue, "user", requests, minMembers < 0 ? requests.size() : minMembers, priority,
          preemptible, now, runtimes, topology);
      addPending(workload);
      return Scenario.this;
    }
  }
}
