package dev.sluice.testkit.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.control.ControlLoop;
import dev.sluice.control.DecisionSink;
import dev.sluice.control.WorkloadSource;
import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the {@link ControlLoop} guarantees, run against a live mode's source and sink: every decision is carried
 * out once; a commit that fails is reported and tried again; usage is metered once per cycle, starting from what a
 * former run kept. A cluster of one node with two GPUs and a queue {@code team} that deserves both.
 */
public abstract class ControlLoopContract<R extends WorkloadSource.Reading> {
  protected static final Duration HALF_LIFE = Duration.ofHours(1);
  protected static final long T0 = 1_800_000_000_000L;
  private static final String QUEUE = "team";
  private Instant now = Instant.ofEpochMilli(T0);

  /** A source and a sink over one cluster, as the implementation under test has them. */
  protected interface Harness<R extends WorkloadSource.Reading> {
    WorkloadSource<R> source();

    DecisionSink<R> sink();

    /**
     * The workloads the sink has bound so far, by the ids this contract gave them: one entry for each bind carried
     * out (where the cluster itself refuses a second bind of the same pod, each bound workload once).
     */
    List<String> bound();

    /** From now on, binding the workload {@code id} fails. */
    void failBindsOf(String id);

    /**
     * Whether a workload whose bind failed stays pending and is bound again next cycle (Kubernetes: the pod is still
     * there), or has failed for good (the single host: a job whose process cannot start fails, {@code launch-failed}).
     */
    default boolean retriesFailedCommits() {
      return true;
    }
  }

  /** A harness over {@code cluster}, with {@code pastUsage} kept by a former run. */
  protected abstract Harness<R> harness(SchedulerSnapshot cluster, UsageHistory pastUsage);

  @Test
  void eachDecisionIsCarriedOutOnce() throws InterruptedException {
    var harness = harness(pending(workload("a", 1), workload("b", 1)), noPastUsage());
    var loop = loop(harness);

    var first = loop.cycle();
    var second = loop.cycle();

    assertThat(first.bound()).isEqualTo(2);
    assertThat(second.bound()).isZero();
    assertThat(harness.bound()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aFailedCommitIsReportedAndTriedAgainOrFailedForGood() throws InterruptedException {
    var harness = harness(pending(workload("a", 1), workload("b", 1)), noPastUsage());
    harness.failBindsOf("b");
    var loop = loop(harness);

    var first = loop.cycle();
    var second = loop.cycle();

    assertThat(first.bound()).isEqualTo(1);
    assertThat(first.failed()).isEqualTo(1);
    if (harness.retriesFailedCommits()) assertThat(second.failed()).as("b is still pending and is bound again").isEqualTo(1);
    else assertThat(second.failed()).as("b failed for good and is not tried again").isZero();
    assertThat(second.bound()).isZero();
    assertThat(harness.bound()).containsExactly("a");
  }

  @Test
  void usageIsMeteredOncePerCycle() throws InterruptedException {
    var loop = loop(harness(pending(workload("a", 1)), noPastUsage()));
    loop.cycle();
    now = now.plusSeconds(60);

    loop.cycle();
    double afterAMinute = usedByTeam(loop);
    loop.cycle();

    assertThat(afterAMinute).as("one GPU for a minute, in GPU-milli-seconds").isCloseTo(60_000, within(1e-6));
    assertThat(usedByTeam(loop)).as("a second cycle at the same time adds nothing").isEqualTo(afterAMinute);
  }

  @Test
  void theFirstCycleStartsFromThePastUsage() throws InterruptedException {
    var kept = UsageHistory.empty(T0 - HALF_LIFE.toMillis(), HALF_LIFE).plus(tree(), QUEUE, 5000, T0 - HALF_LIFE.toMillis());
    var loop = loop(harness(pending(), kept));

    loop.cycle();

    assertThat(usedByTeam(loop)).as("halved over one half-life").isCloseTo(2500, within(1e-6));
  }

  @Test
  void whatDoesNotFitWaits() throws InterruptedException {
    var summary = loop(harness(pending(workload("big", 4)), noPastUsage())).cycle();

    assertThat(summary.nodes()).isEqualTo(1);
    assertThat(summary.bound()).isZero();
    assertThat(summary.waiting()).isEqualTo(1);
  }

  /** The loop over {@code harness} on this contract's clock. */
  protected ControlLoop<R> loop(Harness<R> harness) {
    return new ControlLoop<>(harness.source(), harness.sink(), new Scheduler(SchedulerConfig.defaults()), () -> now);
  }

  /** The cluster with {@code pending} waiting and nothing running. */
  protected static SchedulerSnapshot pending(Workload... pending) {
    var node = Node.uniform("node-0", 64_000, 512 * 1024, 2, "H100");
    return new SchedulerSnapshot(ClusterSnapshot.empty(List.of(node)), List.of(), Arrays.asList(pending), tree(),
        noPastUsage(), T0);
  }

  /** A workload of queue {@code team} with one pod asking for {@code gpus} whole GPUs. */
  protected static Workload workload(String id, int gpus) {
    var pod = new PodRequest(id + "-0", 1000, 1024, gpus, PodRequest.WHOLE_GPU, Set.of());
    return Workload.of(id, QUEUE, "ada", T0, List.of(pod));
  }

  protected static UsageHistory noPastUsage() {
    return UsageHistory.empty(T0, HALF_LIFE);
  }

  private static double usedByTeam(ControlLoop<?> loop) {
    return loop.usage().orElseThrow().usage().getOrDefault(QUEUE, 0.0);
  }

  private static QueueTree tree() {
    try {
      return QueueTree.of(List.of(new QueueSpec(QUEUE, null, 0, Map.of(Dimension.GPU, Quota.deserved(2000)))));
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException(e);
    }
  }
}
