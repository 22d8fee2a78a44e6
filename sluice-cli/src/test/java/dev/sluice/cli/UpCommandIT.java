package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.local.process.JobSandbox;
import dev.sluice.local.process.SandboxMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice up} and {@code sluice demo} as a user runs them: the built jar in its own JVM, stopped by SIGTERM. */
class UpCommandIT {

  @TempDir
  Path workDir;

  @Test
  void upServesTheApiAndTheDashboardUntilSigterm() throws Exception {
    var up = SluiceProcess.start(workDir, List.of(), "up", "--port", "0", "--simulate-gpus", "1xT4-16GB");
    try {
      var url = up.url();
      up.await("admin token  ./sluice-data/admin.token");
      assertThat(up.await("T4")).contains("16GiB", "simulated");
      assertThat(Files.readString(workDir.resolve("sluice-data/admin.token")).strip()).hasSizeGreaterThanOrEqualTo(22);

      var dashboard = new String(URI.create(url + "/").toURL().openStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(dashboard).contains("<title>Sluice</title>");
      var script = Pattern.compile("src=\"(/webjars/echarts/[^\"]+/echarts\\.min\\.js)\"").matcher(dashboard);
      assertThat(script.find()).as("the dashboard loads ECharts from its WebJar").isTrue();
      var echarts = URI.create(url + script.group(1)).toURL().openStream().readAllBytes();
      assertThat(echarts.length).isGreaterThan(500_000);

      var token = Files.readString(workDir.resolve("sluice-data/admin.token")).strip();
      var nodes = RunningSluice.Run.of("nodes", "--server", url, "--token", token);
      assertThat(nodes.out()).contains("T4 (simulated)", "16GiB", "simulated");
      up.stop();
      assertThat(up.process().exitValue()).isNotZero(); // ended by a signal, as asked
      var afterwards = RunningSluice.Run.of("list", "--server", url, "--token", token);
      assertThat(afterwards.err()).startsWith("sluice: no Sluice server at " + url);
    } finally {
      up.kill();
    }
  }

  @Test
  void demoSubmitsSampleJobsThatMove() throws Exception {
    var demo = SluiceProcess.start(workDir, List.of(), "demo", "--port", "0", "--simulate-gpus", "2xH100-80GB");
    try {
      var url = demo.url();
      demo.await("Submitted sample jobs");
      var token = Files.readString(workDir.resolve("sluice-data/admin.token")).strip();
      var list = RunningSluice.Run.of("list", "--server", url, "--token", token);
      assertThat(list.out()).contains("hello-gpu", "half-a-gpu", "cpu-only", "needs-every-gpu");
      var sluice = new Object() {
        String state(String name) {
          var out = RunningSluice.Run.of("list", "--server", url, "--token", token).out();
          return out.lines().filter(l -> l.contains(" " + name + " ")).findFirst().orElseThrow().split(" +")[4];
        }
      };
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!sluice.state("cpu-only").equals("SUCCEEDED") && System.nanoTime() < deadline) Thread.sleep(200);
      assertThat(sluice.state("cpu-only")).isEqualTo("SUCCEEDED");
      assertThat(sluice.state("hello-gpu")).isEqualTo("RUNNING");
      assertThat(sluice.state("needs-every-gpu")).isEqualTo("PENDING");
      demo.stop();
    } finally {
      demo.kill();
    }
  }

  /**
   * The README's way: {@code ./sluice demo} in the checkout, whose jar lies in it and which is the jobs' default work
   * directory. The sandbox keeps the checkout read-only there, so the sample jobs run (this stop's review mends first
   * refused them all, the checkout holding the server's installation).
   */
  @Test
  void theDemoRunFromItsCheckoutRunsItsJobs() throws Exception {
    var checkout = workDir.resolve("checkout");
    var jar = Files.copy(SluiceProcess.JAR, Files.createDirectories(checkout.resolve("sluice-cli/target")).resolve("sluice.jar"));
    var demo = SluiceProcess.start(checkout, jar, List.of("-Dsluice.home=" + checkout), "demo", "--port", "0",
        "--simulate-gpus", "2xH100-80GB");
    try {
      var url = demo.url();
      demo.await("Submitted sample jobs");
      var token = Files.readString(checkout.resolve("sluice-data/admin.token")).strip();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      String list = "";
      while (!list.contains("SUCCEEDED") && System.nanoTime() < deadline) {
        list = RunningSluice.Run.of("list", "--server", url, "--token", token).out();
        Thread.sleep(200);
      }
      assertThat(list).as(String.join("\n", demo.seen())).contains("cpu-only").contains("SUCCEEDED");
      demo.stop();
    } finally {
      demo.kill();
    }
  }

  @Test
  void aPortInUseIsOneLine() throws Exception {
    try (var running = RunningSluice.start(workDir.resolve("first"), "1xT4-16GB")) {
      var port = URI.create(running.url()).getPort();
      var second = RunningSluice.Run.of("up", "--port", String.valueOf(port), "--data", workDir.resolve("second").toString());
      assertThat(second.exit()).isEqualTo(2);
      assertThat(second.err().strip()).isEqualTo("sluice: --port: port " + port
          + " on 127.0.0.1 is in use (is Sluice already up? else pass --port)");
    }
  }

  @Test
  void aBadGpuSpecIsOneLine() {
    var run = RunningSluice.Run.of("up", "--port", "0", "--data", workDir.toString(), "--simulate-gpus", "lots");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("sluice: --simulate-gpus: ").contains("lots");
  }

  @Test
  void aDataDirectoryThatCannotBeMadeIsOneLine() throws Exception {
    var file = java.nio.file.Files.writeString(workDir.resolve("a-file"), "not a directory");
    var run = RunningSluice.Run.of("up", "--port", "0", "--data", file.resolve("data").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("sluice: --data: cannot create " + file.resolve("data") + ": Not a directory ("
        + file.resolve("data") + ")");
  }

  @Test
  void aSandboxModeThatDoesNotExistIsOneLine() {
    var run = RunningSluice.Run.of("up", "--port", "0", "--data", workDir.toString(), "--sandbox", "chroot");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("sluice: --sandbox: 'chroot' is not a sandbox mode; choose one of auto, "
        + "bubblewrap, namespaces, none");
  }

  @Test
  void upRunsJobsInTheSandboxItIsToldToAndSaysWhichOnItsSandboxLine() throws Exception {
    assumeTrue(JobSandbox.choose(SandboxMode.NAMESPACES, System.getenv("PATH"), List.of()).isPresent(),
        "namespaces do not work here: " + SandboxMode.NAMESPACES.needs());
    var up = SluiceProcess.start(workDir, List.of(), "up", "--port", "0", "--simulate-gpus", "1xT4-16GB", "--sandbox", "namespaces");
    try {
      assertThat(up.await("job sandbox  ")).contains("job sandbox  namespaces: jobs cannot see [" + workDir.resolve("sluice-data"));
    } finally {
      up.kill();
    }
  }
}
