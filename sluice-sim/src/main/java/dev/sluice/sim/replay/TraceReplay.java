package dev.sluice.sim.replay;

import dev.sluice.core.model.Fit;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import dev.sluice.sim.trace.TracePod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns an openb trace into a replay, by these rules:
 * <ul>
 *   <li>a pod arrives at its {@code creation_time} divided by {@code compress}; it runs {@code deletion_time − scheduled_time}; a pod that
 *   never ran in the original cluster (no {@code scheduled_time}) runs {@code deletion_time − creation_time},
 *   the time its owner wanted it; one without {@code deletion_time} runs until the trace's last time; a
 *   runtime below one second becomes one second; a pod without {@code creation_time} is skipped;</li>
 *   <li>a pod that no empty node could hold is skipped (it would block a line forever);</li>
 *   <li>the trace is submitted {@code copies} times at the same times; within a copy, pods created in the same
 *   second form one submission, and each submission goes to one leaf queue, drawn with the leaf's weight from
 *   a generator seeded with {@code seed} (copy by copy, in trace order);</li>
 *   <li>each leaf deserves a share of the cluster's GPUs proportional to its share of the GPUs its pods
 *   request (summed over pods), rounded down; a department deserves the sum of its projects;</li>
 *   <li>priority comes from the QoS class: Guaranteed 3, LS 2, Burstable 1, BE and others 0.</li>
 * </ul>
 */
public final class TraceReplay {
  /** A leaf queue of the default layout: department, project and its weight among submissions. */
  public record Leaf(String department, String project, double weight) {
    public String name() {
      return department + "-" + project;
    }
  }

  /** Three departments with two projects each, of unequal sizes. */
  public static final List<Leaf> DEFAULT_LEAVES = List.of(
      new Leaf("research", "vision", 0.30), new Leaf("research", "language", 0.20),
      new Leaf("product", "search", 0.15), new Leaf("product", "ads", 0.15),
      new Leaf("platform", "infra", 0.12), new Leaf("platform", "notebooks", 0.08));

  private TraceReplay() {
  }

  /**
   * @param compress arrival times are divided by this (rounded down), runtimes kept: the openb default trace
   *                 as recorded never has more than 66 GPUs busy on its 6,212, so a replay that should queue
   *                 compresses it
   * @param copies   how many times the trace is submitted (copy c's pods are named {@code NAME#c} for c &gt; 0);
   *                 one copy asks for fewer GPUs than the cluster has, all pods together
   */
  public static ReplayWorkload of(List<Node> nodes, List<TracePod> trace, List<Leaf> leaves, long seed, long compress,
                                  int copies) {
    if (compress < 1) throw new IllegalArgumentException("compress must be >= 1, was " + compress);
    if (copies < 1) throw new IllegalArgumentException("copies must be >= 1, was " + copies);
    long end = lastTime(trace);
    var skipped = new ArrayList<String>();
    var kept = new ArrayList<TracePod>();
    var runtimes = new ArrayList<Long>();
    var emptyStates = nodes.stream().map(n -> NodeState.empty(NodeType.of(n))).distinct().toList();
    for (var pod : trace) {
      var name = pod.request().name();
      var shape = pod.request().shape();
      if (pod.creationTime() == TracePod.ABSENT) skipped.add(name + ": no creation_time");
      else if (emptyStates.stream().noneMatch(s -> s.fit(shape) == Fit.FITS)) skipped.add(name + ": no node could ever hold it");
      else {
        kept.add(pod);
        runtimes.add(runtime(pod, end));
      }
    }
    var random = new SplittableRandom(seed);
    var pods = new ArrayList<ReplayPod>(kept.size() * copies);
    for (int copy = 0; copy < copies; copy++) {
      var leafBySubmission = new HashMap<Long, String>();
      for (int i = 0; i < kept.size(); i++) {
        var pod = kept.get(i);
        var queue = leafBySubmission.computeIfAbsent(pod.creationTime(), t -> draw(leaves, random).name());
        var request = copy == 0 ? pod.request() : pod.request().renamed(pod.request().name() + "#" + copy);
        pods.add(new ReplayPod(pods.size(), request, queue, priority(pod.qos()), pod.creationTime() / compress,
            runtimes.get(i)));
      }
    }
    long capacity = nodes.stream().mapToLong(n -> 1000L * n.gpuCount()).sum();
    return new ReplayWorkload(nodes, pods, queues(leaves, pods, capacity), skipped);
  }

  static long runtime(TracePod pod, long end) {
    long start = pod.scheduledTime() != TracePod.ABSENT ? pod.scheduledTime() : pod.creationTime();
    long stop = pod.deletionTime() != TracePod.ABSENT ? pod.deletionTime() : end;
    return Math.max(1, stop - start);
  }

  private static long lastTime(List<TracePod> trace) {
    long last = 0;
    for (var pod : trace) {
      last = Math.max(last, Math.max(pod.creationTime(), Math.max(pod.scheduledTime(), pod.deletionTime())));
    }
    return last;
  }

  static int priority(String qos) {
    return switch (qos) {
      case "Guaranteed" -> 3;
      case "LS" -> 2;
      case "Burstable" -> 1;
      default -> 0;
    };
  }

  private static Leaf draw(List<Leaf> leaves, SplittableRandom random) {
    double total = leaves.stream().mapToDouble(Leaf::weight).sum();
    double x = random.nextDouble() * total;
    for (var leaf : leaves) {
      x -= leaf.weight();
      if (x < 0) return leaf;
    }
    return leaves.getLast();
  }

  private static QueueTree queues(List<Leaf> leaves, List<ReplayPod> pods, long capacityMilli) {
    var requested = new HashMap<String, Double>();
    double total = 0;
    for (var pod : pods) {
      requested.merge(pod.queue(), (double) pod.gpuMilli(), Double::sum);
      total += pod.gpuMilli();
    }
    var departments = new LinkedHashMap<String, Long>();
    var specs = new ArrayList<QueueSpec>();
    for (var leaf : leaves) {
      double share = total == 0 ? 1.0 / leaves.size() : requested.getOrDefault(leaf.name(), 0.0) / total;
      long deserved = (long) Math.floor(capacityMilli * share);
      departments.merge(leaf.department(), deserved, Long::sum);
      specs.add(new QueueSpec(leaf.name(), leaf.department(), 0, Map.of(Dimension.GPU, Quota.deserved(deserved))));
    }
    departments.forEach((name, deserved) ->
        specs.add(new QueueSpec(name, null, 0, Map.of(Dimension.GPU, Quota.deserved(deserved)))));
    try {
      return QueueTree.of(specs);
    } catch (QueueDefinitionException e) {
      throw new IllegalArgumentException("queue layout: " + e.getMessage(), e);
    }
  }
}
