package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real control plane in this JVM: two simulated H100s, jobs as real processes. */
class ClientCommandsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dataDir;

  private static RunningSluice sluice;

  @BeforeAll
  static void start() throws Exception {
    sluice = RunningSluice.start(dataDir, "2xH100-80GB");
  }

  @AfterAll
  static void stop() {
    if (sluice != null) sluice.close();
  }

  private static String state(JsonNode job) {
    return job.path("state").asText();
  }

  @Test
  void submitListDescribeLogsOfAJobThatRuns() throws Exception {
    var submit = sluice.sluice("submit", "--gpus", "1", "--cpu", "100m", "--memory", "64MiB", "--name", "hello",
        "--walltime", "2h", "--min-runtime", "10m",
        "--", "sh", "-c", "echo hello from sluice on GPU $CUDA_VISIBLE_DEVICES; echo oops >&2");
    assertThat(submit.exit()).as(submit.err()).isZero();
    assertThat(submit.out()).startsWith("submitted j-").contains("(hello) to queue default");
    var id = submit.submittedId();

    var done = sluice.awaitJob(id, job -> state(job).equals("SUCCEEDED"), WAIT);
    assertThat(done.path("exitCode").asInt()).isZero();
    assertThat(done.path("simulatedGpus").asBoolean()).isTrue();

    var list = sluice.sluice("list");
    assertThat(list.exit()).isZero();
    assertThat(list.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("STATE", "GPUS", "WHERE", "REASON");
    assertThat(list.out()).containsPattern("(?m)^" + id + " +hello +default +admin +SUCCEEDED +1 ");

    var describe = sluice.sluice("describe", id);
    assertThat(describe.exit()).isZero();
    assertThat(describe.out()).contains("Job:", id + " (hello)", "SUCCEEDED (exit code 0)", "1 GPU, 0.1 CPU, 64MiB memory",
        "walltime 7200 s, not stopped for others before 600 s");

    var logs = sluice.sluice("logs", id);
    assertThat(logs.exit()).isZero();
    assertThat(logs.out()).startsWith("hello from sluice on GPU ");
    assertThat(sluice.sluice("logs", id, "--stderr").out()).isEqualTo("oops\n");
  }

  @Test
  void gpuMemoryIsAskedForAsAShareOfTheDevice() throws Exception {
    var id = sluice.sluice("submit", "--gpu-memory", "20GiB", "--cpu", "100m", "--memory", "64MiB", "--name", "small",
        "--", "true").submittedId();

    var job = sluice.awaitJob(id, each -> state(each).equals("SUCCEEDED"), WAIT);

    assertThat(job.path("request").path("gpuMemoryMib").asLong()).isEqualTo(20_480);
    assertThat(job.path("request").path("gpuMilli").asInt()).isEqualTo(250); // 20 of the H100's 80 GiB
    assertThat(sluice.sluice("describe", id).out()).contains("0.25 (20GiB) GPU");
  }

  @Test
  void logsFollowPrintsWhatComesUntilTheJobEnds() throws Exception {
    var id = sluice.sluice("submit", "--cpu", "100m", "--memory", "64MiB", "--name", "chatty",
        "--", "sh", "-c", "echo first; sleep 1; echo second").submittedId();

    var follow = sluice.sluice("logs", "-f", id);

    assertThat(follow.exit()).as(follow.err()).isZero();
    assertThat(follow.out()).isEqualTo("first\nsecond\n");
    assertThat(state(sluice.job(id))).isEqualTo("SUCCEEDED");
  }

  @Test
  void aJobThatAsksForMoreThanIsFreeWaitsWithAReasonAndAPosition_andCancelStopsARunningOne() throws Exception {
    var holder = sluice.sluice("submit", "--gpus", "2", "--cpu", "100m", "--memory", "64MiB", "--name", "holder",
        "--", "sh", "-c", "echo holding; sleep 60");
    var holderId = holder.submittedId();
    sluice.awaitJob(holderId, job -> state(job).equals("RUNNING"), WAIT);

    var nodes = sluice.awaitOutput(out -> out.contains(holderId), WAIT, "nodes");
    assertThat(nodes).containsPattern("(?m)^\\S+ +0 +H100 \\(simulated\\) +80GiB +1 +" + holderId + " +simulated +- -$")
        .containsPattern("(?m)^\\S+ +1 +H100 \\(simulated\\) +80GiB +1 +" + holderId + " +simulated +- -$")
        .contains("NIC", "BANDWIDTH", "RDMA");
    assertThat(sluice.sluice("queues").out()).containsPattern("(?m)^default +- +0 +0 +∞ +2 +");
    assertThat(sluice.sluice("top").out()).startsWith("GPUs: 2 of 2 allocated (100%) on 1 node (2 simulated)")
        .containsPattern("(?m)^" + holderId + " +holder +default +admin +2 +\\S+:0,1 \\(sim\\)$");

    var waiter = sluice.sluice("submit", "--gpu-fraction", "0.5", "--cpu", "100m", "--memory", "64MiB", "--name", "waiter",
        "--", "sleep", "1");
    var waiterId = waiter.submittedId();
    // the reason is stored during a cycle, the queue position published at its end: wait for both
    var pending = sluice.awaitJob(waiterId, job -> state(job).equals("PENDING") && job.hasNonNull("reason")
        && !job.path("reason").path("code").asText().equals("waiting") && job.hasNonNull("queuePosition"), WAIT);
    assertThat(pending.path("queuePosition").asInt()).isEqualTo(1);

    var describe = sluice.sluice("describe", waiterId);
    assertThat(describe.out()).contains("PENDING", "Position:", "1 among the queue's pending jobs", "Reason:",
        pending.path("reason").path("code").asText(), "0.5 GPU");
    assertThat(sluice.sluice("list", "--state", "pending").out()).contains(waiterId).doesNotContain(holderId);

    var cancel = sluice.sluice("cancel", holderId);
    assertThat(cancel.exit()).as(cancel.err()).isZero();
    assertThat(cancel.out()).startsWith("cancelled " + holderId + " (holder)");
    sluice.awaitJob(holderId, job -> state(job).equals("CANCELLED"), WAIT);
    sluice.awaitJob(waiterId, job -> state(job).equals("SUCCEEDED"), WAIT);
    assertThat(sluice.sluice("logs", "-f", holderId).out()).isEqualTo("holding\n");

    var again = sluice.sluice("cancel", holderId);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err().lines()).hasSize(1);
    assertThat(again.err()).startsWith("sluice: ");
  }
}
