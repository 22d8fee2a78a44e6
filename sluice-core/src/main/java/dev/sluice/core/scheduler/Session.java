package dev.sluice.core.scheduler;

import dev.sluice.core.model.PodShape;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.Placer;
import dev.sluice.core.placement.PlacementPolicy;
import dev.sluice.core.placement.TieOrder;
import dev.sluice.core.placement.UnschedulableReason;
import dev.sluice.core.scheduler.Statement.Slot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One cycle's working state: a mutable copy of the cluster, the queues' ledger, the running and pending
 * workloads, and the decisions so far. Actions change it through its {@link Statement}.
 */
final class Session {
  /** Inside a queue: higher priority first, then earlier submission, then id. */
  static final Comparator<Workload> QUEUE_ORDER = Comparator.comparingInt((Workload w) -> -w.priority().value())
      .thenComparingLong(Workload::submitTime)
      .thenComparing(Workload::id);

  /** What a queue keeps longest: highest priority, then the oldest start, then earliest submission, then id. */
  static final Comparator<Running> KEEP_ORDER = Comparator.comparingInt((Running r) -> -r.workload().priority().value())
      .thenComparingLong(Running::startTime)
      .thenComparingLong(r -> r.workload().submitTime())
      .thenComparing(r -> r.workload().id());

  /** Victims: the reverse, lowest priority and newest first. */
  static final Comparator<Running> VICTIM_ORDER = KEEP_ORDER.reversed();

  final SchedulerSnapshot snapshot;
  final SchedulerConfig config;
  final Dimensions dimensions;
  final ClusterState cluster;
  final Placer placer;
  final Ledger ledger;
  /** How many workloads run under each capped queue; changed with {@link #running} and rolled back with it. */
  final RunningCaps caps;
  final Statement statement;
  final Map<String, Running> running = new LinkedHashMap<>();
  /** Pending workloads by leaf queue, each list in queue order. */
  final Map<String, List<Workload>> pendingByQueue = new HashMap<>();
  final Map<String, PendingReason> reasons = new HashMap<>();
  final Map<String, SchedulingDecision.Bind> binds = new LinkedHashMap<>();
  final Map<String, Evicted> evicted = new LinkedHashMap<>();
  final List<SchedulingDecision.Move> moves = new ArrayList<>();
  /** Pending workloads in the order the first allocation pass considered them. */
  final List<Workload> attemptOrder = new ArrayList<>();
  private final Map<String, Integer> nodeIndex;
  private final long[] capacity;
  private final List<String> gpuModels;
  private final Map<String, SchedulingDecision.Bind> unbound = new HashMap<>();
  private final Map<PodShape, Unfit> unfit = new HashMap<>();
  private final Map<String, TopologyDomains> topologyLevels = new HashMap<>();
  /** Moves of this cycle undone by a later eviction of the moved workload. */
  private final Map<String, SchedulingDecision.Move> liftedMoves = new HashMap<>();
  /** The running workloads as the snapshot has them. */
  private final Map<String, Running> initial = new HashMap<>();
  /** Each action's failed attempts to make room left in this cycle (see {@link FailureBudget}). */
  final FailureBudget reclaims;
  final FailureBudget preemptions;
  final FailureBudget consolidations;
  /** Counts changes to the session (rolled back with them), to tell whether a round changed anything. */
  long version;
  Reservation reservation;

  /** A running workload during the cycle: its pods' places by node index. */
  record Running(Workload workload, List<Slot> slots, long startTime) {
  }

  /** A workload evicted during the cycle and why. */
  record Evicted(Running running, EvictionCause cause) {
  }

