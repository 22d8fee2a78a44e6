package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the CLI gets one clear line and a non-zero exit, and stores nothing. */
class BadInputIT {
  @TempDir
  static Path dataDir;

  private static RunningSluice sluice;
  private static String jobsBefore;

  @BeforeAll
  static void start() throws Exception {
    sluice = RunningSluice.start(dataDir, "2xH100-80GB");
    sluice.sluice("submit", "--cpu", "100m", "--memory", "64MiB", "--", "true").submittedId();
    jobsBefore = ids();
  }

  @AfterAll
  static void stop() {
    if (sluice != null) sluice.close();
  }

  private static String ids() throws Exception {
    var ids = new StringBuilder();
    sluice.jobs().forEach(job -> ids.append(job.path("id").asText()).append(' '));
    return ids.toString();
  }

  /** Exit 2 (or {@code exit}), one line on stderr that starts with "sluice: ", nothing on stdout, nothing stored. */
  private String refused(RunningSluice.Run run, int exit) throws Exception {
    assertThat(run.exit()).as(run.err()).isEqualTo(exit);
    assertThat(run.err().lines()).as(run.err()).hasSize(1);
    assertThat(run.err()).startsWith("sluice: ").doesNotContain("Exception", "\tat ");
    assertThat(run.out()).isEmpty();
    assertThat(ids()).isEqualTo(jobsBefore);
    return run.err().strip();
  }

  @Test
  void anUnknownQueueIsNamed() throws Exception {
    var err = refused(sluice.sluice("submit", "--queue", "nlp", "--", "true"), 2);
    assertThat(err).contains("--queue", "nlp");
  }

  @Test
  void moreGpusThanAnyNodeHasIsUnsatisfiable() throws Exception {
    var err = refused(sluice.sluice("submit", "--gpus", "99", "--", "true"), 2);
    assertThat(err).contains("--gpus", "no node could ever hold", "GPUs");
  }

  @Test
  void moreNicBandwidthThanThisHostHasIsUnsatisfiable() throws Exception {
    var err = refused(sluice.sluice("submit", "--nic-bandwidth", "100T", "--", "true"), 2);
    assertThat(err).contains("--nic-bandwidth: no node could ever hold this job: insufficient NIC bandwidth");
  }

  @Test
  void aMissingCommandAfterTheDashesIsNamed() throws Exception {
    assertThat(refused(sluice.sluice("submit", "--gpus", "1", "--"), 2)).contains("missing the command to run after --");
    assertThat(refused(sluice.sluice("submit", "--gpus", "1"), 2)).contains("missing the command to run after --");
  }

  @Test
  void amountsThatAreNotAmountsAreRefusedBeforeAsking() throws Exception {
    assertThat(refused(sluice.sluice("submit", "--memory", "lots", "--", "true"), 2))
        .contains("--memory", "'lots' is not an amount of memory");
    assertThat(refused(sluice.sluice("submit", "--gpus", "two", "--", "true"), 2)).contains("--gpus", "two");
    assertThat(refused(sluice.sluice("submit", "--walltime", "soon", "--", "true"), 2)).contains("--walltime", "'soon' is not a lifetime");
    assertThat(refused(sluice.sluice("submit", "--nic-bandwidth", "fast", "--", "true"), 2))
        .contains("--nic-bandwidth", "'fast' is not a bandwidth (e.g. 25G");
    assertThat(refused(sluice.sluice("submit", "--nic-bandwidth", "200T", "--", "true"), 2))
        .contains("--nic-bandwidth", "must be at most 100T");
    assertThat(refused(sluice.sluice("submit", "--topology", "Rack!", "--", "true"), 2)).contains("--topology: must be a topology level");
    assertThat(refused(sluice.sluice("submit", "--walltime", "1h", "--min-runtime", "2h", "--", "true"), 2))
        .contains("--min-runtime", "must not exceed walltimeSeconds");
  }

  @Test
  void twoWaysOfAskingForAGpuShareAreOneTooMany() throws Exception {
    var err = refused(sluice.sluice("submit", "--gpus", "2", "--gpu-fraction", "0.5", "--", "true"), 2);
    assertThat(err).containsPattern("--gpus|--gpu-fraction");
  }

  @Test
  void aBadTokenIsRefusedWithWhereTheTokenCameFrom() throws Exception {
    var err = refused(sluice.sluice("submit", "--token", "not-a-token", "--", "true"), 2);
    assertThat(err).contains("did not accept the token", "--token");
    refused(sluice.sluice("list", "--token", "not-a-token"), 2);
  }

  @Test
  void anUnknownJobIsNotFound() throws Exception {
    assertThat(refused(sluice.sluice("describe", "j-999999"), 2)).contains("j-999999");
    refused(sluice.sluice("cancel", "j-999999"), 2);
  }

  @Test
  void noServerAtTheAddressSaysHowToStartOne() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    var url = "http://127.0.0.1:" + closedPort;
    var err = refused(sluice.sluice("list", "--server", url), 3);
    assertThat(err).isEqualTo("sluice: no Sluice server at " + url + " (start one with ./sluice up)");
  }
}
