package dev.sluice.sim.replay;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.fairness.UsageMeter;
import dev.sluice.core.scheduler.PodBinding;
import dev.sluice.core.scheduler.PriorityClass;
import dev.sluice.core.scheduler.RunningWorkload;
import dev.sluice.core.scheduler.Runtimes;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.core.scheduler.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sluice's scheduler cycle ({@link Scheduler}) behind the replay's interface. Each pod is a one-pod
 * workload of its queue, priority from its QoS class, preemptible unless its QoS class is Guaranteed, with
 * its declared walltime (see {@link Walltimes}) as its walltime, the runtime it plans with. Virtual
 * seconds become the scheduler's milliseconds × 1000. The adapter keeps the queues' usage history: each
 * cycle adds what every leaf held since the last one (GPU milli × seconds), halving every {@code halfLife}.
 */
public final class FairShareScheduler implements ReplayScheduler {
  private static final long MILLIS = 1000;
  private final Scheduler scheduler;
  private final Map<String, Integer> nodeIndex = new HashMap<>();
  private final Map<Integer, Workload> workloads = new HashMap<>();
  private final UsageMeter usage;

  public FairShareScheduler(SchedulerConfig config, Duration halfLife) {
    this.scheduler = new Scheduler(config);
    this.usage = new UsageMeter(UsageHistory.empty(0, halfLife));
  }

  @Override
  public Outcome cycle(Input input) {
    if (nodeIndex.isEmpty()) {
      var nodes = input.cluster().nodes();
      for (int i = 0; i < nodes.size(); i++) nodeIndex.put(nodes.get(i).name(), i);
    }
    long nowMillis = input.now() * MILLIS;
    var history = recordUsage(input, nowMillis);
    var running = new ArrayList<RunningWorkload>(input.running().size());
    for (var r : input.running()) {
      var binding = new PodBinding(r.pod().request(), input.cluster().nodes().get(r.node()).name(), r.gpus());
      running.add(new RunningWorkload(workload(r.pod()), List.of(binding), r.startedAt() * MILLIS));
    }
    var pending = input.pending().stream().map(this::workload).toList();
    var snapshot = new SchedulerSnapshot(input.cluster(), running, pending, input.queues(), history, nowMillis);
    return outcome(scheduler.cycle(snapshot).decisions(), input);
  }

  /** Adds what each queue's pods held since the last cycle (they start only at cycles) to its usage. */
  private UsageHistory recordUsage(Input input, long nowMillis) {
    var held = new HashMap<String, Long>();
    for (var r : input.running()) held.merge(r.pod().queue(), r.pod().gpuMilli(), Long::sum);
    var gpus = held.entrySet().stream().map(e -> UsageMeter.HeldGpus.throughout(e.getKey(), e.getValue())).toList();
    return usage.read(input.queues(), gpus, nowMillis);
  }

  /**
   * The decisions as one plan. A workload may appear in more than one decision of a cycle (moved by
   * consolidation, then evicted by reclaim); its last decision is where it ends up.
   */
  private Outcome outcome(List<SchedulingDecision> decisions, Input input) {
    var last = new LinkedHashMap<Integer, SchedulingDecision>();
    for (var decision : decisions) {
      if (!(decision instanceof SchedulingDecision.Pending)) last.put(podId(decision.workload()), decision);
    }
    var runningPods = new HashMap<Integer, Running>();
    input.running().forEach(r -> runningPods.put(r.pod().id(), r));
    var binds = new ArrayList<Bind>();
    var evictions = new ArrayList<Integer>();
    var moves = new ArrayList<Bind>();
    last.forEach((pod, decision) -> {
      var now = runningPods.get(pod);
      switch (decision) {
        case SchedulingDecision.Evict evict -> {
          if (now != null) evictions.add(pod);
        }
        case SchedulingDecision.Move move -> addPlacement(bindOf(move.workload(), move.to()), now, binds, moves);
        case SchedulingDecision.Bind bind -> addPlacement(bindOf(bind.workload(), bind.pods()), now, binds, moves);
        case SchedulingDecision.Pending ignored -> { }
      }
    });
    return new Outcome(binds, evictions, moves);
  }

  private static void addPlacement(Bind place, Running now, List<Bind> binds, List<Bind> moves) {
    if (now == null) binds.add(place);
    else if (now.node() != place.node() || !now.gpus().equals(place.gpus())) moves.add(place);
  }

  private Bind bindOf(Workload workload, List<PodBinding> pods) {
    if (pods.size() != 1) throw new IllegalStateException("workload " + workload.id() + " has " + pods.size() + " pods bound");
    var pod = pods.getFirst();
    return new Bind(podId(workload), nodeIndex.get(pod.node()), pod.gpus());
  }

  private Workload workload(ReplayPod pod) {
    return workloads.computeIfAbsent(pod.id(), id -> new Workload(workloadId(pod.id()), pod.queue(), pod.queue(),
        List.of(pod.request()), 1, new PriorityClass("qos-" + pod.priority(), pod.priority()),
        pod.priority() < TraceReplay.priority("Guaranteed"), pod.arrival() * MILLIS,
        new Runtimes(0, pod.walltime() * MILLIS, 0)));
  }

  /** Zero-padded, so that the scheduler's tie-break by id follows the replay's ids. */
  static String workloadId(int podId) {
    return String.format("p%09d", podId);
  }

  private static int podId(Workload workload) {
    return Integer.parseInt(workload.id().substring(1));
  }
}
