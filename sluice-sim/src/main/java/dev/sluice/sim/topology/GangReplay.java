package dev.sluice.sim.topology;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import dev.sluice.core.scheduler.PriorityClass;
import dev.sluice.core.scheduler.RunningWorkload;
import dev.sluice.core.scheduler.Runtimes;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.core.scheduler.TopologyConstraint;
import dev.sluice.core.scheduler.Workload;
import dev.sluice.sim.replay.Event;
import dev.sluice.sim.replay.EventQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays training gangs on a rack fleet through Sluice's scheduler cycle ({@link Scheduler}), on virtual time: gangs
 * arrive and leave; after every batch of events at one time, cycles run while gangs wait and the last cycle started one.
 * Every gang is a non-preemptible workload of one queue that deserves the whole fleet, all its pods its minimum, its
 * runtime its walltime (the scheduler knows when running gangs end, so it can hold room for a large gang). Its topology
 * constraint is the policy's for the narrowest level that could hold it; under {@link TopologyPolicy#KAI_FULLEST_DOMAIN}
 * each cycle first keeps each waiting gang to the domain {@link FullestDomain} chooses on the cycle's snapshot. Virtual
 * seconds are the scheduler's milliseconds × 1000. A replay runs once.
 */
public final class GangReplay {
  static final String QUEUE = "train";
  private static final long MILLIS = 1000;
  /** Cycles at one time stop after this many even if each starts a gang: a bound, never reached in practice. */
  private static final int MAX_CYCLES_AT_ONCE = 1_000;

  private final List<Node> nodes;
  private final Map<String, Node> nodesByName = new HashMap<>();
  private final List<TrainingGang> gangs;
  private final TopologyPolicy policy;
  private final Scheduler scheduler;
  private final QueueTree queues;
  private final String[] levels;
  private final GangMetrics metrics;
  private final EventQueue events = new EventQueue();
  private final Map<String, RunningWorkload> running = new HashMap<>();
  private final List<Workload> pending = new ArrayList<>();
  private final long lastArrival;
  private final UsageHistory noUsage = UsageHistory.empty(0, Duration.ofHours(1));
  private int cycles;
  private boolean ran;

  /** @param gangs their ids are their positions */
  public GangReplay(RackFleet fleet, List<TrainingGang> gangs, TopologyPolicy policy, SchedulerConfig config) {
    this.nodes = fleet.nodes();
    nodes.forEach(n -> nodesByName.put(n.name(), n));
    this.gangs = List.copyOf(gangs);
    this.policy = policy;
    this.scheduler = new Scheduler(config);
    this.queues = queueTree(fleet.gpus());
    this.levels = new String[gangs.size()];
    for (int i = 0; i < levels.length; i++) {
      var gang = this.gangs.get(i);
      if (gang.id() != i) throw new IllegalArgumentException("gang at position " + i + " has id " + gang.id());
      levels[i] = fleet.narrowestLevelHolding(gang.pod(), gang.size());
    }
    this.metrics = new GangMetrics(fleet.gpus());
    this.lastArrival = gangs.stream().mapToLong(TrainingGang::arrival).max().orElse(0);
  }

  public TopologyResult run() {
    if (ran) throw new IllegalStateException("a replay runs once");
    ran = true;
    for (var gang : gangs) events.add(gang.arrival(), Event.Kind.ARRIVAL, gang.id(), 0);
    while (!events.isEmpty()) {
      var batch = events.nextBatch();
      long now = batch.getFirst().time();
      for (var event : batch) apply(event);
      runCycles(now);
      if (now == lastArrival) metrics.backlogAtLastArrival(pending.size());
    }
    return metrics.result(policy.label(), pending.size(), cycles);
  }

  private void apply(Event event) {
    var gang = gangs.get(event.pod());
    switch (event.kind()) {
      case ARRIVAL -> {
        pending.add(workload(gang));
        metrics.arrived(gang);
      }
      case DEPARTURE -> running.remove(id(gang));
      case CYCLE -> throw new IllegalStateException("cycles are not events here");
    }
  }

  private void runCycles(long now) {
    for (int i = 0; i < MAX_CYCLES_AT_ONCE && !pending.isEmpty(); i++) {
      var snapshot = SchedulerSnapshot.of(nodes, List.copyOf(running.values()), pending, queues, noUsage, now * MILLIS);
      if (policy.choosesDomainFirst()) snapshot = keptToFullestDomains(snapshot);
      var result = scheduler.cycle(snapshot);
      cycles++;
      if (!result.evictions().isEmpty() || !result.moves().isEmpty()) {
        throw new IllegalStateException("gangs here are not preemptible, yet a cycle evicted or moved one");
      }
      var binds = result.binds();
      if (binds.isEmpty()) return;
      binds.forEach(bind -> start(bind, now));
    }
  }

  private void start(SchedulingDecision.Bind bind, long now) {
    var workload = bind.workload();
    if (!pending.removeIf(w -> w.id().equals(workload.id()))) throw new IllegalStateException(workload.id() + " is not pending");
    running.put(workload.id(), new RunningWorkload(workload, bind.pods(), now * MILLIS));
    var racks = new HashSet<String>();
    var blocks = new HashSet<String>();
    for (var pod : bind.pods()) {
      var topology = nodesByName.get(pod.node()).topology();
      racks.add(topology.get(RackFleet.RACK));
      blocks.add(topology.get(RackFleet.BLOCK));
    }
    var gang = gangs.get(gangId(workload));
    metrics.started(gang, now, racks.size(), blocks.size());
    events.add(now + gang.runtime(), Event.Kind.DEPARTURE, gang.id(), 0);
  }

  /** The snapshot with each waiting gang kept to the domain KAI's rule chooses for it now, if any. */
  private SchedulerSnapshot keptToFullestDomains(SchedulerSnapshot snapshot) {
    var kept = new ArrayList<Workload>(snapshot.pending().size());
    for (var workload : snapshot.pending()) {
      var constraint = workload.topology();
      var gang = gangs.get(gangId(workload));
      kept.add(constraint.isNone() ? workload : FullestDomain.choose(snapshot.cluster(), constraint.level(), gang.pod(), gang.size())
          .map(domain -> workload.withTopology(constraint.within(domain))).orElse(workload));
    }
    return new SchedulerSnapshot(snapshot.cluster(), snapshot.running(), kept, snapshot.queues(), snapshot.usage(), snapshot.now());
  }

  private Workload workload(TrainingGang gang) {
    var pods = new ArrayList<PodRequest>(gang.size());
    for (int i = 0; i < gang.size(); i++) pods.add(gang.pod().renamed(id(gang) + "-" + i));
    TopologyConstraint constraint = policy.constraint(levels[gang.id()]);
    long runtime = gang.runtime() * MILLIS;
    return new Workload(id(gang), QUEUE, QUEUE, pods, gang.size(), PriorityClass.TRAIN, false, gang.arrival() * MILLIS,
        new Runtimes(0, runtime, runtime), constraint);
  }

  /** Zero-padded, so that the scheduler's tie-break by id follows the gangs' ids. */
  private static String id(TrainingGang gang) {
    return String.format(Locale.ROOT, "g%07d", gang.id());
  }

  private static int gangId(Workload workload) {
    return Integer.parseInt(workload.id().substring(1));
  }

  /** One queue that deserves every GPU and may run non-preemptible work on all of them. */
  private static QueueTree queueTree(long gpus) {
    try {
      return QueueTree.of(List.of(new QueueSpec(QUEUE, null, 0, Map.of(Dimension.GPU, Quota.deserved(gpus * 1000)), true)));
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException("the experiment's one queue is invalid", e);
    }
  }
}
