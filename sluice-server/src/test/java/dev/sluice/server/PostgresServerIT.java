package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole control plane on PostgreSQL ({@code --db}): a job submitted before a restart is there after it,
 * and runs. Same database and rules as {@code PostgresStoreIT}.
 */
class PostgresServerIT {
  private static final String URL = env("SLUICE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/sluice_test");
  private static final String USER = env("SLUICE_TEST_PG_USER", "sluice");
  private static final String PASSWORD = env("SLUICE_TEST_PG_PASSWORD", "sluice");

  @TempDir
  Path dataDir;

  @Test
  void aJobSubmittedBeforeARestartIsKeptAndRuns() throws Exception {
    emptyDatabase();
    var config = ServerConfig.defaults(dataDir).withPort(0).withHostResources(8000, 32_000).withDatabase(URL, USER, PASSWORD);
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
      String state = "PENDING";
      for (int i = 0; i < 100 && !state.equals("RUNNING"); i++) {
        Thread.sleep(50);
        state = admin.get("/api/v1/jobs/" + id).json().get("state").asText();
      }
      assertThat(state).isEqualTo("RUNNING");
      assertThat(launcher.launchesOf(id)).isEqualTo(1);
    }
  }

  private static void emptyDatabase() {
    try (var connection = DriverManager.getConnection(URL, USER, PASSWORD); var st = connection.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS public CASCADE");
      st.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      var message = "PostgreSQL is unreachable at " + URL + " as " + USER + " (" + e.getMessage()
          + "); run .ci/run's setup or set SLUICE_TEST_PG_URL";
      if ("true".equals(System.getenv("CI"))) fail(message);
      assumeTrue(false, message);
    }
  }

  private static String env(String name, String fallback) {
    var value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
