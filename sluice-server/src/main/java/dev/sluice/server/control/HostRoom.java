package dev.sluice.server.control;

import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.server.store.Job;
import java.util.Collection;
import java.util.List;

/**
 * What the host's node has left once the given jobs hold what they were placed on. A start is checked against
 * it before its process is launched, so a job never takes GPUs a stopping process still holds.
 */
final class HostRoom {
  private static final System.Logger LOG = System.getLogger(HostRoom.class.getName());
  private final ClusterState state;

  HostRoom(Host host, Collection<Job> holding) {
    this.state = new ClusterState(List.of(host.node()));
    for (var job : holding) {
      var positions = job.placement() == null ? new int[0]
          : job.placement().gpuIndices().stream().mapToInt(host::position).toArray();
      try {
        state.assign(0, JobWorkloads.pod(job).shape(), positions);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "job " + job.id() + " does not fit this host as recorded: " + e.getMessage());
      }
    }
  }

  ClusterSnapshot snapshot() {
    return state.snapshot();
  }

  /** Takes the room for {@code job} on the GPUs at {@code positions}; false (and nothing taken) if it is not free. */
  boolean take(Job job, List<Integer> positions) {
    try {
      state.assign(0, JobWorkloads.pod(job).shape(), positions.stream().mapToInt(Integer::intValue).toArray());
      return true;
    } catch (IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException e) {
      return false;
    }
  }
}
