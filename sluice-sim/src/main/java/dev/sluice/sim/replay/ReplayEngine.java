package dev.sluice.sim.replay;

import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.model.Fit;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodShape;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The discrete-event replay: pods arrive and depart on virtual time, and after every batch of events at one
 * time the scheduler runs a cycle over what waits. An evicted pod goes back to waiting, keeps its place
 * by arrival and later runs its whole runtime again (no checkpoints). A cycle's outcome is committed as
 * one plan: evictions, then every moved pod leaves its place, then the moved pods take their new places,
 * then binds. One engine runs once.
 */
public final class ReplayEngine {
  private final ReplayWorkload workload;
  private final ReplayScheduler scheduler;
  private final ReplayMetrics metrics;
  private final NodeState[] states;
  private final List<List<Integer>> podsOnNode = new ArrayList<>();
  private final TreeSet<ReplayPod> pending = new TreeSet<>(HeadOfLineScheduler.BY_ARRIVAL);
  private final TreeMap<Integer, ReplayScheduler.Running> running = new TreeMap<>();
  private final int[] runs;
  private final EventQueue events = new EventQueue();
  private int cycles;

  private final long period;
  private boolean cycleDue;
  private boolean ran;

  /** An engine that runs a cycle after every batch of events that changed something. */
  public ReplayEngine(ReplayWorkload workload, ReplayScheduler scheduler) {
    this(workload, scheduler, 0);
  }

  /**
   * @param period 0 to run a cycle after every batch of events that changed something; else seconds
   *               between cycles, which then run at multiples of it while pods wait
   */
  public ReplayEngine(ReplayWorkload workload, ReplayScheduler scheduler, long period) {
    if (period < 0) throw new IllegalArgumentException("period must be >= 0, was " + period);
    this.period = period;
    this.workload = workload;
    this.scheduler = scheduler;
    this.metrics = new ReplayMetrics(workload);
    var nodes = workload.nodes();
    this.states = new NodeState[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      states[i] = NodeState.empty(NodeType.of(nodes.get(i)));
      podsOnNode.add(new ArrayList<>());
    }
    this.runs = new int[workload.pods().size()];
  }

  /** Replays every pod to its departure and returns the measures, named {@code name}. */
  public ReplayResult run(String name) {
    if (ran) throw new IllegalStateException("an engine runs once");
    ran = true;
    for (var pod : workload.pods()) events.add(pod.arrival(), Event.Kind.ARRIVAL, pod.id(), 0);
    while (!events.isEmpty()) {
      var batch = events.nextBatch();
      long now = batch.getFirst().time();
      metrics.advanceTo(now);
      boolean changed = false;
      boolean periodic = false;
      for (var event : batch) {
        if (event.kind() == Event.Kind.CYCLE) periodic = true;
        else changed |= apply(event);
      }
      if (periodic) cycleDue = false;
      boolean runCycle = period == 0 ? changed : periodic;
      boolean acted = runCycle && !pending.isEmpty() && cycle(now);
      // a periodic cycle that changed nothing, with no event left to change anything, would repeat forever
      if (period > 0 && !pending.isEmpty() && !cycleDue && (acted || !events.isEmpty())) {
        events.add((now / period + 1) * period, Event.Kind.CYCLE, -1, 0);
        cycleDue = true;
      }
      metrics.observe(now, pending, running.values());
    }
    return metrics.result(name, cycles, pending.size());
  }

  private boolean apply(Event event) {
    var pod = workload.pods().get(event.pod());
    return switch (event.kind()) {
      case CYCLE -> throw new IllegalStateException("a cycle is not a pod's event");
      case ARRIVAL -> pending.add(pod);
      case DEPARTURE -> {
        if (event.run() != runs[pod.id()]) yield false;
        release(pod.id());
        yield true;
      }
    };
  }

  /** Runs one cycle and commits it; whether it changed anything. */
  private boolean cycle(long now) {
    cycles++;
    var input = new ReplayScheduler.Input(now, new ClusterSnapshot(workload.nodes(), List.of(states)),
        List.copyOf(pending), List.copyOf(running.values()), workload.queues());
    var outcome = scheduler.cycle(input);
    for (int podId : outcome.evictions()) {
      if (!running.containsKey(podId)) throw new IllegalStateException("evicted pod " + podId + " is not running");
      release(podId);
      runs[podId]++;
      pending.add(workload.pods().get(podId));
      metrics.evicted();
    }
    var moved = new ArrayList<ReplayScheduler.Running>();
    for (var move : outcome.moves()) {
      var from = running.get(move.pod());
      if (from == null) throw new IllegalStateException("moved pod " + move.pod() + " is not running");
      release(move.pod());
      moved.add(from);
    }
    for (int i = 0; i < moved.size(); i++) {
      place(moved.get(i).pod(), outcome.moves().get(i), moved.get(i).startedAt());
      metrics.moved();
    }
    for (var bind : outcome.binds()) start(bind, now);
    return !(outcome.binds().isEmpty() && outcome.evictions().isEmpty() && outcome.moves().isEmpty());
  }

  private void start(ReplayScheduler.Bind bind, long now) {
    var pod = workload.pods().get(bind.pod());
    if (!pending.remove(pod)) throw new IllegalStateException("bound pod " + bind.pod() + " is not pending");
    place(pod, bind, now);
    metrics.started(pod, now);
    events.add(now + pod.runtime(), Event.Kind.DEPARTURE, pod.id(), runs[pod.id()]);
  }

  private void place(ReplayPod pod, ReplayScheduler.Bind bind, long startedAt) {
    var shape = pod.request().shape();
    var state = states[bind.node()];
    if (state.fit(shape) != Fit.FITS) {
      throw new IllegalStateException("pod " + pod.request().name() + " does not fit node " + bind.node());
    }
    states[bind.node()] = state.with(shape, bind.gpus().stream().mapToInt(Integer::intValue).toArray());
    podsOnNode.get(bind.node()).add(pod.id());
    running.put(pod.id(), new ReplayScheduler.Running(pod, bind.node(), bind.gpus(), startedAt));
  }

  private void release(int podId) {
    var gone = running.remove(podId);
    int node = gone.node();
    podsOnNode.get(node).remove(Integer.valueOf(podId));
    int classes = 0;
    for (int other : podsOnNode.get(node)) classes |= workload.pods().get(other).request().shape().podClassBit();
    states[node] = without(states[node], gone.pod().request().shape(), gone.gpus(), classes);
  }

  private static NodeState without(NodeState state, PodShape pod, List<Integer> gpus, int residentClasses) {
    var free = new ArrayList<>(state.freeGpuMilli());
    for (int gpu : gpus) free.set(gpu, free.get(gpu) + pod.gpuMilliPerGpu());
    return new NodeState(state.type(), state.freeCpuMilli() + pod.cpuMilli(), state.freeMemoryMib() + pod.memoryMib(),
        free, residentClasses);
  }

  /** The nodes of the replay, for tests. */
  List<Node> nodes() {
    return workload.nodes();
  }
}
