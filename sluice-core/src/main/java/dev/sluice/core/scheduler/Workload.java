package dev.sluice.core.scheduler;

import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.Resources;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A group of pods submitted together by a user to a leaf queue. It runs only when at least
 * {@code minMembers} pods place (a gang: all or nothing); an elastic workload ({@code minMembers <
 * pods.size()}) takes as many more as fit, up to all of its pods.
 *
 * @param id          unique id; ties in every order break by it
 * @param queue       the leaf queue
 * @param user        who submitted it
 * @param pods        its pods, at most this many run; names unique inside the workload
 * @param minMembers  fewest pods it can run with, 1..pods.size()
 * @param priority    its priority class
 * @param preemptible whether a higher-priority workload of its queue, or a reclaim, may evict it
 * @param submitTime  when it was submitted (milliseconds of the scheduler's clock)
 * @param runtimes    minimum runtime, walltime and expected runtime
 * @param topology    where in the cluster's topology its pods may go together
 */
public record Workload(String id, String queue, String user, List<PodRequest> pods, int minMembers,
                       PriorityClass priority, boolean preemptible, long submitTime, Runtimes runtimes,
                       TopologyConstraint topology) {
  public Workload {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) throw new IllegalArgumentException("workload id must not be blank");
    Objects.requireNonNull(queue, "queue");
    if (queue.isBlank()) throw new IllegalArgumentException("workload " + id + ": queue must not be blank");
    Objects.requireNonNull(user, "user");
    pods = List.copyOf(pods);
    if (pods.isEmpty()) throw new IllegalArgumentException("workload " + id + ": pods must not be empty");
    var names = new HashSet<String>();
    for (var pod : pods) {
      if (!names.add(pod.name())) throw new IllegalArgumentException("workload " + id + ": pod name " + pod.name() + " twice");
    }
    if (minMembers < 1 || minMembers > pods.size()) {
      throw new IllegalArgumentException("workload " + id + ": minMembers must be in 1.." + pods.size() + ", was " + minMembers);
    }
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(runtimes, "runtimes");
    Objects.requireNonNull(topology, "topology");
  }

  /** A workload without a topology constraint. */
  public Workload(String id, String queue, String user, List<PodRequest> pods, int minMembers, PriorityClass priority,
                  boolean preemptible, long submitTime, Runtimes runtimes) {
    this(id, queue, user, pods, minMembers, priority, preemptible, submitTime, runtimes, TopologyConstraint.NONE);
  }

  /** A gang of all {@code pods}, priority {@link PriorityClass#TRAIN}, not preemptible, no runtimes. */
  public static Workload of(String id, String queue, String user, long submitTime, List<PodRequest> pods) {
    return new Workload(id, queue, user, pods, pods.size(), PriorityClass.TRAIN, false, submitTime, Runtimes.NONE);
  }

  public Workload withMinMembers(int min) {
    return new Workload(id, queue, user, pods, min, priority, preemptible, submitTime, runtimes, topology);
  }

  public Workload withPriority(PriorityClass newPriority) {
    return new Workload(id, queue, user, pods, minMembers, newPriority, preemptible, submitTime, runtimes, topology);
  }

  public Workload withPreemptible(boolean flag) {
    return new Workload(id, queue, user, pods, minMembers, priority, flag, submitTime, runtimes, topology);
  }

  public Workload withRuntimes(Runtimes newRuntimes) {
    return new Workload(id, queue, user, pods, minMembers, priority, preemptible, submitTime, newRuntimes, topology);
  }

  public Workload withTopology(TopologyConstraint constraint) {
    return new Workload(id, queue, user, pods, minMembers, priority, preemptible, submitTime, runtimes, constraint);
  }

  public int maxMembers() {
    return pods.size();
  }

  public boolean isElastic() {
    return minMembers < pods.size();
  }

  /** What the first {@code members} pods ask for together. */
  public Resources resourcesOf(int members) {
    var total = Resources.ZERO;
    for (int i = 0; i < members; i++) total = total.plus(pods.get(i).resources());
    return total;
  }
}
