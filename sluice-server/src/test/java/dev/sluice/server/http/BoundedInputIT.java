package dev.sluice.server.http;

import static dev.sluice.server.http.ApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.ApiClient;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over-long, over-deep and over-large input is a 4xx naming the field or the place, never a 500, and stores nothing. */
class BoundedInputIT {
  @TempDir
  static Path dataDir;
  static SluiceServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = SluiceServer.start(ServerConfig.defaults(dataDir).withPort(0).withHostResources(8000, 32_000),
        FixedInventory.simulated(1), new FakeLauncher());
    admin = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void refused(String body, int status, String code, String field) {
    int before = admin.get("/api/v1/jobs?limit=1000").json().get("items").size();
    assertProblem(admin.post("/api/v1/jobs", body), status, code, field);
    assertThat(admin.get("/api/v1/jobs?limit=1000").json().get("items").size()).isEqualTo(before);
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  @Test
  void overLongFieldsAreRefusedNamingTheField() {
    refused("{\"command\": [\"x\"], \"name\": " + quoted("n".repeat(257)) + "}", 422, "invalid-field", "name");
    refused("{\"command\": [\"x\"], \"name\": \"\\u001b[2Jhi\"}", 422, "invalid-field", "name");
    refused("{\"command\": [\"x\"], \"workDir\": " + quoted("/" + "d".repeat(4096)) + "}", 422, "invalid-field", "workDir");
    var words = IntStream.range(0, 4097).mapToObj(i -> "\"w\"").collect(Collectors.joining(","));
    refused("{\"command\": [" + words + "]}", 422, "invalid-field", "command");
    refused("{\"command\": [\"x\", " + quoted("a".repeat(16_384)) + "]}", 422, "invalid-field", "command");
    var variables = IntStream.range(0, 1025).mapToObj(i -> "\"V" + i + "\": \"\"").collect(Collectors.joining(","));
    refused("{\"command\": [\"x\"], \"env\": {" + variables + "}}", 422, "invalid-field", "env");
    refused("{\"command\": [\"x\"], \"env\": {\"V\": " + quoted("v".repeat(16_384)) + "}}", 422, "invalid-field", "env");
    refused("{\"command\": [\"x\"], \"env\": {\"LD_PRELOAD\": \"/tmp/mal.so\"}}", 422, "invalid-field", "env.LD_PRELOAD");
    refused("{\"command\": [\"x\"], \"env\": {\"GCONV_PATH\": \"/tmp\"}}", 422, "invalid-field", "env.GCONV_PATH");
  }

  @Test
  void walltimesAndMinimumRuntimesOutOfBoundsAreRefusedNamingTheFieldAndInBoundsAreStored() {
    refused("{\"command\": [\"x\"], \"walltimeSeconds\": 0}", 422, "invalid-field", "walltimeSeconds");
    refused("{\"command\": [\"x\"], \"walltimeSeconds\": 31622401}", 422, "invalid-field", "walltimeSeconds");
    refused("{\"command\": [\"x\"], \"walltimeSeconds\": \"2h\"}", 422, "invalid-field", "walltimeSeconds");
    refused("{\"command\": [\"x\"], \"minRuntimeSeconds\": -1}", 422, "invalid-field", "minRuntimeSeconds");
    refused("{\"command\": [\"x\"], \"walltimeSeconds\": 60, \"minRuntimeSeconds\": 61}", 422, "invalid-field",
        "minRuntimeSeconds");

    var created = admin.post("/api/v1/jobs", "{\"command\": [\"x\"], \"walltimeSeconds\": 7200, \"minRuntimeSeconds\": 600}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    var stored = admin.get("/api/v1/jobs/" + created.json().get("id").asText()).json();
    assertThat(stored.get("walltimeSeconds").asLong()).isEqualTo(7200);
    assertThat(stored.get("minRuntimeSeconds").asLong()).isEqualTo(600);
  }

  @Test
  void queuesWithTooManyOrTooLongResourceNamesAreRefused() {
    var many = IntStream.range(0, 65).mapToObj(i -> "\"gpu/m" + i + "\": {\"deserved\": 1}").collect(Collectors.joining(","));
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"q1\", \"quotas\": {" + many + "}}"), 422, "invalid-field", "quotas");
    var longName = "gpu/" + "m".repeat(61);
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"q2\", \"quotas\": {\"" + longName + "\": {\"deserved\": 1}}}"),
        422, "invalid-field", "quotas." + longName);
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"q3\", \"quotas\": {\"gpu/\\u001b[2J\": {\"deserved\": 1}}}"),
        422, "invalid-field", null);
    var sixtyFour = IntStream.range(0, 64).mapToObj(i -> "\"gpu/" + "m".repeat(56) + String.format("%04d", i)
        + "\": {\"deserved\": 1000000000, \"limit\": 1000000000, \"overQuotaWeight\": 1.5, \"lendingLimit\": 1000000000}")
        .collect(Collectors.joining(","));
    var stored = admin.post("/api/v1/queues", "{\"name\": \"q4\", \"quotas\": {" + sixtyFour + "}}");
    assertThat(stored.status()).as(stored.text()).isEqualTo(201);
    assertThat(admin.get("/api/v1/queues").json().toString()).contains("\"q4\"");
    assertThat(admin.get("/api/v1/queues").json().toString()).doesNotContain("\"q1\"", "\"q2\"", "\"q3\"");
  }

  @Test
  void fieldsAtTheirBoundsAreStored() {
    var body = "{\"command\": [\"x\", " + quoted("\\u0001".repeat(16_383)) + "], \"name\": " + quoted("n".repeat(256))
        + ", \"env\": {\"V\": " + quoted("\\u0002".repeat(16_383)) + "}}";
    var created = admin.post("/api/v1/jobs", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    var stored = admin.get("/api/v1/jobs/" + created.json().get("id").asText()).json();
    assertThat(stored.get("command").get(1).asText()).hasSize(16_383);
    assertThat(stored.get("env").get("V").asText()).hasSize(16_383);
  }

  @Test
  void deepOrHugeJsonIsAClientError() {
    refused("[".repeat(5000) + "]".repeat(5000), 400, "bad-json", null);
    refused("{\"command\": [\"x\"], \"gpus\": 1" + "0".repeat(5000) + "}", 400, "bad-json", null);
    refused("{\"command\": [\"x\"], \"gpus\": 1e400}", 422, "invalid-field", "gpus");
    refused("{\"command\": [\"x\"], \"gpuFraction\": 1e400}", 422, "invalid-field", "gpuFraction");
    refused("{\"command\": [\"x\"], \"cpuMilli\": 99999999999999999999999}", 422, "invalid-field", "cpuMilli");
    var malformed = admin.post("/api/v1/jobs", "{\"command\": [\"x\"],\n \"gpus\": }");
    assertProblem(malformed, 400, "bad-json", null);
    assertThat(malformed.json().get("detail").asText()).contains("line 2, column");
  }

  @Test
  void aJobAskingForNothingCountsTheMinimum() {
    var created = admin.post("/api/v1/jobs", "{\"command\": [\"x\"], \"cpuMilli\": 0, \"memoryMib\": 0}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("request").get("cpuMilli").asLong()).isEqualTo(10);
    assertThat(created.json().get("request").get("memoryMib").asLong()).isEqualTo(16);
  }
}
