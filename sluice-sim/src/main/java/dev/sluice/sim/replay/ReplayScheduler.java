package dev.sluice.sim.replay;

import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.queue.QueueTree;
import java.util.List;
import java.util.Objects;

/**
 * One scheduling cycle as the replay sees it: from the cluster and the pods, the pods to evict, to move and
 * to start. The engine evicts first, then moves, then binds; each must fit the cluster as the ones before
 * left it.
 */
@FunctionalInterface
public interface ReplayScheduler {
  Outcome cycle(Input input);

  /** A pod that runs now, and where. */
  record Running(ReplayPod pod, int node, List<Integer> gpus, long startedAt) {
    public Running {
      Objects.requireNonNull(pod, "pod");
      gpus = List.copyOf(gpus);
    }
  }

  /**
   * What a cycle sees.
   *
   * @param now     virtual seconds
   * @param cluster what is free on every node
   * @param pending waiting pods, by arrival then id
   * @param running running pods, by id
   * @param queues  the queue tree with deserved quotas
   */
  record Input(long now, ClusterSnapshot cluster, List<ReplayPod> pending, List<Running> running, QueueTree queues) {
    public Input {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(queues, "queues");
      pending = List.copyOf(pending);
      running = List.copyOf(running);
    }
  }

  /** Start pod {@code pod} on {@code node}, taking {@code gpus}. */
  record Bind(int pod, int node, List<Integer> gpus) {
    public Bind {
      gpus = List.copyOf(gpus);
    }
  }

  /**
   * What a cycle decided: pods to evict (back to pending, to run from scratch later), running pods to move
   * (they keep running elsewhere, same start and end), then pods to start.
   */
  record Outcome(List<Bind> binds, List<Integer> evictions, List<Bind> moves) {
    public static final Outcome NOTHING = new Outcome(List.of(), List.of(), List.of());

    public Outcome {
      binds = List.copyOf(binds);
      evictions = List.copyOf(evictions);
      moves = List.copyOf(moves);
    }
  }
}
