package dev.sluice.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.PriorityClass;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.core.scheduler.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SchedulingPolicies#priority()} on a node of two GPUs: queue {@code urgent} (priority 10) before queue
 * {@code batch} (0) and {@code solo} (0, at most one running workload), then the workload's priority, then
 * submission, then the snapshot's order.
 */
class PriorityPolicyTest {
  private static final long T0 = 1_800_000_000_000L;
  private final SchedulingPolicy policy = SchedulingPolicies.priority();

  @Test
  void startsByQueuePriorityThenPriorityThenSubmissionAndTheRestWaitWithTheirPlaceInTheirQueue() {
    var result = policy.cycle(pending(
        workload("batch-old", "batch", 0, T0, 1),
        workload("batch-high", "batch", 5, T0 + 1, 1),
        workload("urgent-new", "urgent", 0, T0 + 2, 1),
        workload("batch-tied", "batch", 0, T0, 1)));

    assertThat(result.binds()).extracting(b -> b.workload().id()).containsExactly("urgent-new", "batch-high");
    assertThat(result.pending()).extracting(p -> p.workload().id(), p -> p.reason().code(), SchedulingDecision.Pending::queuePosition)
        .containsExactly(tuple("batch-old", "no-node-fits", 1),
            tuple("batch-tied", "no-node-fits", 2));
    assertThat(result.fairShares()).isEqualTo(SchedulingPolicies.NO_FAIR_SHARES);
  }

  @Test
  void aSmallerWorkloadBehindOneThatDoesNotFitStillStarts() {
    var result = policy.cycle(pending(workload("big", "batch", 0, T0, 3), workload("small", "batch", 0, T0 + 1, 2)));

    assertThat(result.binds()).singleElement().satisfies(b -> {
      assertThat(b.workload().id()).isEqualTo("small");
      assertThat(b.pods().getFirst().gpus()).containsExactly(0, 1);
    });
    assertThat(result.pending()).singleElement().extracting(p -> p.workload().id()).isEqualTo("big");
  }

  @Test
  void aWorkloadOfSeveralPodsStartsWholeOrWaitsAndGivesBackWhatItsFirstPodsTook() {
    var pods = List.of(pod("gang-0", 1), pod("gang-1", 1), pod("gang-2", 1));
    var gang = Workload.of("gang", "batch", "ada", T0, pods);

    var result = policy.cycle(pending(gang, workload("after", "batch", 0, T0 + 1, 2)));

    assertThat(result.pending()).extracting(p -> p.workload().id()).containsExactly("gang");
    assertThat(result.binds()).extracting(b -> b.workload().id()).containsExactly("after");
  }

  @Test
  void aQueueAtItsCapStartsNoMoreThoughThereIsRoom() {
    var result = policy.cycle(pending(workload("first", "solo", 0, T0, 1), workload("second", "solo", 0, T0 + 1, 1)));

    assertThat(result.binds()).extracting(b -> b.workload().id()).containsExactly("first");
    assertThat(result.pending())
        .extracting(p -> p.workload().id(), p -> p.reason().message(), SchedulingDecision.Pending::queuePosition)
        .containsExactly(tuple("second", "queue solo is at its cap of 1 running workloads", 1));
  }

  @Test
  void theSameSnapshotGivesTheSameDecisions() {
    var snapshot = pending(workload("a", "batch", 0, T0, 1), workload("b", "urgent", 0, T0, 1), workload("c", "batch", 1, T0, 1));

    CycleResult first = policy.cycle(snapshot);

    assertThat(policy.cycle(snapshot)).isEqualTo(first);
  }

  private static SchedulerSnapshot pending(Workload... pending) {
    var node = Node.uniform("node-0", 64_000, 512 * 1024, 2, "H100");
    return new SchedulerSnapshot(ClusterSnapshot.empty(List.of(node)), List.of(), List.of(pending), tree(),
        UsageHistory.empty(T0, Duration.ofHours(1)), T0);
  }

  private static Workload workload(String id, String queue, int priority, long submitted, int gpus) {
    return Workload.of(id, queue, "ada", submitted, List.of(pod(id + "-0", gpus)))
        .withPriority(new PriorityClass("priority-" + priority, priority));
  }

  private static PodRequest pod(String name, int gpus) {
    return new PodRequest(name, 1000, 1024, gpus, PodRequest.WHOLE_GPU, Set.of());
  }

  private static QueueTree tree() {
    try {
      return QueueTree.of(List.of(new QueueSpec("urgent", null, 10, Map.of()), new QueueSpec("batch", null, 0, Map.of()),
          new QueueSpec("solo", null, 0, Map.of()).withMaxRunningWorkloads(1)));
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException(e);
    }
  }
}
