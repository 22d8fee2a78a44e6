package dev.sluice.server.http;

import static dev.sluice.server.http.ApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.server.ApiClient;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's unixUser, set by an admin, is what the launcher is asked to run that user's jobs as; never root. */
class UnixAccountsIT {
  @TempDir
  Path dataDir;

  @Test
  void aUsersJobsAreLaunchedAsTheirUnixAccount() throws Exception {
    var launcher = new FakeLauncher();
    try (var server = SluiceServer.start(ServerConfig.defaults(dataDir).withPort(0).withHostResources(8000, 32_000),
        FixedInventory.simulated(1), launcher)) {
      var admin = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
      assertProblem(admin.post("/api/v1/users", "{\"name\": \"r\", \"role\": \"member\", \"unixUser\": \"root\"}"), 422,
          "invalid-field", "unixUser");
      assertProblem(admin.post("/api/v1/users", "{\"name\": \"s\", \"role\": \"member\", \"unixUser\": \"Bad User\"}"), 422,
          "invalid-field", "unixUser");
      var created = admin.post("/api/v1/users",
          "{\"name\": \"alice\", \"role\": \"member\", \"queues\": [\"default\"], \"unixUser\": \"alice\"}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      assertThat(created.json().get("unixUser").asText()).isEqualTo("alice");
      var alice = admin.as(admin.post("/api/v1/users/alice/tokens", "").json().get("token").asText());
      var id = alice.post("/api/v1/jobs", "{\"command\": [\"x\"]}").json().get("id").asText();
      var own = admin.post("/api/v1/jobs", "{\"command\": [\"y\"]}").json().get("id").asText();
      await().atMost(ApiIT.WAIT).until(() -> launcher.launches().size() == 2);
      for (var launch : launcher.launches()) {
        assertThat(launch.runAs()).as(launch.jobId()).isEqualTo(launch.jobId().equals(id) ? "alice" : null);
      }
      assertThat(launcher.launches()).extracting(l -> l.jobId()).containsExactlyInAnyOrder(id, own);
    }
  }
}
