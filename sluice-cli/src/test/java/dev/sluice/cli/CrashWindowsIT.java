package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.cli.client.SluiceClient;
import dev.sluice.cli.client.TokenSource;
import dev.sluice.cli.up.LocalControlPlane;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice up} (the built jar, real job processes, one simulated GPU) killed dead in each window where a
 * launch or a stop is half done, then started again on the same data: the server halts itself at the named point
 * ({@code -Dsluice.test.halt-at}, {@code Runtime.halt}: as {@code kill -9} there), so each window is hit every time.
 * After the restart: no process of a job runs that the control plane does not account for, no two jobs ever run at
 * once on the one GPU (sampled from {@code /proc} every 50 ms throughout), no job runs more often than it was
 * started (each run appends its id to a file), and every job ends in the right state with its own run's exit code.
 */
class CrashWindowsIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  @TempDir
  Path root;
  private Path data;
  private Path work;
  private final String marker = UUID.randomUUID().toString();
  private JobProcesses processes;
  private SluiceProcess server;
  private SluiceClient api;

  @BeforeEach
  void prepare() throws Exception {
    data = root.resolve("data");
    work = Files.createDirectories(root.resolve("work"));
    // under a root server jobs run as nobody: the work directory must be theirs to write in
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
    processes = new JobProcesses(marker);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (server != null) server.kill();
    processes.close();
  }

  @Test
  void aCrashBeforeTheProcessStartsStartsTheJobOnceAfterTheRestart() throws Exception {
    var job = crashThenRestart("launch-recorded:j-000001", () -> submit("default", "sleep 1", false), false,
        "nothing of it started");
    assertEnds(job, "SUCCEEDED", 0, 1);
    assertCleanEnd();
  }

  @Test
  void aCrashAfterTheProcessStartsBeforeItIsRecordedAdoptsItAndItsGpuStaysTaken() throws Exception {
    var first = crashThenRestart("launch-started:j-000001", () -> submit("default", "sleep 8", false), true,
        "it runs while the control plane is down");
    var second = submit("default", "sleep 1", false);
    assertEnds(first, "SUCCEEDED", 0, 1);
    assertEnds(second, "SUCCEEDED", 0, 1);
    assertCleanEnd();
  }

  @Test
  void aCrashWhileACancelledJobIsBeingStoppedStopsItAfterTheRestartAndKeepsItsGpuUntilThen() throws Exception {
    var cancelled = crashThenRestart("stop-recorded:j-000001", () -> {
      var running = submit("default", "sleep 60", false);
      awaitJob(running, "RUNNING");
      submit("default", "sleep 1", false);
      cancelAsTheServerHalts(running);
      return running;
    }, true, "never told to stop");
    assertEnds(cancelled, "CANCELLED", null, 1);
    assertEnds("j-000002", "SUCCEEDED", 0, 1);
    assertCleanEnd();
  }

  @Test
  void aCrashWhileAnEvictedJobIsBeingStoppedRequeuesItAndRunsItAgainAfterTheOneThatNeededItsGpu() throws Exception {
    var borrower = crashThenRestart("stop-recorded:j-000001", this::reclaimScenario, true, "never told to stop");
    assertEnds("j-000002", "SUCCEEDED", 0, 1);
    var done = assertEnds(borrower, "SUCCEEDED", 0, 2); // the run stopped, the run after
    assertThat(done.get("preemptions").asInt()).isEqualTo(1);
    assertCleanEnd();
  }

  @Test
  void aRequeuedJobStartedAgainJustBeforeACrashEndsWithThatRunsExitCode() throws Exception {
    var borrower = crashThenRestart("launch-started:j-000001:2", this::reclaimScenario, true,
        "its second run, untracked while the control plane is down");
    var done = assertEnds(borrower, "SUCCEEDED", 0, 2); // the second run's code, not the first's 143
    assertThat(done.get("preemptions").asInt()).isEqualTo(1);
    assertEnds("j-000002", "SUCCEEDED", 0, 1);
    assertCleanEnd();
  }

  /**
   * Starts {@code sluice up} to halt in {@code window}, gets it there with {@code reachIt} (which returns the job it is
   * about), waits for the halt, checks that while it is down that job's processes alone run ({@code itRuns}) or none
   * do, and starts it again on the same data; returns the job.
   */
  private String crashThenRestart(String window, Callable<String> reachIt, boolean itRuns, String why) throws Exception {
    up(window);
    var job = reachIt.call();
    server.await("halting in crash window");
    assertThat(server.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(server.process().exitValue()).isEqualTo(137);
    if (itRuns) assertThat(processes.live()).as(why).containsOnlyKeys(job);
    else assertThat(processes.live()).as(why).isEmpty();
    up(null);
    return job;
  }

  /**
   * Waits until the job is in {@code state}, then asserts its exit code (null: none) and how often its command ran;
   * returns the job.
   */
  private JsonNode assertEnds(String job, String state, Integer exitCode, int runs) throws Exception {
    var ended = awaitJob(job, state);
    assertThat(ended.get("exitCode").isNull() ? null : ended.get("exitCode").asInt()).as("exit code of " + job)
        .isEqualTo(exitCode);
    assertThat(runsOf(job)).as("runs of " + job).isEqualTo(runs);
    return ended;
  }

  /**
   * A preemptible job of a queue that deserves no GPU borrows the one GPU; a job of a queue that deserves it
   * arrives, so the first is reclaimed (requeued, stopped), and starts again once the second has ended.
   */
  private String reclaimScenario() throws Exception {
    api.post("/api/v1/queues", Map.of("name", "lender", "quotas", Map.of("gpu", Map.of("deserved", 0))));
    api.post("/api/v1/queues", Map.of("name", "owner", "quotas", Map.of("gpu", Map.of("deserved", 1000))));
    var borrower = submit("lender", "sleep 6", true);
    awaitJob(borrower, "RUNNING");
    submit("owner", "sleep 1", false);
    return borrower;
  }

  private void up(String haltAt) throws Exception {
    var options = haltAt == null ? List.<String>of() : List.of("-D" + LocalControlPlane.HALT_AT + "=" + haltAt);
    server = SluiceProcess.start(root, options, "up", "--port", "0", "--data", data.toString(), "--simulate-gpus",
        "1xH100-80GB");
    var url = server.url();
    var token = Files.readString(data.resolve("admin.token")).strip();
    api = new SluiceClient(URI.create(url), new TokenSource(Optional.of(token), "test"));
  }

  private String submit(String queue, String script, boolean preemptible) throws Exception {
    var body = Map.of("queue", queue, "command", List.of("/bin/sh", "-c", "echo \"$SLUICE_JOB_ID\" >> runs || exit 99; " + script),
        "gpus", 1, "cpuMilli", 100, "memoryMib", 64, "preemptible", preemptible, "workDir", work.toString(),
        "env", Map.of(JobProcesses.MARKER, marker));
    return api.post("/api/v1/jobs", body).get("id").asText();
  }

  private void cancelAsTheServerHalts(String job) {
    try {
      api.post("/api/v1/jobs/" + job + "/cancel", Map.of());
    } catch (Exception expected) {
      // the server halts while it handles the request: no answer comes
    }
  }

  private JsonNode awaitJob(String id, String state) {
    var last = new AtomicReference<JsonNode>();
    try {
      return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
        last.set(api.get("/api/v1/jobs/" + id));
        return last.get();
      }, job -> job.get("state").asText().equals(state));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("job " + id + " never became " + state + "; last seen: " + last.get(), e);
    }
  }

  /** How often the job's command started: the lines with its id in the work directory's {@code runs} file. */
  private long runsOf(String job) throws Exception {
    var runs = work.resolve("runs");
    return Files.exists(runs) ? Files.readAllLines(runs).stream().filter(job::equals).count() : 0;
  }

  /** Nothing of any job runs any more, two jobs never ran at once, and the API shows the GPU free. */
  private void assertCleanEnd() throws Exception {
    await().atMost(WAIT).until(() -> processes.live().isEmpty());
    assertThat(processes.crowded()).as("moments when two jobs' processes ran on the one GPU").isEmpty();
    await().atMost(WAIT).until(() -> api.get("/api/v1/nodes").get(0).get("gpus").get(0).get("allocatedMilli").asLong() == 0);
    assertThat(api.get("/api/v1/jobs?state=RUNNING").get("items")).isEmpty();
  }
}
