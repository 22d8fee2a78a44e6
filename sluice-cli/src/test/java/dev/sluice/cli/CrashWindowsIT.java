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
    up("launch-recorded:j-000001");
    var job = submit("default", "sleep 1", false);
    awaitHalt();
    assertThat(processes.live()).as("nothing of it started").isEmpty();

    up(null);
    var done = awaitJob(job, "SUCCEEDED");
    assertThat(done.get("exitCode").asInt()).isZero();
    assertThat(runsOf(job)).as("runs of " + job).isEqualTo(1);
    assertCleanEnd();
  }

  @Test
  void aCrashAfterTheProcessStartsBeforeItIsRecordedAdoptsItAndItsGpuStaysTaken() throws Exception {
    up("launch-started:j-000001");
    var first = submit("default", "sleep 8", false);
    awaitHalt();
    assertThat(processes.live()).as("it runs while the control plane is down").containsOnlyKeys(first);

    up(null);
    var second = submit("default", "sleep 1", false);
    assertThat(awaitJob(first, "SUCCEEDED").get("exitCode").asInt()).isZero();
    assertThat(awaitJob(second, "SUCCEEDED").get("exitCode").asInt()).isZero();
    assertThat(runsOf(first)).as("runs of " + first).isEqualTo(1);
    assertThat(runsOf(second)).as("runs of " + second).isEqualTo(1);
    assertCleanEnd();
  }

  @Test
  void aCrashWhileACancelledJobIsBeingStoppedStopsItAfterTheRestartAndKeepsItsGpuUntilThen() throws Exception {
    up("stop-recorded:j-000001");
    var cancelled = submit("default", "sleep 60", false);
    awaitJob(cancelled, "RUNNING");
    var next = submit("default", "sleep 1", false);
    cancelAsTheServerHalts(cancelled);
    awaitHalt();
    assertThat(processes.live()).as("never told to stop").containsOnlyKeys(cancelled);

    up(null);
    assertThat(awaitJob(cancelled, "CANCELLED").get("exitCode").isNull()).isTrue();
    assertThat(awaitJob(next, "SUCCEEDED").get("exitCode").asInt()).isZero();
    assertThat(runsOf(cancelled)).as("runs of " + cancelled).isEqualTo(1);
    assertThat(runsOf(next)).as("runs of " + next).isEqualTo(1);
    assertCleanEnd();
  }

  @Test
  void aCrashWhileAnEvictedJobIsBeingStoppedRequeuesItAndRunsItAgainAfterTheOneThatNeededItsGpu() throws Exception {
    up("stop-recorded:j-000001");
    var borrower = reclaimScenario();
    awaitHalt();
    assertThat(processes.live()).as("never told to stop").containsKey(borrower);

    up(null);
    assertThat(awaitJob("j-000002", "SUCCEEDED").get("exitCode").asInt()).isZero();
    var done = awaitJob(borrower, "SUCCEEDED");
    assertThat(done.get("exitCode").asInt()).isZero();
    assertThat(done.get("preemptions").asInt()).isEqualTo(1);
    assertThat(runsOf(borrower)).as("runs of " + borrower + ": the one stopped, the one after").isEqualTo(2);
    assertThat(runsOf("j-000002")).isEqualTo(1);
    assertCleanEnd();
  }

  @Test
  void aRequeuedJobStartedAgainJustBeforeACrashEndsWithThatRunsExitCode() throws Exception {
    up("launch-started:j-000001:2");
    var borrower = reclaimScenario();
    awaitHalt();
    assertThat(processes.live()).as("its second run, untracked while the control plane is down").containsOnlyKeys(borrower);

    up(null);
    var done = awaitJob(borrower, "SUCCEEDED");
    assertThat(done.get("exitCode").asInt()).as("the second run's code, not the first's 143").isZero();
    assertThat(done.get("preemptions").asInt()).isEqualTo(1);
    assertThat(runsOf(borrower)).as("runs of " + borrower + ": the one stopped, the one after").isEqualTo(2);
    assertThat(awaitJob("j-000002", "SUCCEEDED").get("exitCode").asInt()).isZero();
    assertCleanEnd();
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

  private void awaitHalt() throws Exception {
    server.await("halting in crash window");
    assertThat(server.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(server.process().exitValue()).isEqualTo(137);
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
