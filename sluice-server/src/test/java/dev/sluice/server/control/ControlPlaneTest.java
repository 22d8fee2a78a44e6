package dev.sluice.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.control.SchedulingPolicies;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.MutableClock;
import dev.sluice.server.metrics.ServerMetrics;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobResources;
import dev.sluice.server.store.JobRuntimes;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.NewJob;
import dev.sluice.server.store.Placement;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control loop on virtual time, cycle by cycle, with a fake launcher and a host of two 80 GiB GPUs. */
class ControlPlaneTest {
  private static final Duration GRACE = Duration.ofSeconds(7);
  @TempDir
  Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final FakeLauncher launcher = new FakeLauncher();
  private TestStores stores;
  private JobStore jobs;
  private ControlPlane plane;

  @BeforeEach
  void open() {
    stores = TestStores.open(dataDir, clock, new QueueRecord("default", null, 0, Map.of()),
        new QueueRecord("urgent", null, 5, Map.of()));
    jobs = stores.jobs();
    plane = newControlPlane(2);
  }

  private ControlPlane newControlPlane(int gpus) {
    return stores.plane(Host.of("box", 8000, 32_000, FixedInventory.simulated(gpus)), launcher, SchedulingPolicies.priority(), GRACE);
  }

  @AfterEach
  void close() {
    plane.close();
    stores.close();
  }

  private Job submit(String queue, int priority, JobResources request) {
    clock.advance(Duration.ofSeconds(1));
    return jobs.submit(new NewJob("job", queue, "alice", List.of("train"), Map.of(), "/tmp", request, priority, false,
        clock.instant()));
  }

  private Job submitGpus(int gpus) {
    return submit("default", 0, new JobResources(gpus, gpus == 0 ? 0 : 1000, 0, 1000, 1024));
  }

  private Job now(Job job) {
    return jobs.find(job.seq()).orElseThrow();
  }

  @Test
  void startsWhatFitsAndKeepsTheRestWaitingWithTheReasonAndItsPlace() {
    var a = submitGpus(1);
    var b = submitGpus(1);
    var c = submitGpus(1);
    var d = submitGpus(1);
    plane.cycle();
    assertThat(List.of(now(a), now(b))).extracting(Job::state).containsOnly(JobState.RUNNING);
    assertThat(now(a).placement().gpuIndices()).doesNotContainAnyElementsOf(now(b).placement().gpuIndices());
    assertThat(now(c).state()).isEqualTo(JobState.PENDING);
    assertThat(now(c).reason()).isEqualTo(new Reason("no-node-fits", "0/1 nodes fit: 1 insufficient free GPU"));
    assertThat(plane.view().queuePositions()).containsEntry(c.seq(), 1).containsEntry(d.seq(), 2);
    var launch = launcher.launches().getFirst();
    assertThat(launch.stdout()).isEqualTo(dataDir.resolve("jobs").resolve(a.id()).resolve("stdout.log"));
    assertThat(launch.gpuMilli()).isEqualTo(1000);
    assertThat(plane.view().queue("default")).isEqualTo(new QueueLoad(2000, 2000, 2048, 2, 2, 2000));
  }