  Session(SchedulerSnapshot snapshot, SchedulerConfig config, Ledger ledger, PlacementPolicy policy, Dimensions dimensions) {
    this.snapshot = snapshot;
    this.config = config;
    this.dimensions = dimensions;
    this.cluster = new ClusterState(snapshot.cluster(), TieOrder.identity(snapshot.cluster().nodes().size()));
    this.placer = new Placer(policy, cluster);
    this.ledger = ledger;
    this.caps = RunningCaps.of(snapshot.queues(), snapshot.running());
    this.reclaims = new FailureBudget(config.evictionAttempts());
    this.preemptions = new FailureBudget(config.evictionAttempts());
    this.consolidations = new FailureBudget(config.evictionAttempts());
    this.statement = new Statement(cluster, ledger, dimensions);
    this.nodeIndex = SchedulerSnapshot.indexOf(snapshot.cluster().nodes());
    this.capacity = dimensions.capacity(snapshot.cluster().nodes());
    this.gpuModels = snapshot.cluster().nodes().stream().filter(n -> !n.gpus().isEmpty()).map(n -> n.gpuModel()).distinct().sorted()
        .toList();
    for (var r : snapshot.running()) {
      var slots = r.bindings().stream().map(b -> new Slot(b.pod(), nodeIndex.get(b.node()), b.gpuArray())).toList();
      running.put(r.id(), new Running(r.workload(), slots, r.startTime()));
      initial.put(r.id(), running.get(r.id()));
      for (var slot : slots) ledger.add(r.workload().queue(), dimensions.placed(slot.pod(), nodeModel(slot.node())), 1);
    }
    for (var w : snapshot.pending()) pendingByQueue.computeIfAbsent(w.queue(), q -> new ArrayList<>()).add(w);
    pendingByQueue.values().forEach(list -> list.sort(QUEUE_ORDER));
  }

  long now() {
    return snapshot.now();
  }

  /** What is free in the whole cluster now, per dimension (summed over nodes: no one node need have it). */
  long[] free() {
    var free = capacity.clone();
    Dimensions.addTo(free, ledger.allocatedInTotal(), -1);
    return free;
  }

  /** The domains of a topology level, made the first time a gang asks for the level and kept up to date. */
  TopologyDomains topologyDomains(String level) {
    return topologyLevels.computeIfAbsent(level, l -> new TopologyDomains(cluster, l));
  }

  /** The GPU models of the cluster's nodes, by name. */
  List<String> gpuModels() {
    return gpuModels;
  }

  String nodeModel(int node) {
    return cluster.node(node).gpuModel();
  }

  /**
   * Of a queue's running workloads ({@code ofQueue}), those that lie beyond its deserved quota: counting in keep order
   * (priority, then the oldest), those from the first that takes it past deserved in some resource it is promised
   * ({@link Ledger#beyondPromise(String)}) on.
   */
  Set<String> overQuota(String queue, List<Running> ofQueue) {
    var list = new ArrayList<>(ofQueue);
    list.sort(KEEP_ORDER);
    var deserved = ledger.deserved(queue);
    var sum = new long[dimensions.size()];
    var over = new HashSet<String>();
    for (var r : list) {
      for (var slot : r.slots()) Dimensions.addTo(sum, dimensions.placed(slot.pod(), nodeModel(slot.node())), 1);
      for (int i = 0; i < sum.length && over.isEmpty(); i++) {
        if (ledger.promisedIn(queue, i) && sum[i] > deserved[i]) over.add(r.workload().id());
      }
      if (!over.isEmpty()) over.add(r.workload().id());
    }
    return over;
  }

  /**
   * Evicts a running workload in the statement; rolled back with it. A workload bound earlier in this cycle is
   * not evicted but unbound: it simply waits again.
   */
  void evict(Running victim, EvictionCause cause) {
    for (var slot : victim.slots()) statement.release(victim.workload().queue(), slot);
    var id = victim.workload().id();
    running.remove(id);
    caps.stopped(victim.workload().queue());
    var bind = binds.remove(id);
    int moveIndex = indexOfMove(id);
    var move = moveIndex < 0 ? null : moves.remove(moveIndex);
    if (move != null) liftedMoves.put(id, move);
    if (bind != null) {
      unbound.put(id, bind);
    } else {
      evicted.put(id, new Evicted(initial.getOrDefault(id, victim), cause));
    }
    changed();
    statement.onRollback(() -> {
      if (move != null) {
        liftedMoves.remove(id);
        moves.add(moveIndex, move);
      }
      if (bind != null) {
        unbound.remove(id);
        binds.put(id, bind);
      } else {
        evicted.remove(id);
      }
      running.put(id, victim);
      caps.started(victim.workload().queue());
    });
  }

