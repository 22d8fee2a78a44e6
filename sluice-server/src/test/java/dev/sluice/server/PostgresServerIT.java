package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole control plane on PostgreSQL ({@code --db}): a job submitted before a restart is there after it,
 * and runs. The database: see {@link TestPostgres}.
 */
class PostgresServerIT {
  @TempDir
  Path dataDir;

  @Test
  void aJobSubmittedBeforeARestartIsKeptAndRuns() throws Exception {
    TestPostgres.assumeReachable();
    TestPostgres.emptyDatabase();
    var config = ServerConfig.defaults(dataDir).withPort(0).withHostResources(8000, 32_000)
        .withDatabase(TestPostgres.URL, TestPostgres.USER, TestPostgres.PASSWORD);
    var launcher = new FakeLauncher();
    String id;
    try (var server = SluiceServer.start(config, FixedInventory.simulated(1), launcher)) {
      var admin = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
      assertThat(admin.post("/api/v1/jobs", "{\"command\": [\"a\"], \"gpus\": 1}").status()).isEqualTo(201);
      var second = admin.post("/api/v1/jobs", "{\"command\": [\"b\"], \"gpus\": 1}");
      assertThat(second.status()).isEqualTo(201);
      id = second.json().get("id").asText();
    }
    try (var server = SluiceServer.start(config, FixedInventory.simulated(1), launcher)) {
      var admin = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
      assertThat(admin.get("/api/v1/jobs/" + id).json().get("state").asText()).isEqualTo("PENDING");
      launcher.exit(launcher.launches().getFirst().jobId(), 0);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> admin.get("/api/v1/jobs/" + id).json().get("state").asText(), "RUNNING"::equals);
      assertThat(launcher.launchesOf(id)).isEqualTo(1);
    }
  }
}
