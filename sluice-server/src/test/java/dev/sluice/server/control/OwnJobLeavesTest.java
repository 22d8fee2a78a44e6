package dev.sluice.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.control.SchedulingPolicies;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobResources;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.NewJob;
import dev.sluice.server.store.QueueQuota;
import dev.sluice.server.store.QueueRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs still running in a queue that has since been given a sub-queue, on a host of two GPUs under the fair-share
 * cycle: what they hold counts as the queue's, so its sub-queue gets neither their GPUs nor more than the queue's limit.
 */
class OwnJobLeavesTest {
  private static final JobResources ONE_GPU = new JobResources(1, 1000, 0, 1000, 1024);
  @TempDir
  Path dataDir;
  private VirtualHost host;
  private JobStore jobs;
  private ControlPlane plane;

  @BeforeEach
  void open() {
    host = new VirtualHost(dataDir, new QueueRecord("team", null, 0, Map.of()),
        new QueueRecord("limited", null, 0, Map.of("gpu", new QueueQuota(0, 1000L, 1, null))));
    jobs = host.jobs();
    plane = host.open(Host.of("box", 8000, 32_000, FixedInventory.simulated(2)),
        SchedulingPolicies.fairShare(SchedulerConfig.defaults()), Duration.ofSeconds(7));
  }

  @AfterEach
  void close() {
    host.close();
  }

  private Job submit(String queue, boolean preemptible) {
    host.clock.advance(Duration.ofSeconds(1));
    var job = jobs.submit(new NewJob("job", queue, "alice", List.of("train"), Map.of(), "/tmp", ONE_GPU, 0, preemptible,
        host.clock.instant()));
    plane.wake();
    return job;
  }

  private Job now(Job job) {
    return jobs.find(job.seq()).orElseThrow();
  }

  /** The GPUs of every running job, one entry per job and GPU. */
  private List<Integer> gpusHeld() {
    var held = new ArrayList<Integer>();
    jobs.inState(JobState.RUNNING).forEach(job -> held.addAll(job.placement().gpuIndices()));
    return held;
  }

  @Test
  void aSubQueueNeverGetsAGpuItsParentsRunningJobHolds() {
    var first = submit("team", false);
    var second = submit("team", false);
    plane.cycle();
    assertThat(gpusHeld()).containsExactlyInAnyOrder(0, 1);
    host.stores().queues().create(new QueueRecord("team-sub", "team", 0, Map.of()));
    var third = submit("team-sub", true);

    for (int tick = 0; tick < 3; tick++) {
      host.clock.advance(Duration.ofSeconds(1));
      plane.cycle();
      assertThat(gpusHeld()).as("no GPU held twice").doesNotHaveDuplicates();
    }

    assertThat(List.of(first, second)).extracting(job -> now(job).state()).containsOnly(JobState.RUNNING);
    assertThat(now(third).state()).isEqualTo(JobState.PENDING);
    assertThat(host.launcher.launchesOf(third.id())).isZero();
  }

  @Test
  void aSubQueueGetsNoMoreThanItsParentsLimitLeavesBesideTheParentsRunningJob() {
    var first = submit("limited", true);
    plane.cycle();
    assertThat(now(first).state()).isEqualTo(JobState.RUNNING);
    host.stores().queues().create(new QueueRecord("limited-sub", "limited", 0, Map.of()));
    var second = submit("limited-sub", true);

    plane.cycle();

    assertThat(now(first).state()).isEqualTo(JobState.RUNNING);
    assertThat(now(second).state()).as("limited holds at most one GPU, its sub-queue's included").isEqualTo(JobState.PENDING);
    assertThat(now(second).reason().message()).startsWith("queue limited: gpu 1000 allocated + 1000 requested exceeds limit 1000");
  }
}