  /** Puts an evicted (or unbound) workload back where it was, in the statement. */
  void restore(Running victim) {
    for (var slot : victim.slots()) statement.assign(victim.workload().queue(), slot);
    var id = victim.workload().id();
    var bind = unbound.remove(id);
    var was = bind == null ? evicted.remove(id) : null;
    if (bind != null) binds.put(id, bind);
    var move = liftedMoves.remove(id);
    if (move != null) moves.add(move);
    running.put(id, victim);
    caps.started(victim.workload().queue());
    changed();
    statement.onRollback(() -> {
      running.remove(id);
      caps.stopped(victim.workload().queue());
      if (move != null) {
        moves.remove(move);
        liftedMoves.put(id, move);
      }
      if (bind != null) {
        binds.remove(id);
        unbound.put(id, bind);
      }
      if (was != null) evicted.put(id, was);
    });
  }

  /**
   * Records a placed workload as running from now, in the statement. A workload evicted earlier in the cycle
   * and placed again is moved: it keeps its start time.
   */
  void start(Workload workload, List<Slot> slots) {
    var id = workload.id();
    if (running.containsKey(id)) throw new IllegalStateException("workload " + id + " is already running");
    var wasEvicted = evicted.get(id);
    long startTime = wasEvicted == null ? now() : wasEvicted.running().startTime();
    running.put(id, new Running(workload, slots, startTime));
    caps.started(workload.queue());
    var bind = new SchedulingDecision.Bind(workload, slots.stream().map(this::binding).toList());
    binds.put(id, bind);
    reasons.remove(id);
    changed();
    if (reservation != null && reservation.workloadId.equals(id)) {
      reservation.lift(cluster);
      reservation = null;
    }
    statement.onRollback(() -> {
      running.remove(id);
      caps.stopped(workload.queue());
      binds.remove(id);
    });
  }

  /** Why the workload may not start now for its queue's cap on running workloads, or an ancestor's, if so. */
  Optional<PendingReason> atCap(Workload workload) {
    return caps.refusal(workload.queue());
  }

  /**
   * Whether a cap on running workloads holds the workload back now ({@link #atCap}); if so, that is now why it waits.
   * Reclaim, preemption and consolidation make room for no such workload: it could not start in it, and evicting
   * work of its own queue to start it would only trade one running workload for another.
   */
  boolean heldByCap(Workload workload) {
    var refusal = atCap(workload);
    refusal.ifPresent(reason -> reasons.put(workload.id(), reason));
    return refusal.isPresent();
  }

  /** Why the shape fitted no node, if that was found since the cluster last gained room. */
  Optional<UnschedulableReason> knownUnfit(PodShape shape) {
    var known = unfit.get(shape);
    return known != null && known.freeings() == cluster.freeings() ? Optional.of(known.reason()) : Optional.empty();
  }

  void rememberUnfit(PodShape shape, UnschedulableReason reason) {
    unfit.put(shape, new Unfit(cluster.freeings(), reason));
  }

  private record Unfit(long freeings, UnschedulableReason reason) {
  }

  /** Records that the session changed; undone with the statement. */
  void changed() {
    version++;
    statement.onRollback(() -> version--);
  }

  PodBinding binding(Slot slot) {
    var gpus = new ArrayList<Integer>(slot.gpus().length);
    for (int gpu : slot.gpus()) gpus.add(gpu);
    return new PodBinding(slot.pod(), cluster.node(slot.node()).name(), gpus);
  }

  /** Whether the workload was moved in this cycle (it is not moved again in the same cycle). */
  boolean moved(String id) {
    return indexOfMove(id) >= 0;
  }

  private int indexOfMove(String id) {
    for (int i = 0; i < moves.size(); i++) if (moves.get(i).workload().id().equals(id)) return i;
    return -1;
  }

  /** Whether the workload waits: it is not running (a workload bound this cycle is running too). */
  boolean isWaiting(Workload workload) {
    return !running.containsKey(workload.id());
  }
}
