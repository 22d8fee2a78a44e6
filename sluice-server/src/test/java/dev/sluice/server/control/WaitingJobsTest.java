package dev.sluice.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.control.SchedulingPolicies;
import dev.sluice.control.SchedulingPolicy;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane keeps the waiting jobs between cycles ({@link WaitingJobs}) and reads only what changed: stories
 * in which a stale copy would decide wrongly. A host of one GPU, the fair-share cycle, one queue.
 */
class WaitingJobsTest {
  private static final JobResources ONE_GPU = new JobResources(1, 1000, 0, 1000, 1024);
  @TempDir
  Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final FakeLauncher launcher = new FakeLauncher();
  private final Host host = Host.of("box", 8000, 32_000, FixedInventory.simulated(1));
  private final AtomicReference<Runnable> duringNextDecision = new AtomicReference<>(() -> { });
  private TestStores stores;
  private JobStore jobs;
  private ControlPlane plane;

  @BeforeEach
  void open() {
    stores = TestStores.open(dataDir, clock,
        new QueueRecord("team", null, 0, Map.of("gpu", new QueueQuota(1000, null, 1, null))));
    jobs = stores.jobs();
    plane = newControlPlane();
  }

  /** A control plane whose scheduler first runs (once) what a test left in {@link #duringNextDecision}. */
  private ControlPlane newControlPlane() {
    var fairShare = SchedulingPolicies.fairShare(SchedulerConfig.defaults());
    SchedulingPolicy policy = snapshot -> {
      duringNextDecision.getAndSet(() -> { }).run();
      return fairShare.cycle(snapshot);
    };
    return stores.plane(host, launcher, policy, Duration.ofSeconds(7));
  }

  @AfterEach
  void close() {
    plane.close();
    stores.close();
  }

  private Job submit() {
    clock.advance(Duration.ofSeconds(1));
    var job = jobs.submit(new NewJob("job", "team", "alice", List.of("train"), Map.of(), "/tmp", ONE_GPU, 0, false,
        clock.instant()));
    plane.wake();
    return job;
  }

  private JobState stateOf(Job job) {
    return jobs.find(job.seq()).orElseThrow().state();
  }

  /** The running job ends and the loop decides again. */
  private void finish(Job running) {
    launcher.exit(running.id(), 0);
    plane.cycle();
  }

  @Test
  void aJobCancelledBetweenCyclesIsNeverStarted() {
    var first = submit();
    var cancelled = submit();
    var next = submit();
    plane.cycle();
    assertThat(stateOf(cancelled)).as("waits behind the first, as the control plane keeps it").isEqualTo(JobState.PENDING);

    plane.cancel(jobs.find(cancelled.seq()).orElseThrow(), "bob");
    finish(first);

    assertThat(stateOf(cancelled)).isEqualTo(JobState.CANCELLED);
    assertThat(launcher.launchesOf(cancelled.id())).isZero();
    assertThat(stateOf(next)).as("the GPU goes to the next job still waiting").isEqualTo(JobState.RUNNING);
    assertThat(plane.view().queue("team").pending()).isZero();
  }

  @Test
  void aJobSubmittedWhileACycleDecidesIsDecidedInALaterOne() {
    var first = submit();
    var during = new AtomicReference<Job>();
    duringNextDecision.set(() -> during.set(submit()));
    plane.cycle();
    assertThat(stateOf(first)).isEqualTo(JobState.RUNNING);
    assertThat(stateOf(during.get())).as("submitted after this cycle read the waiting jobs").isEqualTo(JobState.PENDING);

    plane.cycle();
    assertThat(jobs.find(during.get().seq()).orElseThrow().reason().code())
        .as("the next cycle decided on it").isNotEqualTo("waiting");
    assertThat(plane.view().queuePositions()).containsEntry(during.get().seq(), 1);

    finish(first);
    assertThat(stateOf(during.get())).isEqualTo(JobState.RUNNING);
  }

  @Test
  void afterARestartTheWaitingJobsAreReadAgainFromTheStore() {
    var first = submit();
    var cancelledWhileDown = submit();
    var waiting = submit();
    plane.cycle();
    plane.close();

    // while no control plane runs, the store changes behind the one that kept the waiting jobs
    jobs.finish(cancelledWhileDown.seq(), JobState.PENDING, JobState.CANCELLED,
        new dev.sluice.server.store.Reason("cancelled", "cancelled by bob"), null, clock.instant());
    launcher.exit(first.id(), 0);
    plane = newControlPlane();
    plane.adopt();
    plane.cycle();

    assertThat(launcher.launchesOf(cancelledWhileDown.id())).isZero();
    assertThat(stateOf(waiting)).isEqualTo(JobState.RUNNING);
  }

  @Test
  void whatTheControlPlaneKeepsMatchesTheStoreAfterStartsCancellationsAndNewSubmissions() {
    var submitted = new java.util.ArrayList<Job>();
    for (int round = 0; round < 6; round++) {
      submitted.add(submit());
      submitted.add(submit());
      plane.cycle();
      if (round % 2 == 0) plane.cancel(jobs.find(submitted.get(round + 1).seq()).orElseThrow(), "bob");
      jobs.inState(JobState.RUNNING).forEach(running -> launcher.exit(running.id(), 0));
      plane.cycle();
    }
    var stored = jobs.waiting();
    var positions = plane.view().queuePositions();
    assertThat(positions.keySet()).containsExactlyInAnyOrderElementsOf(stored.stream().map(Job::seq).toList());
    assertThat(plane.view().queue("team").pending()).isEqualTo(stored.size());
    stored.forEach(job -> assertThat(job.reason().code()).as(job.id()).isNotEqualTo("waiting"));
  }
}
