package dev.sluice.core.scheduler;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.model.Node;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.TieOrder;
import dev.sluice.core.queue.QueueTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one cycle reads, immutable. The cluster's node states already hold the running workloads'
 * pods (build them with {@link #of} from bare nodes).
 *
 * @param cluster the nodes and what is free on each
 * @param running workloads that run, with their placements and start times
 * @param pending workloads that wait
 * @param queues  the queue tree; every workload names one of its leaves
 * @param usage   past usage per queue, for the time-decayed part of fair share
 * @param now     the scheduler's clock, milliseconds
 */
public record SchedulerSnapshot(ClusterSnapshot cluster, List<RunningWorkload> running, List<Workload> pending,
                                QueueTree queues, UsageHistory usage, long now) {
  public SchedulerSnapshot {
    Objects.requireNonNull(cluster, "cluster");
    running = List.copyOf(running);
    pending = List.copyOf(pending);
    Objects.requireNonNull(queues, "queues");
    Objects.requireNonNull(usage, "usage");
    var ids = new HashSet<String>();
    var nodeNames = new HashSet<String>();
    cluster.nodes().forEach(n -> nodeNames.add(n.name()));
    for (var r : running) {
      check(r.workload(), ids, queues);
      for (var b : r.bindings()) {
        if (!nodeNames.contains(b.node())) throw new IllegalArgumentException("workload " + r.id() + ": unknown node " + b.node());
      }
    }
    for (var w : pending) check(w, ids, queues);
  }

  private static void check(Workload workload, HashSet<String> ids, QueueTree queues) {
    if (!ids.add(workload.id())) throw new IllegalArgumentException("workload " + workload.id() + " listed twice");
    if (queues.queue(workload.queue()).isEmpty()) {
      throw new IllegalArgumentException("workload " + workload.id() + ": unknown queue '" + workload.queue() + "'");
    }
    if (!queues.isLeaf(workload.queue())) {
      throw new IllegalArgumentException("workload " + workload.id() + ": queue '" + workload.queue() + "' is not a leaf");
    }
  }

  /** A snapshot of bare {@code nodes} on which the running workloads' pods are placed. */
  public static SchedulerSnapshot of(List<Node> nodes, List<RunningWorkload> running, List<Workload> pending,
                                     QueueTree queues, UsageHistory usage, long now) {
    var state = new ClusterState(ClusterSnapshot.empty(nodes), TieOrder.identity(nodes.size()));
    var index = indexOf(nodes);
    for (var r : running) {
      for (var b : r.bindings()) {
        var node = index.get(b.node());
        if (node == null) throw new IllegalArgumentException("workload " + r.id() + ": unknown node " + b.node());
        if (!state.state(node).fitsOn(b.pod().shape(), b.gpuArray())) {
          throw new IllegalArgumentException("workload " + r.id() + ": pod " + b.pod().name() + " does not fit on " + b.node());
        }
        state.assign(node, b.pod().shape(), b.gpuArray());
      }
    }
    return new SchedulerSnapshot(state.snapshot(), running, pending, queues, usage, now);
  }

  /**
   * The snapshot after the caller committed every decision of {@code result}: bound workloads run from
   * {@code now}, evicted ones wait again, moved ones run where they were moved to. Same clock and history.
   * Like a caller must, it first releases everything evicted or moved away, then binds.
   */
  public SchedulerSnapshot after(CycleResult result) {
    var applied = new Applied(this);
    result.decisions().forEach(applied::release);
    result.decisions().forEach(applied::bind);
    return new SchedulerSnapshot(applied.state.snapshot(), new ArrayList<>(applied.running.values()),
        new ArrayList<>(applied.waiting.values()), queues, usage, now);
  }

  /** Decisions being committed onto a copy of a snapshot: first every release, then every bind. */
  private static final class Applied {
    final ClusterState state;
    final Map<String, Integer> index;
    final Map<String, RunningWorkload> running = new LinkedHashMap<>();
    final Map<String, Workload> waiting = new LinkedHashMap<>();
    final long now;

    Applied(SchedulerSnapshot snapshot) {
      this.state = new ClusterState(snapshot.cluster(), TieOrder.identity(snapshot.cluster().nodes().size()));
      this.index = indexOf(snapshot.cluster().nodes());
      this.now = snapshot.now();
      snapshot.running().forEach(r -> running.put(r.id(), r));
      snapshot.pending().forEach(w -> waiting.put(w.id(), w));
    }

    void release(SchedulingDecision decision) {
      switch (decision) {
        case SchedulingDecision.Evict evict -> {
          var gone = running.remove(evict.workload().id());
          if (gone == null) throw new IllegalArgumentException("evicted workload " + evict.workload().id() + " is not running");
          gone.bindings().forEach(b -> state.release(index.get(b.node()), b.pod().shape(), b.gpuArray()));
          waiting.put(gone.id(), gone.workload());
        }
        case SchedulingDecision.Move move -> {
          if (!running.containsKey(move.workload().id())) {
            throw new IllegalArgumentException("moved workload " + move.workload().id() + " is not running");
          }
          move.from().forEach(b -> state.release(index.get(b.node()), b.pod().shape(), b.gpuArray()));
        }
        default -> { }
      }
    }

    void bind(SchedulingDecision decision) {
      switch (decision) {
        case SchedulingDecision.Move move -> {
          var moved = running.get(move.workload().id());
          move.to().forEach(b -> state.assign(index.get(b.node()), b.pod().shape(), b.gpuArray()));
          running.put(moved.id(), new RunningWorkload(moved.workload(), move.to(), moved.startTime()));
        }
        case SchedulingDecision.Bind bind -> {
          if (waiting.remove(bind.workload().id()) == null) {
            throw new IllegalArgumentException("bound workload " + bind.workload().id() + " is not pending");
          }
          bind.pods().forEach(b -> state.assign(index.get(b.node()), b.pod().shape(), b.gpuArray()));
          running.put(bind.workload().id(), new RunningWorkload(bind.workload(), bind.pods(), now));
        }
        default -> { }
      }
    }
  }

  /** The same picture at a later time. */
  public SchedulerSnapshot at(long later) {
    return new SchedulerSnapshot(cluster, running, pending, queues, usage, later);
  }

  /** The same snapshot with the past usage {@code current}: a live loop's, brought up to this snapshot's time. */
  public SchedulerSnapshot withUsage(UsageHistory current) {
    return new SchedulerSnapshot(cluster, running, pending, queues, current, now);
  }

  static Map<String, Integer> indexOf(List<Node> nodes) {
    var index = new HashMap<String, Integer>();
    for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i).name(), i);
    return index;
  }
}
