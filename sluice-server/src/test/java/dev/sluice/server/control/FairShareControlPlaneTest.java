package dev.sluice.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.control.SchedulingPolicies;
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
import dev.sluice.server.store.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stories of the control loop with the fair-share cycle on virtual time: a fake launcher, a host of two
 * GPUs, queues team-a and team-b that each deserve one GPU, and team-c that may use at most one.
 */
class FairShareControlPlaneTest {
  private static final Duration GRACE = Duration.ofSeconds(7);
  private static final JobResources ONE_GPU = new JobResources(1, 1000, 0, 1000, 1024);
  @TempDir
  Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final FakeLauncher launcher = new FakeLauncher();
  private TestStores stores;
  private JobStore jobs;
  private Host host;
  private ControlPlane plane;

  @BeforeEach
  void open() {
    stores = TestStores.open(dataDir, clock,
        new QueueRecord("team-a", null, 0, Map.of("gpu", new QueueQuota(1000, null, 1, null))),
        new QueueRecord("team-b", null, 0, Map.of("gpu", new QueueQuota(1000, null, 1, null))),
        new QueueRecord("team-c", null, 0, Map.of("gpu", new QueueQuota(0, 1000L, 1, null))));
    jobs = stores.jobs();
    host = Host.of("box", 8000, 32_000, FixedInventory.simulated(2));
    plane = newControlPlane();
  }

  private ControlPlane newControlPlane() {
    return stores.plane(host, launcher, SchedulingPolicies.fairShare(SchedulerConfig.defaults()), GRACE);
  }

  @AfterEach
  void close() {
    plane.close();
    stores.close();
  }

  private Job submit(String queue, boolean preemptible) {
    return submit(queue, 0, preemptible);
  }

  private Job submit(String queue, int priority, boolean preemptible) {
    return submit(queue, priority, preemptible, ONE_GPU);
  }

  private Job submit(String queue, int priority, boolean preemptible, JobResources resources) {
    clock.advance(Duration.ofSeconds(1));
    var job = jobs.submit(new NewJob("job", queue, "alice", List.of("train"), Map.of(), "/tmp", resources, priority,
        preemptible, clock.instant()));
    plane.wake();
    return job;
  }

  private Job now(Job job) {
    return jobs.find(job.seq()).orElseThrow();
  }

