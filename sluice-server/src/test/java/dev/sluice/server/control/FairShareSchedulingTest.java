package dev.sluice.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.queue.Dimension;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobResources;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.Placement;
import dev.sluice.server.store.QueueQuota;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** {@link FairShareScheduling} called directly: past usage, its decay, and what it does to fair shares. */
class FairShareSchedulingTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final JobResources ONE_GPU = new JobResources(1, 1000, 0, 1000, 1024);
  private final Host host = Host.of("box", 8000, 32_000, FixedInventory.simulated(2));
  private final FairShareScheduling scheduling = new FairShareScheduling(host);
  private final Map<String, QueueRecord> queues = Map.of(
      "team-a", new QueueRecord("team-a", null, 0, Map.of("gpu", new QueueQuota(0, null, 1, null))),
      "team-b", new QueueRecord("team-b", null, 0, Map.of("gpu", new QueueQuota(0, null, 1, null))));
  private long seq;

  private Job pending(String queue) {
    seq++;
    return new Job(seq, "job", queue, "alice", List.of("train"), Map.of(), "/tmp", ONE_GPU, 0, false, JobState.PENDING,
        Reason.waiting(), null, T0, null, null, null, null, null, 0);
  }

  private Job running(String queue, int gpu, Instant started) {
    seq++;
    return new Job(seq, "job", queue, "alice", List.of("train"), Map.of(), "/tmp", ONE_GPU, 0, false, JobState.RUNNING,
        null, new Placement("box", List.of(gpu), true), T0, started, null, null, null, null, 0);
  }

  private List<Scheduling.JobDecision> decide(List<Job> running, List<Job> pending, Instant now) {
    var room = new HostRoom(host, running);
    return scheduling.decide(new Scheduling.Cycle(room.snapshot(), running, pending, queues, now));
  }

  @Test
  void runningJobsAddTheirGpuTimeToTheirQueueAndItHalvesEveryHalfLife() {
    var job = running("team-a", 0, T0);
    decide(List.of(job), List.of(), T0);
    assertThat(scheduling.usage()).isEmpty();
    decide(List.of(job), List.of(), T0.plus(Duration.ofHours(1)));
    assertThat(scheduling.usage()).containsEntry("team-a", 1000.0 * 3600);
    decide(List.of(), List.of(), T0.plus(Duration.ofHours(1)));
    assertThat(scheduling.usage()).as("it ended then").containsEntry("team-a", 1000.0 * 3600);
    decide(List.of(), List.of(), T0.plus(Duration.ofHours(3)));
    assertThat(scheduling.usage().get("team-a")).as("halved twice").isCloseTo(1000.0 * 3600 / 4, Offset.offset(1e-6));
  }

  @Test
  void aJobThatEndedBetweenTwoCyclesStillCounts() {
    var job = running("team-b", 1, T0);
    decide(List.of(job), List.of(), T0);
    decide(List.of(), List.of(), T0.plus(Duration.ofMinutes(30)));
    assertThat(scheduling.usage()).containsEntry("team-b", 1000.0 * 1800);
    decide(List.of(), List.of(), T0.plus(Duration.ofMinutes(90)));
    assertThat(scheduling.usage().get("team-b")).isCloseTo(1000.0 * 1800 / 2, Offset.offset(1e-6));
  }

  @Test
  void aQueueThatUsedMoreLatelyGetsLessOfTheSurplus() {
    var used = running("team-a", 0, T0);
    decide(List.of(used), List.of(), T0);
    var later = T0.plus(Duration.ofHours(1));
    decide(List.of(used), List.of(), later);
    var waiting = new ArrayList<Job>();
    for (int i = 0; i < 2; i++) {
      waiting.add(pending("team-a"));
      waiting.add(pending("team-b"));
    }
    var decisions = decide(List.of(), waiting, later.plusSeconds(1));
    var shares = scheduling.lastFairShares().orElseThrow();
    assertThat(shares.of("team-b", Dimension.GPU)).isGreaterThan(shares.of("team-a", Dimension.GPU));
    var started = decisions.stream().filter(d -> d instanceof Scheduling.Start).map(d -> d.job().queue()).toList();
    assertThat(started).hasSize(2);
    assertThat(started.stream().filter("team-b"::equals).count())
        .isGreaterThanOrEqualTo(started.stream().filter("team-a"::equals).count());
  }

  @Test
  void aJobOfAQueueWithSubQueuesWaitsAndIsNotScheduled() {
    var withChild = Map.of(
        "org", new QueueRecord("org", null, 0, Map.of()),
        "org-ml", new QueueRecord("org-ml", "org", 0, Map.of()));
    var job = pending("org");
    var decisions = scheduling.decide(new Scheduling.Cycle(ClusterSnapshot.empty(List.of(host.node())), List.of(),
        List.of(job), withChild, T0));
    assertThat(decisions).singleElement().isInstanceOfSatisfying(Scheduling.Wait.class, wait -> {
      assertThat(wait.reason().code()).isEqualTo("waiting");
      assertThat(wait.reason().message()).contains("sub-queues");
    });
  }
}
