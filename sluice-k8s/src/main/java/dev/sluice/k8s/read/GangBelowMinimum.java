package dev.sluice.k8s.read;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A gang that runs with fewer pods than its minimum: one of its pods was deleted, failed, was evicted by someone
 * else or lost its node, and the gang cannot make progress with the rest. A pod runs while it is bound to a node
 * that exists and is neither terminating (nor evicted by Sluice) nor finished; a pod that completed
 * ({@code Succeeded}) did its part and counts towards the minimum, so a gang whose workers finish one by one is
 * not below it.
 *
 * @param gang      the gang, with its live pods
 * @param running   its pods that run, at least one
 * @param completed how many of its pods completed
 */
public record GangBelowMinimum(Gang gang, List<Pod> running, int completed) {
  public GangBelowMinimum {
    Objects.requireNonNull(gang, "gang");
    running = List.copyOf(running);
    if (running.isEmpty()) throw new IllegalArgumentException("gang " + gang.id() + ": a gang with no pod running is not below its minimum");
    if (completed < 0 || running.size() + completed >= gang.minMembers()) {
      throw new IllegalArgumentException("gang " + gang.id() + ": " + running.size() + " running and " + completed
          + " completed is not below its minimum of " + gang.minMembers());
    }
  }

  /** How many of its minimum run, e.g. {@code 3 of 4 running} or {@code 2 running and 1 completed of 4}. */
  public String howMany() {
    int min = gang.minMembers();
    return completed == 0 ? running.size() + " of " + min + " running" : running.size() + " running and " + completed + " completed of " + min;
  }

  /** The gangs below their minimum, in the order of {@code gangs}. */
  static List<GangBelowMinimum> of(List<Gang> gangs, ClassifiedPods pods, Set<String> nodes) {
    var completed = new HashMap<String, Integer>();
    for (var pod : pods.succeeded) completed.merge(Gangs.gangIdOf(pod), 1, Integer::sum);
    var below = new ArrayList<GangBelowMinimum>();
    for (var gang : gangs) {
      if (gang.minMembers() <= 1) continue;
      var running = gang.pods().stream().filter(p -> pods.isBound(p) && nodes.contains(pods.node(p))).toList();
      int done = completed.getOrDefault(gang.id(), 0);
      if (!running.isEmpty() && running.size() + done < gang.minMembers()) below.add(new GangBelowMinimum(gang, running, done));
    }
    return below;
  }
}
