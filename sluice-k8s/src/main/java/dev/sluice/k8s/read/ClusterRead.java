package dev.sluice.k8s.read;

import dev.sluice.core.scheduler.SchedulerSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One cycle's reading of the cluster: the core's snapshot and what maps its workloads back to API objects.
 *
 * @param snapshot      what the core decides on
 * @param gangs         the gang behind each workload of the snapshot, by workload id
 * @param held          gangs that cannot be scheduled as they are, each with its problem
 * @param pods          Sluice's live pods by {@code namespace/name}
 * @param reservations  the pods that hold a shared GPU, by {@code node/gpu}
 * @param staleReservations reservation pods that have ended or are being deleted, to clear away
 * @param sharedGpus    {@code node/gpu} of every GPU that running fractional pods share
 * @param queueProblem  why the queues cannot form a tree (nothing is scheduled then), or null
 * @param belowMinimum  the gangs that run with fewer pods than their minimum, ordered by gang id
 */
public record ClusterRead(SchedulerSnapshot snapshot, Map<String, Gang> gangs, List<Gang> held, Map<String, Pod> pods,
                          Map<String, Pod> reservations, List<Pod> staleReservations, java.util.Set<String> sharedGpus, String queueProblem,
                          List<GangBelowMinimum> belowMinimum) {
  public ClusterRead {
    Objects.requireNonNull(snapshot, "snapshot");
    gangs = Map.copyOf(gangs);
    held = List.copyOf(held);
    pods = Map.copyOf(pods);
    reservations = Map.copyOf(reservations);
    staleReservations = List.copyOf(staleReservations);
    sharedGpus = java.util.Set.copyOf(sharedGpus);
    belowMinimum = List.copyOf(belowMinimum);
  }

  /** The key of a shared GPU: {@code node/gpu}. */
  public static String gpuKey(String node, int gpu) {
    return node + "/" + gpu;
  }
}