  /** One tick: the loop records exits and decides; then nothing runs twice and no GPU holds two jobs. */
  private void tick() {
    clock.advance(Duration.ofMillis(200));
    plane.cycle();
    var gpus = new HashSet<Integer>();
    for (var job : jobs.inState(JobState.RUNNING)) {
      assertThat(launcher.runningProcessesOf(job.id())).as("processes of %s", job.id()).isLessThanOrEqualTo(1);
      for (int gpu : job.placement().gpuIndices()) assertThat(gpus.add(gpu)).as("GPU %d taken twice", gpu).isTrue();
    }
    for (var job : jobs.inState(JobState.PENDING)) {
      if (launcher.launchesOf(job.id()) > 0) {
        assertThat(launcher.runningProcessesOf(job.id())).as("processes of %s", job.id()).isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void teamBReclaimsTheGpuTeamABorrowedWithinOneTickAndStartsWhenTheStoppedProcessHasExited() {
    launcher.exitOnTerminate(false);
    var older = submit("team-a", true);
    var newer = submit("team-a", true);
    tick();
    assertThat(List.of(now(older), now(newer))).as("team-a borrows team-b's idle GPU")
        .extracting(Job::state).containsOnly(JobState.RUNNING);
    var gpuOfNewer = now(newer).placement().gpuIndices();

    var teamB = submit("team-b", false);
    tick();
    var stopped = now(newer);
    assertThat(stopped.state()).isEqualTo(JobState.PENDING);
    assertThat(stopped.reason()).isEqualTo(new Reason("preempted",
        "reclaimed by queue team-b (below its deserved 1 GPU) for job " + teamB.id() + "; it waits to run again"));
    assertThat(stopped.preemptions()).isEqualTo(1);
    assertThat(stopped.submittedAt()).isEqualTo(newer.submittedAt());
    assertThat(stopped.startedAt()).isNull();
    assertThat(launcher.terminatedWith(newer.id())).isEqualTo(GRACE);
    assertThat(now(older).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(teamB).state()).as("its GPU is held until the stopped process exits").isEqualTo(JobState.PENDING);
    assertThat(now(teamB).reason().code()).isEqualTo("waiting");
    assertThat(now(teamB).reason().message()).contains(newer.id());

    tick();
    assertThat(now(teamB).state()).as("still within the grace period").isEqualTo(JobState.PENDING);
    clock.advance(GRACE);
    launcher.exit(newer.id(), 137);
    tick();
    assertThat(now(teamB).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(teamB).placement().gpuIndices()).isEqualTo(gpuOfNewer);
    assertThat(now(newer).state()).isEqualTo(JobState.PENDING);
    assertThat(now(newer).reason().code()).isNotEqualTo("preempted");
    assertThat(launcher.launchesOf(newer.id())).isEqualTo(1);

    launcher.exit(teamB.id(), 0);
    tick();
    assertThat(now(newer).state()).as("it runs again once team-b's GPU is idle").isEqualTo(JobState.RUNNING);
    assertThat(launcher.launchesOf(newer.id())).isEqualTo(2);
    assertThat(now(newer).preemptions()).isEqualTo(1);
    assertThat(now(older).state()).isEqualTo(JobState.RUNNING);
    assertThat(launcher.launchesOf(older.id())).isEqualTo(1);
  }

  @Test
  void aJobBeyondItsQueueLimitWaitsWithOverLimitThoughAGpuIsIdle() {
    var first = submit("team-c", false);
    var second = submit("team-c", false);
    tick();
    assertThat(now(first).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(second).state()).isEqualTo(JobState.PENDING);
    assertThat(now(second).reason().code()).isEqualTo("over-limit");
    assertThat(now(second).reason().message()).contains("team-c").contains("limit 1000");
    assertThat(plane.view().queuePositions()).containsEntry(second.seq(), 1);
  }

  @Test
  void aNonPreemptibleJobWithinItsDeservedQuotaIsNeverStopped() {
    var borrowed = submit("team-a", false);
    var inQuota = submit("team-a", false);
    tick();
    assertThat(List.of(now(borrowed), now(inQuota))).extracting(Job::state).containsOnly(JobState.RUNNING);
    var teamB = submit("team-b", false);
    tick();
    tick();
    var stoppedIds = jobs.inState(JobState.PENDING).stream().filter(j -> j.preemptions() > 0).map(Job::id).toList();
    assertThat(stoppedIds).as("exactly one of team-a's jobs goes; the one within deserved stays").hasSize(1);
    assertThat(now(teamB).state()).isEqualTo(JobState.RUNNING);
    assertThat(jobs.inState(JobState.RUNNING)).extracting(Job::queue).containsExactlyInAnyOrder("team-a", "team-b");
  }

  @Test
  void aQueueThatKeepsWorkThatMayNotBePreemptedWithinDeservedQuotaLetsOnlyPreemptibleWorkBorrow() {
    stores.queues().create(new QueueRecord("team-d", null, 0, Map.of("gpu", new QueueQuota(1000, null, 1, null)), null, false));
    var within = submit("team-d", false);
    var beyond = submit("team-d", false);
    var borrower = submit("team-d", true);
    tick();
    assertThat(now(within).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(beyond).state()).isEqualTo(JobState.PENDING);
    assertThat(now(beyond).reason().code()).isEqualTo("non-preemptible-over-quota");
    assertThat(now(borrower).state()).as("the idle GPU goes to work that can be reclaimed").isEqualTo(JobState.RUNNING);
  }

  @Test
  void afterARestartWithinTheGracePeriodTheStoppedProcessStillHoldsItsGpu() {
    launcher.exitOnTerminate(false);
    submit("team-a", true);
    var newer = submit("team-a", true);
    tick();
    var teamB = submit("team-b", false);
    tick();
    assertThat(now(newer).reason().code()).isEqualTo("preempted");
    plane.close();

    plane = newControlPlane();
    plane.adopt();
    plane.wake();
    tick();
    tick();
    assertThat(now(teamB).state()).as("the stopped process still runs").isEqualTo(JobState.PENDING);
    assertThat(now(teamB).reason().message()).contains(newer.id());
    assertThat(launcher.launchesOf(newer.id())).isEqualTo(1);
    launcher.exit(newer.id(), 143);
    tick();
    assertThat(now(teamB).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(newer).state()).isEqualTo(JobState.PENDING);
    assertThat(launcher.launchesOf(newer.id())).isEqualTo(1);
  }

  @Test
  void aHigherPriorityJobOfTheSameQueuePreemptsTheNewestLowerPriorityOne() {
    var older = submit("team-a", 0, true);
    var newer = submit("team-a", 0, true);
    tick();
    var urgent = submit("team-a", 10, false);
    tick();
    assertThat(now(newer).state()).isEqualTo(JobState.PENDING);
    assertThat(now(newer).reason()).isEqualTo(new Reason("preempted",
        "preempted by job " + urgent.id() + " of queue team-a (priority 10 > 0); it waits to run again"));
    tick();
    assertThat(now(urgent).state()).as("the terminated process exited at once").isEqualTo(JobState.RUNNING);
    assertThat(now(older).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(newer).reason().code()).isNotEqualTo("preempted");
  }

  @Test
  void aQueueWithinItsDeservedQuotaGetsItBackFromABorrowerWhoseOneJobHoldsMoreThanItDeserves() {
    var borrower = submit("team-a", 0, true, new JobResources(2, 1000, 0, 1000, 1024));
    tick();
    assertThat(now(borrower).state()).as("team-a borrows team-b's idle GPU with one 2-GPU job").isEqualTo(JobState.RUNNING);

    var owed = submit("team-b", false);
    tick();
    assertThat(now(borrower).state()).as("evicted whole: it cannot be divided").isEqualTo(JobState.PENDING);
    assertThat(now(borrower).reason().code()).isEqualTo("preempted");
    tick();
    assertThat(now(owed).state()).as("team-b's deserved GPU, although team-a is left with nothing").isEqualTo(JobState.RUNNING);
    assertThat(now(borrower).state()).as("it waits for both GPUs").isEqualTo(JobState.PENDING);
  }

  @Test
  void aHigherPriorityJobPreemptsInsideItsQueueAtTheQueuesLimit() {
    var low = submit("team-c", 0, true);
    tick();
    assertThat(now(low).state()).isEqualTo(JobState.RUNNING);

    var urgent = submit("team-c", 10, false);
    tick();
    assertThat(now(low).state()).isEqualTo(JobState.PENDING);
    assertThat(now(low).reason().code()).isEqualTo("preempted");
    tick();
    assertThat(now(urgent).state()).as("team-c is back within its limit of one GPU").isEqualTo(JobState.RUNNING);
  }
}
