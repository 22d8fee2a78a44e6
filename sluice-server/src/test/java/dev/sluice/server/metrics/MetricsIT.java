package dev.sluice.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.server.ApiClient;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} after some work, checked by Prometheus's own {@code promtool check metrics} (Debian
 * package prometheus; missing: fails when {@code CI=true}, else skipped with a message).
 */
class MetricsIT {
  @TempDir
  Path dataDir;

  private static void assumePromtoolInstalled() {
    var onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "promtool")));
    if (onPath) return;
    var message = "promtool is not installed (Debian package prometheus; .ci/run installs it)";
    if ("true".equals(System.getenv("CI"))) fail(message);
    assumeTrue(false, message);
  }

  @Test
  void theExpositionHasTheDocumentedSeriesAndPassesPromtool() throws Exception {
    assumePromtoolInstalled();
    String text;
    try (var server = SluiceServer.start(ServerConfig.defaults(dataDir).withPort(0).withHostResources(8000, 32_000),
        FixedInventory.simulated(1), new FakeLauncher())) {
      var admin = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
      assertThat(admin.post("/api/v1/jobs", "{\"command\": [\"a\"], \"gpuFraction\": 0.5}").status()).isEqualTo(201);
      assertThat(admin.post("/api/v1/jobs", "{\"command\": [\"b\"], \"gpus\": 1}").status()).isEqualTo(201);
      text = await().atMost(Duration.ofSeconds(30))
          .until(() -> admin.get("/metrics").text(), t -> t.contains("sluice_jobs_pending{queue=\"default\"} 1"));
    }
    assertThat(text).contains("sluice_queue_gpu_allocated_milli{queue=\"default\"} 500")
        .contains("sluice_jobs_running{queue=\"default\"} 1")
        .contains("sluice_jobs_pending{queue=\"default\"} 1")
        .contains("sluice_cycle_seconds_bucket{")
        .contains("sluice_http_server_requests_seconds_bucket{")
        .contains("route=\"/api/v1/jobs\"");
    promtool(text);
  }

  private static void promtool(String exposition) throws Exception {
    var process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (var in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("promtool check metrics: " + output).isZero();
  }
}