  @Test
  void decidesAgainOnlyAfterAChangeWasSignalled() {
    plane.cycle();
    var job = submitGpus(1);
    plane.cycle();
    assertThat(now(job).state()).as("no one said anything changed").isEqualTo(JobState.PENDING);
    plane.wake();
    plane.cycle();
    assertThat(now(job).state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void samplesUtilizationEveryFiveSecondsOfVirtualTime() {
    submitGpus(1);
    var start = clock.instant();
    for (int i = 0; i < 12; i++) {
      plane.cycle();
      clock.advance(Duration.ofSeconds(1));
    }
    var points = plane.utilization(Duration.ofMinutes(1));
    assertThat(points).extracting(UtilizationPoint::at).containsExactly(start, start.plusSeconds(5), start.plusSeconds(10));
    assertThat(points.getLast()).isEqualTo(new UtilizationPoint(start.plusSeconds(10), 1000, 2000, 1, 0));
    assertThat(plane.utilization(Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void ordersByQueuePriorityThenJobPriorityThenSubmission() {
    plane.close();
    plane = newControlPlane(1);
    var first = submitGpus(1);
    var important = submit("default", 5, new JobResources(1, 1000, 0, 1000, 1024));
    var urgentQueue = submit("urgent", 0, new JobResources(1, 1000, 0, 1000, 1024));
    var order = new java.util.ArrayList<String>();
    for (int round = 0; round < 3; round++) {
      plane.cycle();
      var running = jobs.inState(JobState.RUNNING);
      assertThat(running).hasSize(1);
      order.add(running.getFirst().id());
      launcher.exit(running.getFirst().id(), 0);
    }
    assertThat(order).containsExactly(urgentQueue.id(), important.id(), first.id());
  }

  @Test
  void recordsHowProcessesEnded() {
    var ok = submitGpus(0);
    var failed = submitGpus(0);
    var killed = submitGpus(0);
    var lost = submitGpus(0);
    plane.cycle();
    launcher.exit(ok.id(), 0);
    launcher.exit(failed.id(), 3);
    launcher.exit(killed.id(), 137);
    launcher.lose(lost.id());
    clock.advance(Duration.ofMinutes(1));
    plane.cycle();
    assertThat(now(ok).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(now(ok).exitCode()).isZero();
    assertThat(now(failed).state()).isEqualTo(JobState.FAILED);
    assertThat(now(failed).reason()).isEqualTo(new Reason("exited", "exited with code 3"));
    assertThat(now(killed).reason()).isEqualTo(new Reason("killed", "killed by signal 9"));
    assertThat(now(lost).reason()).isEqualTo(new Reason("lost", "vanished"));
    assertThat(now(ok).finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void cancellingAPendingJobNeverLaunchesIt() {
    var big = submitGpus(2);
    var waiting = submitGpus(2);
    plane.cycle();
    assertThat(plane.cancel(now(waiting), "bob")).get().extracting(Job::state).isEqualTo(JobState.CANCELLED);
    assertThat(now(waiting).reason()).isEqualTo(new Reason("cancelled", "cancelled by bob"));
    launcher.exit(big.id(), 0);
    plane.cycle();
    assertThat(launcher.launchesOf(waiting.id())).isZero();
  }

  @Test
  void cancellingARunningJobTerminatesItWithTheGracePeriod() {
    var running = submitGpus(2);
    var next = submitGpus(2);
    plane.cycle();
    assertThat(plane.cancel(now(running), "bob")).get().extracting(Job::state).isEqualTo(JobState.CANCELLED);
    assertThat(launcher.wasTerminated(running.id())).isTrue();
    assertThat(plane.cancel(now(running), "bob")).isEmpty();
    plane.cycle();
    assertThat(now(next).state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aCancelledJobStillStoppingAtARestartIsTerminatedAgainAndHoldsItsGpusUntilItExits() {
    launcher.exitOnTerminate(false);
    var stubborn = submitGpus(2);
    plane.cycle();
    plane.cancel(now(stubborn), "bob");
    plane.close();

    plane = newControlPlane(2);
    var terminatedBefore = launcher.terminations(stubborn.id());
    plane.adopt();
    assertThat(launcher.terminations(stubborn.id())).as("a fresh SIGTERM and SIGKILL").isEqualTo(terminatedBefore + 1);
    var next = submitGpus(2);
    plane.cycle();
    assertThat(now(next).state()).as("the cancelled process still runs on both GPUs").isEqualTo(JobState.PENDING);
    launcher.exit(stubborn.id(), 137);
    plane.cycle();
    plane.cycle();
    assertThat(now(next).state()).isEqualTo(JobState.RUNNING);
    assertThat(launcher.launchesOf(stubborn.id())).isEqualTo(1);
  }

  @Test
  void aJobPastItsWalltimeIsStoppedAndFailsWithReasonWalltimeAndItsGpuGoesToTheNext() {
    launcher.exitOnTerminate(false);
    clock.advance(Duration.ofSeconds(1));
    var bounded = jobs.submit(new NewJob("job", "default", "alice", List.of("train"), Map.of(), "/tmp",
        new JobResources(2, 1000, 0, 1000, 1024), 0, false, new JobRuntimes(3600, 0), clock.instant()));
    plane.cycle();
    assertThat(now(bounded).state()).isEqualTo(JobState.RUNNING);
    var next = submitGpus(2);

    clock.advance(Duration.ofMinutes(59));
    plane.cycle();
    assertThat(now(bounded).state()).as("within its walltime").isEqualTo(JobState.RUNNING);

    clock.advance(Duration.ofMinutes(2));
    plane.cycle();
    assertThat(now(bounded).state()).isEqualTo(JobState.FAILED);
    assertThat(now(bounded).reason()).isEqualTo(new Reason("walltime", "ran past its walltime of 3600 s and was stopped"));
    assertThat(launcher.terminatedWith(bounded.id())).isEqualTo(GRACE);
    assertThat(now(next).state()).as("the stopped process holds both GPUs until it exits").isEqualTo(JobState.PENDING);

    launcher.exit(bounded.id(), 143);
    plane.cycle();
    plane.cycle();
    assertThat(now(next).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(bounded).state()).as("its exit changes nothing").isEqualTo(JobState.FAILED);
  }

  @Test
  void aJobThatHasJustExitedIsRecordedAsFinishedNotCancelled() {
    var done = submitGpus(1);
    plane.cycle();
    launcher.exit(done.id(), 0);

    assertThat(plane.cancel(now(done), "bob")).isEmpty();
    assertThat(now(done).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(now(done).exitCode()).isZero();
    assertThat(launcher.wasTerminated(done.id())).isFalse();
  }

  @Test
  void aJobWhoseProgramCannotStartFails() {
    clock.advance(Duration.ofSeconds(1));
    var job = jobs.submit(new NewJob("x", "default", "alice", List.of("no-such-program"), Map.of(), "/tmp",
        new JobResources(0, 0, 0, 100, 100), 0, false, clock.instant()));
    plane.cycle();
    assertThat(now(job).state()).isEqualTo(JobState.FAILED);
    assertThat(now(job).reason().code()).isEqualTo("launch-failed");
    assertThat(now(job).reason().message()).contains("no-such-program");
  }

  @Test
  void aLaunchFailureWithAnEndlessMessageFailsThatJobAloneWithTheMessageCut() {
    clock.advance(Duration.ofSeconds(1));
    var verbose = jobs.submit(new NewJob("x", "default", "alice", List.of("verbose-failure"), Map.of(), "/tmp",
        new JobResources(1, 1000, 0, 100, 100), 0, false, clock.instant()));
    var next = submit("default", 0, new JobResources(1, 1000, 0, 100, 100));
    plane.cycle();
    assertThat(now(verbose).state()).isEqualTo(JobState.FAILED);
    assertThat(now(verbose).reason().code()).isEqualTo("launch-failed");
    assertThat(now(verbose).reason().message()).startsWith("cannot start: xxx").endsWith(" …").hasSize(Reason.MAX_MESSAGE);
    assertThat(now(next).state()).isEqualTo(JobState.RUNNING);
    plane.cycle();
    assertThat(launcher.launchesOf(next.id())).isEqualTo(1);
  }

  @Test
  void aProcessWhoseRecordFailsIsStoppedRatherThanLeftRunningUntracked() {
    var failing = (JobStore) java.lang.reflect.Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("recordProcess")) {
            throw new dev.sluice.server.store.StoreException(new java.sql.SQLException("the database went away"));
          }
          try {
            return method.invoke(jobs, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    var host = Host.of("box", 8000, 32_000, FixedInventory.simulated(2));
    var withFailingStore = new ControlPlane(failing, stores.queues(), host, launcher, SchedulingPolicies.priority(), clock,
        dataDir.resolve("jobs"), GRACE, new ServerMetrics());
    var job = submitGpus(1);
    withFailingStore.cycle();
    assertThat(launcher.launchesOf(job.id())).isEqualTo(1);
    assertThat(launcher.terminatedWith(job.id())).as("stopped at once").isEqualTo(Duration.ZERO);
    assertThat(now(job).state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void aJobWhoseStateCannotBeReadHoldsUpNoOther() {
    var broken = submitGpus(1);
    var ending = submitGpus(1);
    plane.cycle();
    var next = submitGpus(1);
    launcher.breakStatusOf(broken.id());
    launcher.exit(ending.id(), 0);
    plane.cycle();
    assertThat(now(ending).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(now(next).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(broken).state()).as("looked at again next cycle").isEqualTo(JobState.RUNNING);
  }

  @Test
  void aFractionOfAGpuGetsItsShareOfTheDeviceMemory() {
    submit("default", 0, new JobResources(1, 250, 0, 1000, 1024));
    submit("default", 0, new JobResources(1, 500, 40_960, 1000, 1024));
    plane.cycle();
    assertThat(launcher.launches()).extracting(l -> l.gpuMemoryMib()).containsExactlyInAnyOrder(20_480L, 40_960L);
  }

  @Test
  void aRequeuedJobStartedAgainJustBeforeACrashStartsAgainNotFinishedWithItsEarlierExitCode() {
    var job = submitGpus(1);
    plane.cycle();
    launcher.exit(job.id(), 0); // the earlier attempt's process has ended with 0...
    assertThat(jobs.requeue(job.seq(), new Reason("preempted", "reclaimed"), clock.instant())).isTrue(); // ...as it was stopped
    // the crash: the next attempt recorded, its process never started
    jobs.start(job.seq(), new Placement("box", List.of(0), false), clock.instant(), launcher.prepare(job.id()));
    plane.close();

    plane = newControlPlane(2);
    plane.adopt();
    assertThat(now(job).state()).isEqualTo(JobState.PENDING);
    assertThat(now(job).exitCode()).isNull();
    plane.cycle();
    assertThat(now(job).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(job).attempt().number()).as("a third attempt; the second never ran").isEqualTo(3);
    assertThat(launcher.launchesOf(job.id())).isEqualTo(2);
    assertThat(plane.view().gpuAllocatedMilliTotal()).isEqualTo(1000);
  }

  @Test
  void afterARestartRunningJobsAreAdoptedNotRestartedAndLaunchesCutShortAreAdoptedOrStartedAgain() throws Exception {
    var adopted = submitGpus(1);
    var vanished = submitGpus(1);
    plane.cycle();
    launcher.lose(vanished.id());
    var launched = submitGpus(0);
    var attempt = launcher.prepare(launched.id());
    jobs.start(launched.seq(), new Placement("box", List.of(), false), clock.instant(), attempt);
    launcher.launch(new dev.sluice.core.spi.LaunchRequest(launched.id(), List.of("train"), Map.of(), List.of(), 0, 0,
        dataDir, dataDir.resolve("out"), dataDir.resolve("err")), attempt); // the crash: started, never recorded
    var unstarted = submitGpus(0);
    jobs.start(unstarted.seq(), new Placement("box", List.of(), false), clock.instant(), launcher.prepare(unstarted.id()));
    var legacy = submitGpus(0);
    jobs.start(legacy.seq(), new Placement("box", List.of(), false), clock.instant(),
        launcher.prepare(legacy.id()));
    stores.db().inTransaction(c -> c.createStatement().executeUpdate("UPDATE jobs SET attempt = 0 WHERE seq = " + legacy.seq()));
    plane.close();

    plane = newControlPlane(2);
    plane.adopt();
    assertThat(launcher.killUnrecordedCalls()).as("what runs unrecorded is killed; the recorded and attempted are kept")
        .containsExactly(java.util.Set.of(now(adopted).process().runDir(), now(vanished).process().runDir(),
            attempt.runDir(), now(unstarted).attempt().runDir()));
    plane.cycle();
    assertThat(now(adopted).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(vanished).state()).isEqualTo(JobState.FAILED);
    assertThat(now(vanished).reason().code()).isEqualTo("lost");
    assertThat(now(launched).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(launched).process().runDir()).isEqualTo(attempt.runDir());
    assertThat(now(unstarted).state()).as("started again, once").isEqualTo(JobState.RUNNING);
    assertThat(now(legacy).state()).as("no attempt recorded (an older version): lost").isEqualTo(JobState.FAILED);
    assertThat(now(legacy).reason().code()).isEqualTo("lost");
    assertThat(launcher.launchesOf(adopted.id())).isEqualTo(1);
    assertThat(launcher.launchesOf(launched.id())).isEqualTo(1);
    assertThat(launcher.launchesOf(unstarted.id())).isEqualTo(1);
    assertThat(launcher.launchesOf(legacy.id())).isZero();
    assertThat(plane.view().gpuAllocatedMilliTotal()).isEqualTo(1000);
  }
}
