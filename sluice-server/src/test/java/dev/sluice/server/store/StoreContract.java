package dev.sluice.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.spi.LaunchAttempt;
import dev.sluice.core.spi.ProcessRef;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every implementation of the stores must do; subclasses give a fresh, empty database. */
abstract class StoreContract {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private Database db;
  JobStore jobs;
  QueueStore queues;
  UserStore users;

  /** A freshly migrated, empty database. */
  abstract Database openEmpty() throws Exception;

  @BeforeEach
  void open() throws Exception {
    db = openEmpty();
    var clock = InstantSource.fixed(T0);
    jobs = new JdbcJobStore(db);
    queues = new JdbcQueueStore(db, clock);
    users = new JdbcUserStore(db, clock);
    queues.create(new QueueRecord("default", null, 0, Map.of()));
    queues.create(new QueueRecord("nlp", null, 5, Map.of()));
  }

  @AfterEach
  void close() {
    if (db != null) db.close();
  }

  static NewJob newJob(String queue, int priority, Instant at) {
    return new NewJob("train", queue, "alice", List.of("python", "train.py", "--lr", "3e-4"), Map.of("K", "V"), "/tmp",
        new JobResources(1, 500, 0, 2000, 4096), priority, true, at);
  }

  @Test
  void aSubmittedJobComesBackWithEveryField() {
    var submitted = jobs.submit(newJob("nlp", 3, T0));
    var found = jobs.find(submitted.seq()).orElseThrow();
    assertThat(found).isEqualTo(submitted);
    assertThat(found.command()).containsExactly("python", "train.py", "--lr", "3e-4");
    assertThat(found.env()).containsEntry("K", "V");
    assertThat(found.request()).isEqualTo(new JobResources(1, 500, 0, 2000, 4096));
    assertThat(found.state()).isEqualTo(JobState.PENDING);
    assertThat(found.reason().code()).isEqualTo("waiting");
    assertThat(found.submittedAt()).isEqualTo(T0);
    assertThat(found.id()).isEqualTo(JobIds.format(found.seq()));
  }

  @Test
  void jobsAreNumberedInOrderAndListedNewestFirstPageByPage() {
    var seqs = new java.util.ArrayList<Long>();
    for (int i = 0; i < 5; i++) seqs.add(jobs.submit(newJob(i % 2 == 0 ? "default" : "nlp", 0, T0.plusSeconds(i))).seq());
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
    var first = jobs.list(new JobQuery(null, null, null, 0, 2));
    assertThat(first).extracting(Job::seq).containsExactly(seqs.get(4), seqs.get(3));
    var second = jobs.list(new JobQuery(null, null, null, seqs.get(3), 2));
    assertThat(second).extracting(Job::seq).containsExactly(seqs.get(2), seqs.get(1));
    assertThat(jobs.list(new JobQuery(null, "nlp", null, 0, 10))).extracting(Job::seq).containsExactly(seqs.get(3), seqs.get(1));
    assertThat(jobs.list(new JobQuery(Set.of("default"), null, null, 0, 10))).hasSize(3);
    assertThat(jobs.list(new JobQuery(Set.of(), null, null, 0, 10))).isEmpty();
  }

