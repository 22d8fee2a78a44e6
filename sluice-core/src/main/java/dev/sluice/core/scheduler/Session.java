package dev.sluice.core.scheduler;

import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.Placer;
import dev.sluice.core.placement.PlacementPolicy;
import dev.sluice.core.placement.TieOrder;
import dev.sluice.core.scheduler.Statement.Slot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One cycle's working state: a mutable copy of the cluster, the queues' ledger, the running and pending
 * workloads, and the decisions so far. Actions change it through its {@link Statement}.
 */
final class Session {
  /** Inside a queue: higher priority first, then earlier submission, then id. */
  static final Comparator<Workload> QUEUE_ORDER = Comparator.comparingInt((Workload w) -> -w.priority().value())
      .thenComparingLong(Workload::submitTime)
      .thenComparing(Workload::id);

  /** Victims: lowest priority first, then the newest, then id. */
  static final Comparator<Running> VICTIM_ORDER = Comparator.comparingInt((Running r) -> r.workload().priority().value())
      .thenComparing(Comparator.comparingLong(Running::startTime).reversed())
      .thenComparing(r -> r.workload().id());

  final SchedulerSnapshot snapshot;
  final SchedulerConfig config;
  final Dimensions dimensions;
  final ClusterState cluster;
  final Placer placer;
  final Ledger ledger;
  final Statement statement;
  final Map<String, Running> running = new LinkedHashMap<>();
  final Map<String, List<Workload>> pendingByQueue = new TreeMap<>();
  final Map<String, PendingReason> reasons = new HashMap<>();
  final Map<String, SchedulingDecision.Bind> binds = new LinkedHashMap<>();
  final Map<String, Evicted> evicted = new LinkedHashMap<>();
  final List<SchedulingDecision.Move> moves = new ArrayList<>();
  /** Pending workloads in the order the first allocation pass considered them. */
  final List<Workload> attemptOrder = new ArrayList<>();
  private final Map<String, Integer> nodeIndex;
  private final Set<String> overQuota = new HashSet<>();
  Reservation reservation;

  /** A running workload during the cycle: its pods' places by node index. */
  record Running(Workload workload, List<Slot> slots, long startTime) {
  }

  /** A workload evicted during the cycle and why. */
  record Evicted(Running running, EvictionCause cause) {
  }

  Session(SchedulerSnapshot snapshot, SchedulerConfig config, FairShares fairShares, PlacementPolicy policy,
          Dimensions dimensions) {
    this.snapshot = snapshot;
    this.config = config;
    this.dimensions = dimensions;
    this.cluster = new ClusterState(snapshot.cluster(), TieOrder.identity(snapshot.cluster().nodes().size()));
    this.placer = new Placer(policy, cluster);
    this.ledger = new Ledger(snapshot.queues(), dimensions, fairShares);
    this.statement = new Statement(cluster, ledger, dimensions);
    this.nodeIndex = SchedulerSnapshot.indexOf(snapshot.cluster().nodes());
    for (var r : snapshot.running()) {
      var slots = r.bindings().stream().map(b -> new Slot(b.pod(), nodeIndex.get(b.node()), b.gpuArray())).toList();
      running.put(r.id(), new Running(r.workload(), slots, r.startTime()));
      for (var slot : slots) ledger.add(r.workload().queue(), dimensions.placed(slot.pod(), nodeModel(slot.node())), 1);
    }
    markOverQuota();
    for (var w : snapshot.pending()) pendingByQueue.computeIfAbsent(w.queue(), q -> new ArrayList<>()).add(w);
    pendingByQueue.values().forEach(list -> list.sort(QUEUE_ORDER));
  }

  long now() {
    return snapshot.now();
  }

  String nodeModel(int node) {
    return cluster.node(node).gpuModel();
  }

  /** Whether a running workload lies beyond its queue's deserved quota, counting its queue's work by priority. */
  boolean isOverQuota(String workloadId) {
    return overQuota.contains(workloadId);
  }

  private void markOverQuota() {
    var byQueue = new HashMap<String, List<Running>>();
    running.values().forEach(r -> byQueue.computeIfAbsent(r.workload().queue(), q -> new ArrayList<>()).add(r));
    byQueue.forEach((queue, list) -> {
      list.sort(VICTIM_ORDER.reversed());
      var deserved = ledger.deserved(queue);
      var sum = new long[dimensions.size()];
      for (var r : list) {
        for (var slot : r.slots()) Dimensions.addTo(sum, dimensions.placed(slot.pod(), nodeModel(slot.node())), 1);
        for (int i = 0; i < sum.length; i++) {
          if (sum[i] > deserved[i]) {
            overQuota.add(r.workload().id());
            break;
          }
        }
      }
    });
  }

  /** Evicts a running workload in the statement; rolled back with it. */
  void evict(Running victim, EvictionCause cause) {
    for (var slot : victim.slots()) statement.release(victim.workload().queue(), slot);
    var id = victim.workload().id();
    running.remove(id);
    evicted.put(id, new Evicted(victim, cause));
    statement.onRollback(() -> {
      evicted.remove(id);
      running.put(id, victim);
    });
  }

  /** Puts an evicted workload back where it was, in the statement. */
  void restore(Running victim) {
    for (var slot : victim.slots()) statement.assign(victim.workload().queue(), slot);
    var id = victim.workload().id();
    var was = evicted.remove(id);
    running.put(id, victim);
    statement.onRollback(() -> {
      running.remove(id);
      evicted.put(id, was);
    });
  }

  /** Records a placed workload as running from now, in the statement. */
  void start(Workload workload, List<Slot> slots) {
    var id = workload.id();
    running.put(id, new Running(workload, slots, now()));
    var bind = new SchedulingDecision.Bind(workload, slots.stream().map(this::binding).toList());
    binds.put(id, bind);
    reasons.remove(id);
    statement.onRollback(() -> {
      running.remove(id);
      binds.remove(id);
    });
  }

  PodBinding binding(Slot slot) {
    var gpus = new ArrayList<Integer>(slot.gpus().length);
    for (int gpu : slot.gpus()) gpus.add(gpu);
    return new PodBinding(slot.pod(), cluster.node(slot.node()).name(), gpus);
  }

  boolean isWaiting(Workload workload) {
    return !binds.containsKey(workload.id()) && !running.containsKey(workload.id());
  }
}
