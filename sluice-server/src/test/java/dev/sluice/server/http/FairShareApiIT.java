package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.ApiClient;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default (fair-share) scheduler seen through the REST API over real HTTP: queues with quotas created
 * with {@code POST /api/v1/queues}, pending reasons and preemptions read with {@code GET /api/v1/jobs/{id}}.
 * A host of two simulated GPUs; the fake launcher's processes use their grace period until told to exit.
 */
class FairShareApiIT {
  @TempDir
  static Path dataDir;
  static SluiceServer server;
  static ApiClient admin;
  static final FakeLauncher LAUNCHER = new FakeLauncher();

  @BeforeAll
  static void start() throws Exception {
    LAUNCHER.exitOnTerminate(false);
    var config = ServerConfig.defaults(dataDir).withPort(0).withHostResources(64_000, 256_000);
    server = SluiceServer.start(config, FixedInventory.simulated(2), LAUNCHER);
    admin = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
    createQueue("{\"name\": \"team-a\", \"quotas\": {\"gpu\": {\"deserved\": 1000}}}");
    createQueue("{\"name\": \"team-b\", \"quotas\": {\"gpu\": {\"deserved\": 1000}}}");
    createQueue("{\"name\": \"capped\", \"quotas\": {\"cpu\": {\"deserved\": 0, \"limit\": 1000}}}");
    createQueue("{\"name\": \"org\"}");
    createQueue("{\"name\": \"org-ml\", \"parent\": \"org\"}");
  }

  static void createQueue(String body) {
    var created = admin.post("/api/v1/queues", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String submit(String queue, String resources) {
    var response = admin.post("/api/v1/jobs", "{\"command\": [\"train\"], \"queue\": \"" + queue + "\", " + resources + "}");
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return response.json().get("id").asText();
  }

  /** The job once {@code until} holds (the last one seen after {@link ApiIT#WAIT}, for the caller to assert on). */
  static JsonNode job(String id, Predicate<JsonNode> until) {
    var last = new java.util.concurrent.atomic.AtomicReference<JsonNode>();
    try {
      return await().atMost(ApiIT.WAIT).until(() -> {
        last.set(admin.get("/api/v1/jobs/" + id).json());
        return last.get();
      }, until::test);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return last.get();
    }
  }

  static Predicate<JsonNode> inState(String state) {
    return job -> job.get("state").asText().equals(state);
  }

  @Test
  void aJobBeyondItsQueueLimitShowsOverLimit() throws Exception {
    var first = submit("capped", "\"cpuMilli\": 1000, \"memoryMib\": 64");
    var second = submit("capped", "\"cpuMilli\": 1000, \"memoryMib\": 64");
    assertThat(job(first, inState("RUNNING")).get("state").asText()).isEqualTo("RUNNING");
    var waiting = job(second, j -> j.path("reason").path("code").asText().equals("over-limit")
        && j.path("queuePosition").isInt());
    assertThat(waiting.get("state").asText()).isEqualTo("PENDING");
    assertThat(waiting.get("reason").get("code").asText()).isEqualTo("over-limit");
    assertThat(waiting.get("reason").get("message").asText()).contains("queue capped").contains("limit 1000");
    assertThat(waiting.get("queuePosition").asInt()).isEqualTo(1);
    assertThat(waiting.get("preemptions").asInt()).isZero();
  }

  @Test
  void aQueueBelowItsDeservedQuotaReclaimsTheGpuAnotherBorrowed() throws Exception {
    var older = submit("team-a", "\"gpus\": 1, \"preemptible\": true");
    var newer = submit("team-a", "\"gpus\": 1, \"preemptible\": true");
    assertThat(job(older, inState("RUNNING")).get("state").asText()).isEqualTo("RUNNING");
    assertThat(job(newer, inState("RUNNING")).get("state").asText()).isEqualTo("RUNNING");

    var teamB = submit("team-b", "\"gpus\": 1");
    var stopped = job(newer, inState("PENDING"));
    assertThat(stopped.get("state").asText()).isEqualTo("PENDING");
    assertThat(stopped.get("reason").get("code").asText()).isEqualTo("preempted");
    assertThat(stopped.get("reason").get("message").asText())
        .isEqualTo("reclaimed by queue team-b (below its deserved 1 GPU) for job " + teamB + "; it waits to run again");
    assertThat(stopped.get("preemptions").asInt()).isEqualTo(1);
    assertThat(stopped.get("node").isNull()).isTrue();
    assertThat(admin.get("/api/v1/jobs/" + teamB).json().get("state").asText())
        .as("the GPU is held until the stopped process exits").isEqualTo("PENDING");

    LAUNCHER.exit(newer, 143);
    assertThat(job(teamB, inState("RUNNING")).get("state").asText()).isEqualTo("RUNNING");
    assertThat(job(older, inState("RUNNING")).get("state").asText()).isEqualTo("RUNNING");
    assertThat(LAUNCHER.launchesOf(newer)).isEqualTo(1);
    var listed = new java.util.HashMap<String, JsonNode>();
    admin.get("/api/v1/queues").json().forEach(q -> listed.put(q.get("name").asText(), q));
    assertThat(listed.get("team-a").get("fairShare").get("gpu").asLong()).as("the cycle's fair share").isEqualTo(1000);
    assertThat(listed.get("team-b").get("fairShare").get("gpu").asLong()).isEqualTo(1000);
    assertThat(listed.get("team-a").get("borrowed").get("gpu").asLong()).isZero();
    assertThat(admin.get("/metrics").text()).contains("sluice_jobs_preempted_total{queue=\"team-a\"} 1.0");
  }

  @Test
  void aJobCannotBeSubmittedToAQueueWithSubQueues() {
    var before = admin.get("/api/v1/jobs?limit=1000").json().get("items").size();
    var response = admin.post("/api/v1/jobs", "{\"command\": [\"train\"], \"queue\": \"org\"}");
    assertThat(response.status()).as(response.text()).isEqualTo(422);
    assertThat(response.json().get("field").asText()).isEqualTo("queue");
    assertThat(response.json().get("detail").asText()).contains("sub-queues");
    assertThat(admin.get("/api/v1/jobs?limit=1000").json().get("items").size()).isEqualTo(before);
  }
}