  @Test
  void aJobStartsOnceAndFinishesOnce() {
    var job = jobs.submit(newJob("default", 0, T0));
    var placement = new Placement("box", List.of(2), true);
    assertThat(jobs.start(job.seq(), placement, T0.plusSeconds(1), attempt(job, 1))).isTrue();
    assertThat(jobs.start(job.seq(), placement, T0.plusSeconds(2), attempt(job, 1))).isFalse();
    assertThat(jobs.find(job.seq()).orElseThrow().attempt()).isEqualTo(attempt(job, 1));
    assertThat(jobs.find(job.seq()).orElseThrow().process()).isNull();
    var process = new ProcessRef(job.id(), 4242, 77, attempt(job, 1).runDir());
    jobs.recordProcess(job.seq(), process);
    var running = jobs.find(job.seq()).orElseThrow();
    assertThat(running.state()).isEqualTo(JobState.RUNNING);
    assertThat(running.placement()).isEqualTo(placement);
    assertThat(running.process()).isEqualTo(process);
    assertThat(running.reason()).isNull();
    assertThat(jobs.inState(JobState.RUNNING)).extracting(Job::seq).containsExactly(job.seq());

    var exited = new Reason("exited", "exited with code 3");
    assertThat(jobs.finish(job.seq(), JobState.PENDING, JobState.CANCELLED, exited, null, T0)).isFalse();
    assertThat(jobs.finish(job.seq(), JobState.RUNNING, JobState.FAILED, exited, 3, T0.plusSeconds(9))).isTrue();
    assertThat(jobs.finish(job.seq(), JobState.RUNNING, JobState.CANCELLED, exited, null, T0)).isFalse();
    var failed = jobs.find(job.seq()).orElseThrow();
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.exitCode()).isEqualTo(3);
    assertThat(failed.reason()).isEqualTo(exited);
    assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(9));
  }

  @Test
  void aJobWhoseAttemptNeverStartedWaitsAgainAsIfNeverStarted() {
    var job = jobs.submit(newJob("default", 0, T0));
    jobs.start(job.seq(), new Placement("box", List.of(0), false), T0, attempt(job, 1));
    var reason = new Reason("waiting", "starts again");
    assertThat(jobs.returnUnstarted(job.seq(), reason)).isTrue();
    assertThat(jobs.returnUnstarted(job.seq(), reason)).as("no longer running").isFalse();
    var waiting = jobs.find(job.seq()).orElseThrow();
    assertThat(waiting.state()).isEqualTo(JobState.PENDING);
    assertThat(waiting.reason()).isEqualTo(reason);
    assertThat(waiting.placement()).isNull();
    assertThat(waiting.startedAt()).isNull();
    assertThat(waiting.preemptions()).isZero();
    assertThat(jobs.usage(T0.plusSeconds(3600))).isEmpty();

    jobs.start(job.seq(), new Placement("box", List.of(0), false), T0, attempt(job, 2));
    jobs.recordProcess(job.seq(), new ProcessRef(job.id(), 4242, 1, attempt(job, 2).runDir()));
    assertThat(jobs.returnUnstarted(job.seq(), reason)).as("its process was recorded: it started").isFalse();
  }

  @Test
  void waitingAfterANumberReadsOnlyThePendingJobsNumberedAfterIt() {
    var seen = jobs.submit(newJob("default", 0, T0));
    var started = jobs.submit(newJob("default", 0, T0));
    jobs.start(started.seq(), new Placement("box", List.of(0), false), T0, attempt(started, 1));
    var fresh = jobs.submit(newJob("nlp", 0, T0));

    assertThat(jobs.waitingAfter(seen.seq())).extracting(Job::seq).containsExactly(fresh.seq());
    assertThat(jobs.waitingAfter(0)).isEqualTo(jobs.waiting());
    assertThat(jobs.waitingAfter(fresh.seq())).isEmpty();
  }

  @Test
  void waitingJobsComeWithoutWhatOnlyALaunchOrARestartNeedsAndPendingLoadsCountPerQueue() {
    var first = jobs.submit(newJob("default", 0, T0));
    var second = jobs.submit(newJob("nlp", 0, T0));
    var requeued = jobs.submit(newJob("nlp", 0, T0));
    jobs.start(requeued.seq(), new Placement("box", List.of(0), false), T0, attempt(requeued, 1));
    jobs.recordProcess(requeued.seq(), new ProcessRef(requeued.id(), 4242, 1, attempt(requeued, 1).runDir()));
    jobs.requeue(requeued.seq(), new Reason("preempted", "reclaimed"), T0.plusSeconds(60));
    var running = jobs.submit(newJob("nlp", 0, T0));
    jobs.start(running.seq(), new Placement("box", List.of(1), false), T0, attempt(running, 1));

    var waiting = jobs.waiting();
    assertThat(waiting).extracting(Job::seq).containsExactly(first.seq(), second.seq(), requeued.seq());
    assertThat(waiting).allSatisfy(job -> {
      assertThat(job.command()).isEmpty();
      assertThat(job.env()).isEmpty();
      assertThat(job.process()).isNull();
      assertThat(job.placement()).isNull();
    });
    var full = jobs.find(requeued.seq()).orElseThrow();
    assertThat(waiting.get(2)).isEqualTo(new Job(full.seq(), full.name(), full.queue(), full.user(), List.of(), Map.of(), "",
        full.request(), full.priority(), full.preemptible(), full.state(), full.reason(), null, full.submittedAt(), null,
        null, null, null, null, full.preemptions()));
    long gpuMilli = newJob("nlp", 0, T0).request().totalGpuMilli();
    assertThat(jobs.pendingByQueue()).isEqualTo(Map.of("default", new PendingLoad(1, gpuMilli),
        "nlp", new PendingLoad(2, 2 * gpuMilli)));
  }

  @Test
  void aJobsNicBandwidthAndRdmaComeBackFromEitherRead() {
    var asked = newJob("nlp", 0, T0);
    var withNic = new NewJob(asked.name(), asked.queue(), asked.user(), asked.command(), asked.env(), asked.workDir(),
        asked.request().withNic(200_000, true), asked.priority(), asked.preemptible(), asked.submittedAt());
    var plain = jobs.submit(asked);
    var submitted = jobs.submit(withNic);

    assertThat(jobs.find(submitted.seq()).orElseThrow().request()).isEqualTo(new JobResources(1, 500, 0, 2000, 4096, 200_000, true));
    assertThat(jobs.waiting()).extracting(Job::request).containsExactly(plain.request(), withNic.request());
    assertThat(jobs.find(plain.seq()).orElseThrow().request()).isEqualTo(new JobResources(1, 500, 0, 2000, 4096, 0, false));
  }

  private static LaunchAttempt attempt(Job job, int number) {
    return new LaunchAttempt(job.id(), number, "/runs/" + job.id() + "/" + number);
  }

  @Test
  void reasonsChangeOnlyForJobsStillPending() {
    var pending = jobs.submit(newJob("default", 0, T0));
    var started = jobs.submit(newJob("default", 0, T0));
    jobs.start(started.seq(), new Placement("box", List.of(), false), T0, attempt(started, 1));
    var reason = new Reason("no-node-fits", "0/1 nodes fit: 1 insufficient free GPU");
    jobs.updatePendingReasons(Map.of(pending.seq(), reason, started.seq(), reason));
    assertThat(jobs.find(pending.seq()).orElseThrow().reason()).isEqualTo(reason);
    assertThat(jobs.find(started.seq()).orElseThrow().reason()).isNull();
  }

  @Test
  void usageCountsGpuAndCpuHoursOfStartedJobs() {
    var job = jobs.submit(newJob("nlp", 0, T0));
    jobs.start(job.seq(), new Placement("box", List.of(0), false), T0, attempt(job, 1));
    jobs.finish(job.seq(), JobState.RUNNING, JobState.SUCCEEDED, new Reason("exited", "exited with code 0"), 0,
        T0.plusSeconds(7200));
    jobs.submit(newJob("default", 0, T0));
    assertThat(jobs.usage(T0.plusSeconds(10_000))).containsExactly(new UsageRow("nlp", "alice", 1.0, 4.0));
  }

  @Test
  void aRequeuedJobWaitsAgainWithItsIdAndSubmissionAndItsEarlierRunStillCounts() {
    var job = jobs.submit(newJob("nlp", 0, T0));
    jobs.start(job.seq(), new Placement("box", List.of(0), false), T0, attempt(job, 1));
    jobs.recordProcess(job.seq(), new ProcessRef(job.id(), 4242, 1, "/run"));
    var reason = new Reason("preempted", "reclaimed by queue default");
    assertThat(jobs.requeue(job.seq(), reason, T0.plusSeconds(3600))).isTrue();
    assertThat(jobs.requeue(job.seq(), reason, T0.plusSeconds(3600))).as("no longer running").isFalse();
    var requeued = jobs.find(job.seq()).orElseThrow();
    assertThat(requeued.state()).isEqualTo(JobState.PENDING);
    assertThat(requeued.reason()).isEqualTo(reason);
    assertThat(requeued.preemptions()).isEqualTo(1);
    assertThat(requeued.submittedAt()).isEqualTo(T0);
    assertThat(requeued.placement()).as("where its process may still run").isEqualTo(new Placement("box", List.of(0), false));
    assertThat(requeued.process()).isEqualTo(new ProcessRef(job.id(), 4242, 1, "/run"));
    assertThat(requeued.startedAt()).isNull();
    assertThat(jobs.inState(JobState.PENDING)).extracting(Job::seq).containsExactly(job.seq());
    assertThat(jobs.usage(T0.plusSeconds(10_000))).containsExactly(new UsageRow("nlp", "alice", 0.5, 2.0));

    assertThat(jobs.start(job.seq(), new Placement("box", List.of(1), false), T0.plusSeconds(7200), attempt(job, 2))).isTrue();
    assertThat(jobs.find(job.seq()).orElseThrow().attempt()).as("this attempt, recorded before it starts").isEqualTo(attempt(job, 2));
    assertThat(jobs.find(job.seq()).orElseThrow().process()).as("the earlier attempt's process is forgotten").isNull();
    jobs.finish(job.seq(), JobState.RUNNING, JobState.SUCCEEDED, new Reason("exited", "exited with code 0"), 0,
        T0.plusSeconds(10_800));
    assertThat(jobs.usage(T0.plusSeconds(20_000))).containsExactly(new UsageRow("nlp", "alice", 1.0, 4.0));
    assertThat(jobs.find(job.seq()).orElseThrow().preemptions()).isEqualTo(1);
  }

  @Test
  void queuesAreUniqueAndKeepTheirQuotas() {
    var quotas = Map.of("gpu", new QueueQuota(2000, null, 1.5, 1000L), "cpu", new QueueQuota(8000, 16000L, 1, null));
    assertThat(queues.create(new QueueRecord("vision", "nlp", 2, quotas))).isTrue();
    assertThat(queues.create(new QueueRecord("vision", null, 0, Map.of()))).isFalse();
    assertThat(queues.find("vision")).contains(new QueueRecord("vision", "nlp", 2, quotas));
    assertThat(queues.list()).extracting(QueueRecord::name).containsExactly("default", "nlp", "vision");
    assertThat(queues.find("absent")).isEmpty();
  }

  @Test
  void usersAreFoundByTheHashOfTheirTokens() {
    assertThat(users.create(new User("bob", Role.MEMBER, List.of("nlp", "default")))).isTrue();
    assertThat(users.create(new User("bob", Role.VIEWER, List.of()))).isFalse();
    assertThat(users.create(new User("carol", Role.VIEWER, List.of()))).isTrue();
    users.addToken(NewToken.of("bob", hash('1')));
    assertThat(users.findByTokenHash(hash('1'))).contains(new User("bob", Role.MEMBER, List.of("default", "nlp")));
    assertThat(users.findByTokenHash(hash('2'))).isEmpty();
    assertThat(users.find("carol")).contains(new User("carol", Role.VIEWER, List.of()));
    assertThat(users.create(new User("dave", Role.MEMBER, List.of("nlp"), "dave"))).isTrue();
    assertThat(users.find("dave").orElseThrow().unixUser()).isEqualTo("dave");
    assertThat(users.list()).extracting(User::name).containsExactly("bob", "carol", "dave");
  }

  @Test
  void aRevokedTokenFindsNoOneAndStaysListed() {
    users.create(new User("bob", Role.MEMBER, List.of("nlp")));
    users.create(new User("carol", Role.MEMBER, List.of("nlp")));
    var kept = users.addToken(new NewToken("bob", hash('1'), "laptop", TokenOrigin.API, null));
    var revoked = users.addToken(NewToken.of("bob", hash('2')));
    assertThat(users.revokeToken("carol", revoked.id())).as("another user's token id").isEmpty();
    assertThat(users.findByTokenHash(hash('2'))).isPresent();
    assertThat(users.revokeToken("bob", revoked.id()).orElseThrow().state(T0)).isEqualTo(TokenState.REVOKED);
    assertThat(users.findByTokenHash(hash('2'))).isEmpty();
    assertThat(users.findByTokenHash(hash('1'))).isPresent();
    assertThat(users.revokeToken("bob", revoked.id()).orElseThrow().revokedAt()).as("revoking again keeps the time").isEqualTo(T0);
    assertThat(users.tokens("bob")).extracting(ApiToken::id).containsExactly(kept.id(), revoked.id());
    assertThat(users.tokens("bob").getFirst()).isEqualTo(new ApiToken(kept.id(), "bob", "laptop", TokenOrigin.API, T0, null, null));
    assertThat(users.revokeToken("bob", 999_999)).isEmpty();
  }

  @Test
  void aTokenIsRefusedFromTheMomentItExpires() {
    users.create(new User("bob", Role.MEMBER, List.of("nlp")));
    users.addToken(new NewToken("bob", hash('1'), "", TokenOrigin.API, T0));
    users.addToken(new NewToken("bob", hash('2'), "", TokenOrigin.API, T0.plusMillis(1)));
    assertThat(users.findByTokenHash(hash('1'))).isEmpty();
    assertThat(users.findByTokenHash(hash('2'))).isPresent();
    assertThat(users.tokens("bob")).extracting(t -> t.state(T0)).containsExactly(TokenState.EXPIRED, TokenState.ACTIVE);
  }

  @Test
  void replacingTokensRevokesTheOthersOfTheSameOriginOnly() {
    users.create(new User("admin", Role.ADMIN, List.of()));
    users.addToken(new NewToken("admin", hash('1'), "admin.token", TokenOrigin.ADMIN_FILE, null));
    users.addToken(NewToken.of("admin", hash('2')));
    users.replaceTokens(new NewToken("admin", hash('3'), "admin.token", TokenOrigin.ADMIN_FILE, null));
    assertThat(users.findByTokenHash(hash('1'))).isEmpty();
    assertThat(users.findByTokenHash(hash('2'))).isPresent();
    assertThat(users.findByTokenHash(hash('3'))).isPresent();
  }

  /** A token hash: 64 hex digits, all {@code digit}. */
  static String hash(char digit) {
    return String.valueOf(digit).repeat(64);
  }
}
