package dev.sluice.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.control.SchedulingPolicies;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.MutableClock;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobResources;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.NewJob;
import dev.sluice.server.store.QueueQuota;
import dev.sluice.server.store.QueueRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fair-share control plane's past usage, metered by the shared loop from what its source reads: what running jobs
 * add, its decay, and what it does to fair shares. A host of two GPUs; queues team-a and team-b deserve none.
 */
class PastUsageTest {
  private static final JobResources ONE_GPU = new JobResources(1, 1000, 0, 1000, 1024);
  private static final Offset<Double> EXACT = Offset.offset(1e-6);
  @TempDir
  Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final FakeLauncher launcher = new FakeLauncher();
  private TestStores stores;
  private JobStore jobs;
  private ControlPlane plane;

  @BeforeEach
  void open() {
    stores = TestStores.open(dataDir, clock,
        new QueueRecord("team-a", null, 0, Map.of("gpu", new QueueQuota(0, null, 1, null))),
        new QueueRecord("team-b", null, 0, Map.of("gpu", new QueueQuota(0, null, 1, null))),
        new QueueRecord("org", null, 0, Map.of()), new QueueRecord("org-ml", "org", 0, Map.of()));
    jobs = stores.jobs();
    plane = stores.plane(Host.of("box", 8000, 32_000, FixedInventory.simulated(2)), launcher,
        SchedulingPolicies.fairShare(SchedulerConfig.defaults()), Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    plane.close();
    stores.close();
  }

  private Job submit(String queue) {
    return submit(queue, "train");
  }

  private Job submit(String queue, String program) {
    return jobs.submit(new NewJob("job", queue, "alice", List.of(program), Map.of(), "/tmp", ONE_GPU, 0, false, clock.instant()));
  }

  /** Something changed {@code after} from now: the loop decides. */
  private void decideAfter(Duration after) {
    clock.advance(after);
    plane.wake();
    plane.cycle();
  }

  private Map<String, Double> usage() {
    return plane.usage().orElseThrow().usage();
  }

  @Test
  void runningJobsAddTheirGpuTimeToTheirQueueAndItHalvesEveryHalfLife() {
    var job = submit("team-a");
    decideAfter(Duration.ZERO);
    assertThat(usage()).isEmpty();

    decideAfter(Duration.ofHours(1));
    assertThat(usage()).containsEntry("team-a", 1000.0 * 3600);
    launcher.exit(job.id(), 0);
    decideAfter(Duration.ZERO);
    assertThat(usage()).as("it ended then").containsEntry("team-a", 1000.0 * 3600);
    decideAfter(Duration.ofHours(2));
    assertThat(usage().get("team-a")).as("halved twice").isCloseTo(1000.0 * 3600 / 4, EXACT);
  }

  @Test
  void aJobThatEndedBetweenTwoCyclesStillCounts() {
    var job = submit("team-b");
    decideAfter(Duration.ZERO);
    clock.advance(Duration.ofMinutes(30));
    launcher.exit(job.id(), 0);

    plane.cycle();
    assertThat(jobs.find(job.seq()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(usage()).containsEntry("team-b", 1000.0 * 1800);
    decideAfter(Duration.ofMinutes(60));
    assertThat(usage().get("team-b")).isCloseTo(1000.0 * 1800 / 2, EXACT);
  }

  @Test
  void aJobStartedByOneCycleThatEndedBeforeTheNextStillCounts() {
    submit("team-a");
    decideAfter(Duration.ZERO);
    var job = submit("team-b");
    decideAfter(Duration.ofMinutes(10));
    assertThat(plane.usage().orElseThrow().usage()).doesNotContainKey("team-b");
    clock.advance(Duration.ofMinutes(20));
    launcher.exit(job.id(), 0);

    plane.cycle();

    assertThat(usage()).as("not running at either cycle's reading").containsEntry("team-b", 1000.0 * 1200);
  }

  @Test
  void aJobWhoseProcessCouldNotStartAddsNothing() {
    submit("team-a", "no-such-program");
    decideAfter(Duration.ZERO);

    decideAfter(Duration.ofHours(1));

    assertThat(usage()).doesNotContainKey("team-a");
  }

  @Test
  void aQueueThatUsedMoreLatelyGetsLessOfTheSurplus() {
    var used = submit("team-a");
    decideAfter(Duration.ZERO);
    decideAfter(Duration.ofHours(1));
    launcher.exit(used.id(), 0);
    var waiting = List.of(submit("team-a"), submit("team-b"), submit("team-a"), submit("team-b"));

    decideAfter(Duration.ofSeconds(1));

    var shares = plane.fairShares().orElseThrow();
    assertThat(shares.of("team-b", Dimension.GPU)).isGreaterThan(shares.of("team-a", Dimension.GPU));
    var started = waiting.stream().filter(j -> jobs.find(j.seq()).orElseThrow().state() == JobState.RUNNING)
        .map(Job::queue).toList();
    assertThat(started).hasSize(2);
    assertThat(started.stream().filter("team-b"::equals).count())
        .isGreaterThanOrEqualTo(started.stream().filter("team-a"::equals).count());
  }

  @Test
  void aJobOfAQueueWithSubQueuesWaitsAndIsNotScheduled() {
    var job = submit("org");

    var summary = plane.cycle().orElseThrow();

    var reason = jobs.find(job.seq()).orElseThrow().reason();
    assertThat(reason.code()).isEqualTo("waiting");
    assertThat(reason.message()).contains("sub-queues");
    assertThat(launcher.launches()).isEmpty();
    assertThat(summary.waiting()).as("held back from the scheduler, counted as waiting").isEqualTo(1);
    assertThat(plane.view().queuePositions()).containsEntry(job.seq(), 1);
  }
}
