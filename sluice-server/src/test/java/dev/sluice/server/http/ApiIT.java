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
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The REST API over real HTTP on 127.0.0.1 with the embedded database and a fake launcher; a host of two
 * simulated 80 GiB GPUs, 64 cores and 250 GiB. Users: alice (member of nlp), bob (member of default), vera
 * (viewer of nlp).
 */
class ApiIT {
  /** How long a test waits for what the control loop (a cycle every 200 ms) makes true. */
  static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir
  static Path dataDir;
  static SluiceServer server;
  static ApiClient admin;
  static ApiClient alice;
  static ApiClient bob;
  static ApiClient vera;

  @BeforeAll
  static void start() throws Exception {
    var config = ServerConfig.defaults(dataDir).withPort(0).withHostResources(64_000, 256_000);
    var launcher = new FakeLauncher();
    launcher.refuseWorkDir(Path.of("/"), "work directory / is the root: a job may write only in its own directory");
    server = SluiceServer.start(config, FixedInventory.simulated(2), launcher);
    admin = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
    assertThat(admin.post("/api/v1/queues", "{\"name\": \"nlp\"}").status()).isEqualTo(201);
    alice = user("alice", "member", "nlp");
    bob = user("bob", "member", "default");
    vera = user("vera", "viewer", "nlp");
  }

  static ApiClient user(String name, String role, String queue) {
    var created = admin.post("/api/v1/users", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\", \"queues\": [\"" + queue + "\"]}");
    assertThat(created.status()).isEqualTo(201);
    var token = admin.post("/api/v1/users/" + name + "/tokens", "");
    assertThat(token.status()).isEqualTo(201);
    return admin.as(token.json().get("token").asText());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static int jobCount() {
    return admin.get("/api/v1/jobs?limit=1000").json().get("items").size();
  }

  static JsonNode submit(ApiClient client, String body) {
    var response = client.post("/api/v1/jobs", body);
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return response.json();
  }

  static void assertProblem(ApiClient.Response response, int status, String code, String field) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asText()).isEqualTo("https://sluice.dev/problems/" + code);
    assertThat(response.json().get("status").asInt()).isEqualTo(status);
    assertThat(response.json().get("detail").asText()).isNotBlank();
    if (field != null) assertThat(response.json().path("field").asText()).isEqualTo(field);
  }

  @Test
  void theAdminTokenFileIsReadableByItsOwnerOnly() throws Exception {
    assertThat(Files.getPosixFilePermissions(server.adminTokenFile()))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(server.adminTokenFile()).trim()).hasSizeGreaterThan(40);
  }

  @Test
  void everyApiCallAndTheMetricsNeedAKnownToken() {
    var anonymous = admin.as(null);
    for (var path : List.of("/api/v1/jobs", "/api/v1/queues", "/api/v1/whoami", "/api/v1/nodes", "/metrics")) {
      assertProblem(anonymous.get(path), 401, "unauthenticated", null);
      assertProblem(admin.as("slc_not-a-token").get(path), 401, "unauthenticated", null);
    }
    assertProblem(anonymous.post("/api/v1/jobs", "{\"command\": [\"x\"]}"), 401, "unauthenticated", null);
    var health = anonymous.get("/healthz");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("database").asText()).isEqualTo("ok");
    assertThat(anonymous.get("/openapi.json").status()).isEqualTo(200);
  }

  @Test
  void theDashboardFilesOnTheClasspathAreServedWithoutAToken() {
    var page = admin.as(null).get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("sluice test dashboard");
    assertThat(admin.as(null).get("/index.html").status()).isEqualTo(200);
  }

  @Test
  void theOpenApiDocumentDescribesEveryRoute() {
    var document = admin.as(null).get("/openapi.json").json();
    assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
    var missing = new ArrayList<String>();
    for (var route : server.routes()) {
      var parts = route.split(" ", 2);
      if (document.get("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT)).isMissingNode()) missing.add(route);
    }
    assertThat(missing).as("routes missing from openapi.json").isEmpty();
    assertThat(server.routes()).hasSizeGreaterThanOrEqualTo(17);
  }

  @Test
  void aSubmissionIsStoredWithDefaultsAndFoundAtItsLocation() {
    var response = alice.post("/api/v1/jobs", "{\"command\": [\"/usr/bin/python3\", \"train.py\"], \"gpuFraction\": 0.5,"
        + " \"env\": {\"WANDB_MODE\": \"offline\"}, \"priority\": 2}");
    assertThat(response.status()).isEqualTo(201);
    var job = response.json();
    assertThat(response.header("Location")).isEqualTo("/api/v1/jobs/" + job.get("id").asText());
    assertThat(job.get("id").asText()).matches("j-\\d{6,}");
    assertThat(job.get("name").asText()).isEqualTo("python3");
    assertThat(job.get("queue").asText()).isEqualTo("nlp");
    assertThat(job.get("user").asText()).isEqualTo("alice");
    assertThat(job.get("request").toString())
        .isEqualTo("{\"gpus\":1,\"gpuMilli\":500,\"gpuMemoryMib\":0,\"cpuMilli\":1000,\"memoryMib\":2048,"
            + "\"nicBandwidthMbps\":0,\"rdma\":false}");
    assertThat(job.get("env").get("WANDB_MODE").asText()).isEqualTo("offline");
    assertThat(job.get("state").asText()).isEqualTo("PENDING");
    assertThat(alice.get(response.header("Location")).json().get("id")).isEqualTo(job.get("id"));
  }

  @Test
  void gpuMemoryBecomesAShareOfTheDevice() {
    var job = submit(admin, "{\"command\": [\"x\"], \"gpuMemoryMib\": 20480}");
    assertThat(job.get("request").get("gpuMilli").asInt()).isEqualTo(250);
    assertThat(job.get("request").get("gpuMemoryMib").asLong()).isEqualTo(20480);
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "{                                                   | 400 | bad-json      |",
      "[1, 2]                                              | 400 | bad-json      |",
      "{}                                                  | 422 | invalid-field | command",
      "{'command': []}                                     | 422 | invalid-field | command",
      "{'command': 'python'}                               | 422 | invalid-field | command",
      "{'command': ['x'], 'gpus': -1}                      | 422 | invalid-field | gpus",
      "{'command': ['x'], 'gpus': 1.5}                     | 422 | invalid-field | gpus",
      "{'command': ['x'], 'gpuFraction': 1.5}              | 422 | invalid-field | gpuFraction",
      "{'command': ['x'], 'gpus': 2, 'gpuFraction': 0.5}   | 422 | invalid-field | gpus",
      "{'command': ['x'], 'gpuFraction': 0.5, 'gpuMemoryMib': 100} | 422 | invalid-field | gpuMemoryMib",
      "{'command': ['x'], 'gpu': 1}                        | 422 | invalid-field | gpu",
      "{'command': ['x'], 'cpuMilli': 'lots'}              | 422 | invalid-field | cpuMilli",
      "{'command': ['x'], 'env': {'A': 1}}                 | 422 | invalid-field | env.A",
      "{'command': ['x'], 'env': {'A=B': 'c'}}             | 422 | invalid-field | env.A=B",
      "{'command': ['x'], 'env': {'1A': 'c'}}              | 422 | invalid-field | env.1A",
      "{'command': ['tr\\u0000ue']}                         | 422 | invalid-field | command",
      "{'command': ['x'], 'workDir': '/tm\\u0000p'}         | 422 | invalid-field | workDir",
      "{'command': ['x'], 'name': 'a\\u0000b'}              | 422 | invalid-field | name",
      "{'command': ['x'], 'workDir': 'relative/dir'}       | 422 | invalid-field | workDir",
      "{'command': ['x'], 'queue': 'nope'}                 | 422 | unknown-queue | queue",
      "{'command': ['x'], 'gpus': 3}                       | 422 | unsatisfiable | gpus",
      "{'command': ['x'], 'cpuMilli': 64001}               | 422 | unsatisfiable | cpuMilli",
      "{'command': ['x'], 'memoryMib': 256001}             | 422 | unsatisfiable | memoryMib",
      "{'command': ['x'], 'gpuMemoryMib': 90000}           | 422 | unsatisfiable | gpuMemoryMib",
      "{'command': ['x'], 'rdma': true}                    | 422 | unsatisfiable | rdma",
      "{'command': ['x'], 'nicBandwidthMbps': 1000}        | 422 | unsatisfiable | nicBandwidthMbps",
  })
  void aBadSubmissionIsRefusedNamingTheFieldAndStoresNothing(String body, int status, String code, String field) {
    int before = jobCount();
    assertProblem(admin.post("/api/v1/jobs", body.replace('\'', '"')), status, code, field);
    assertThat(jobCount()).isEqualTo(before);
  }

  @Test
  void aWorkDirectoryTheLauncherWouldRefuseIsRefusedAtSubmissionNamingWorkDirAndSayingWhy() {
    int before = jobCount();
    var response = alice.post("/api/v1/jobs", "{\"command\": [\"x\"], \"workDir\": \"/\"}");
    assertProblem(response, 422, "invalid-field", "workDir");
    assertThat(response.json().get("detail").asText()).isEqualTo("workDir: work directory / is the root: a job may write only in its own directory");
    assertThat(jobCount()).isEqualTo(before);
  }

  @Test
  void aMemberSeesAndTouchesOnlyTheirQueues() {
    var bobs = submit(bob, "{\"command\": [\"x\"]}");
    var alices = submit(alice, "{\"command\": [\"x\"]}");
    int before = jobCount();
    assertProblem(alice.post("/api/v1/jobs", "{\"command\": [\"x\"], \"queue\": \"default\"}"), 422, "unknown-queue", "queue");
    var path = "/api/v1/jobs/" + bobs.get("id").asText();
    assertProblem(alice.get(path), 404, "not-found", null);
    assertProblem(alice.post(path + "/cancel", ""), 404, "not-found", null);
    assertProblem(alice.get(path + "/logs"), 404, "not-found", null);
    assertProblem(alice.get("/metrics"), 403, "forbidden", null);
    assertThat(ids(alice.get("/api/v1/jobs?limit=1000"))).contains(alices.get("id").asText())
        .doesNotContain(bobs.get("id").asText());
    assertThat(ids(alice.get("/api/v1/jobs?queue=default"))).isEmpty();
    assertThat(alice.get("/api/v1/queues").json()).extracting(q -> q.get("name").asText()).containsExactly("nlp");
    assertProblem(alice.get("/api/v1/users"), 403, "forbidden", null);
    assertProblem(alice.post("/api/v1/queues", "{\"name\": \"mine\"}"), 403, "forbidden", null);
    assertProblem(alice.post("/api/v1/users", "{\"name\": \"eve\", \"role\": \"admin\"}"), 403, "forbidden", null);
    assertProblem(alice.post("/api/v1/users/alice/tokens", ""), 403, "forbidden", null);
    assertThat(jobCount()).isEqualTo(before);
    assertThat(admin.get(path).json().get("state").asText()).isNotEqualTo("CANCELLED");
    assertThat(admin.get("/api/v1/queues").json()).extracting(q -> q.get("name").asText()).doesNotContain("mine");
    assertThat(admin.get("/api/v1/users").json()).extracting(u -> u.get("name").asText()).doesNotContain("eve");
  }

  @Test
  void aViewerReadsTheirQueuesButChangesNothing() {
    var job = submit(alice, "{\"command\": [\"x\"]}");
    var bobs = submit(bob, "{\"command\": [\"x\"]}");
    int before = jobCount();
    assertProblem(vera.post("/api/v1/jobs", "{\"command\": [\"x\"]}"), 403, "forbidden", null);
    var path = "/api/v1/jobs/" + job.get("id").asText();
    assertThat(vera.get(path).status()).isEqualTo(200);
    assertProblem(vera.post(path + "/cancel", ""), 403, "forbidden", null);
    assertProblem(vera.get("/api/v1/jobs/" + bobs.get("id").asText()), 404, "not-found", null);
    assertThat(ids(vera.get("/api/v1/jobs?limit=1000"))).contains(job.get("id").asText()).doesNotContain(bobs.get("id").asText());
    assertThat(vera.get("/api/v1/whoami").json().toString()).isEqualTo("{\"name\":\"vera\",\"role\":\"viewer\",\"queues\":[\"nlp\"],\"unixUser\":null}");
    assertThat(jobCount()).isEqualTo(before);
    assertThat(admin.get(path).json().get("state").asText()).isNotEqualTo("CANCELLED");
  }

  @Test
  void nodesAndUsageShowAMemberOnlyTheirQueuesJobs() throws Exception {
    var bobs = submit(bob, "{\"command\": [\"x\"], \"gpuFraction\": 0.1, \"cpuMilli\": 10, \"memoryMib\": 10}");
    var alices = submit(alice, "{\"command\": [\"x\"], \"gpuFraction\": 0.1, \"cpuMilli\": 10, \"memoryMib\": 10}");
    var both = List.of(bobs.get("id").asText(), alices.get("id").asText());
    await().atMost(WAIT).untilAsserted(() -> assertThat(jobsOnGpus(admin)).containsAll(both));
    assertThat(jobsOnGpus(alice)).contains(alices.get("id").asText()).doesNotContain(bobs.get("id").asText());
    assertThat(alice.get("/api/v1/usage").json()).extracting(row -> row.get("queue").asText()).containsOnly("nlp");
    assertThat(admin.get("/api/v1/usage").json()).extracting(row -> row.get("queue").asText()).contains("nlp", "default");
  }

  private static List<String> jobsOnGpus(ApiClient client) {
    var ids = new ArrayList<String>();
    client.get("/api/v1/nodes").json().get(0).get("gpus").forEach(gpu -> gpu.get("jobs").forEach(id -> ids.add(id.asText())));
    return ids;
  }

  @Test
  void cancellingTwiceIsAConflict() {
    var job = submit(bob, "{\"command\": [\"x\"], \"gpus\": 2, \"cpuMilli\": 100, \"memoryMib\": 10}");
    var path = "/api/v1/jobs/" + job.get("id").asText() + "/cancel";
    var cancelled = bob.post(path, "");
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("state").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.json().get("reason").get("code").asText()).isEqualTo("cancelled");
    assertProblem(bob.post(path, ""), 409, "conflict", null);
    assertProblem(bob.post("/api/v1/jobs/j-999999/cancel", ""), 404, "not-found", null);
    assertProblem(bob.get("/api/v1/jobs/banana"), 404, "not-found", null);
  }

  @Test
  void logsAreReadFromAnOffset() throws Exception {
    var job = submit(bob, "{\"command\": [\"x\"], \"cpuMilli\": 10, \"memoryMib\": 10}");
    var path = "/api/v1/jobs/" + job.get("id").asText();
    await().atMost(WAIT).until(() -> bob.get(path).json().get("state").asText(), "RUNNING"::equals);
    var expected = "hello from " + job.get("id").asText() + "\n";
    var logs = bob.get(path + "/logs");
    assertThat(logs.text()).isEqualTo(expected);
    assertThat(logs.contentType()).startsWith("text/plain");
    assertThat(logs.header("X-Log-Offset")).isEqualTo(Integer.toString(expected.length()));
    var rest = bob.get(path + "/logs?offset=6");
    assertThat(rest.text()).isEqualTo(expected.substring(6));
    var none = bob.get(path + "/logs?stream=stderr&offset=0");
    assertThat(none.text()).isEmpty();
    assertThat(none.header("X-Log-Offset")).isEqualTo("0");
    assertProblem(bob.get(path + "/logs?stream=both"), 422, "invalid-field", "stream");
    assertProblem(bob.get(path + "/logs?offset=-1"), 422, "invalid-field", "offset");
  }

  @Test
  void jobsAreListedNewestFirstPageByPage() {
    var ids = new ArrayList<String>();
    for (int i = 0; i < 5; i++) ids.add(submit(admin, "{\"command\": [\"x\"], \"queue\": \"nlp\", \"cpuMilli\": 1, \"memoryMib\": 1}").get("id").asText());
    var seen = new ArrayList<String>();
    String after = "";
    for (int page = 0; page < 10 && after != null; page++) {
      var response = admin.get("/api/v1/jobs?queue=nlp&limit=2&after=" + after).json();
      response.get("items").forEach(item -> seen.add(item.get("id").asText()));
      after = response.get("next").isNull() ? null : response.get("next").asText();
    }
    assertThat(seen).containsSubsequence(ids.reversed());
    assertThat(seen).doesNotHaveDuplicates();
    assertProblem(admin.get("/api/v1/jobs?limit=0"), 422, "invalid-field", "limit");
    assertProblem(admin.get("/api/v1/jobs?state=SLEEPING"), 422, "invalid-field", "state");
    assertProblem(admin.get("/api/v1/jobs?after=x"), 422, "invalid-field", "after");
  }

  @Test
  void queuesAreCreatedOnceWithValidQuotas() {
    var created = admin.post("/api/v1/queues", "{\"name\": \"vision\", \"priority\": 3, \"quotas\": {\"gpu\": {\"deserved\": 1000,"
        + " \"limit\": 2000, \"overQuotaWeight\": 2}}}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("name").asText()).isEqualTo("vision");
    assertThat(created.json().get("pending").asInt()).isZero();
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"vision\"}"), 409, "conflict", null);
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"v2\", \"quotas\": {\"tpu\": {\"deserved\": 1}}}"), 422,
        "invalid-field", "quotas.tpu");
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"v4\", \"quotas\": {\"gpu\": 5}}"), 422,
        "invalid-field", "quotas.gpu");
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"v3\", \"quotas\": {\"gpu\": {\"deserved\": 5, \"limit\": 1}}}"), 422,
        "invalid-field", "quotas");
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"v4\", \"parent\": \"ghost\"}"), 422, "unknown-queue", "parent");
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"Bad Name\"}"), 422, "invalid-field", "name");
    var vision = find(admin.get("/api/v1/queues").json(), "vision");
    assertThat(vision.get("priority").asInt()).isEqualTo(3);
    assertThat(vision.get("quotas").get("gpu").toString())
        .isEqualTo("{\"deserved\":1000,\"limit\":2000,\"overQuotaWeight\":2.0,\"lendingLimit\":null}");
    for (var key : List.of("allocated", "fairShare", "borrowed", "running", "pending")) assertThat(vision.has(key)).isTrue();
    assertThat(admin.get("/api/v1/queues").json()).extracting(q -> q.get("name").asText()).doesNotContain("v2", "v3", "v4");
  }

  @Test
  void aQueueCapsItsRunningJobs() throws Exception {
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"solo-bad\", \"maxRunningJobs\": -1}"), 422, "invalid-field",
        "maxRunningJobs");
    var created = admin.post("/api/v1/queues", "{\"name\": \"solo\", \"maxRunningJobs\": 1}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("maxRunningJobs").asInt()).isEqualTo(1);
    var first = submit(admin, "{\"command\": [\"x\"], \"queue\": \"solo\", \"cpuMilli\": 10}").get("id").asText();
    var second = submit(admin, "{\"command\": [\"x\"], \"queue\": \"solo\", \"cpuMilli\": 10}").get("id").asText();
    await().atMost(WAIT).until(() -> admin.get("/api/v1/jobs/" + first).json().get("state").asText(), "RUNNING"::equals);
    var waiting = await().atMost(WAIT).until(() -> admin.get("/api/v1/jobs/" + second).json(),
        job -> job.path("reason").path("code").asText().equals("running-cap"));
    assertThat(waiting.get("state").asText()).isEqualTo("PENDING");
    assertThat(waiting.get("reason").get("message").asText()).isEqualTo("queue solo is at its cap of 1 running workloads");
    assertThat(find(admin.get("/api/v1/queues").json(), "solo").get("maxRunningJobs").asInt()).isEqualTo(1);
  }

  @Test
  void aQueueSaysWhetherWorkThatMayNotBePreemptedMayRunBeyondItsDeservedQuota() {
    assertProblem(admin.post("/api/v1/queues", "{\"name\": \"strict-bad\", \"nonPreemptibleAboveDeserved\": \"no\"}"), 422,
        "invalid-field", "nonPreemptibleAboveDeserved");
    var strict = admin.post("/api/v1/queues", "{\"name\": \"strict\", \"nonPreemptibleAboveDeserved\": false}");
    assertThat(strict.status()).as(strict.text()).isEqualTo(201);
    assertThat(strict.json().get("nonPreemptibleAboveDeserved").asBoolean()).isFalse();
    var lenient = admin.post("/api/v1/queues", "{\"name\": \"lenient\"}");
    assertThat(lenient.json().get("nonPreemptibleAboveDeserved").asBoolean()).isTrue();
    var listed = admin.get("/api/v1/queues").json();
    assertThat(find(listed, "strict").get("nonPreemptibleAboveDeserved").asBoolean()).isFalse();
    assertThat(find(listed, "lenient").get("nonPreemptibleAboveDeserved").asBoolean()).isTrue();
    assertThat(listed).extracting(q -> q.get("name").asText()).doesNotContain("strict-bad");
  }

  @Test
  void aJobsEnvironmentValuesAreShownOnlyToItsOwnerAndAdmins() {
    var job = submit(alice, "{\"command\": [\"x\"], \"env\": {\"API_KEY\": \"s3cret\"}}");
    assertThat(job.get("env").get("API_KEY").asText()).isEqualTo("s3cret");
    var path = "/api/v1/jobs/" + job.get("id").asText();
    assertThat(admin.get(path).json().get("env").get("API_KEY").asText()).isEqualTo("s3cret");
    assertThat(vera.get(path).json().get("env").get("API_KEY").asText()).isEqualTo("(hidden)");
    var listed = vera.get("/api/v1/jobs?limit=1000").json().get("items");
    for (var item : listed) assertThat(item.toString()).doesNotContain("s3cret");
  }

  @Test
  void usersAreCreatedOnceAndTheirTokensWork() {
    var token = user("zoe", "member", "nlp");
    assertThat(token.get("/api/v1/whoami").json().get("name").asText()).isEqualTo("zoe");
    assertProblem(admin.post("/api/v1/users", "{\"name\": \"zoe\", \"role\": \"viewer\"}"), 409, "conflict", null);
    assertProblem(admin.post("/api/v1/users", "{\"name\": \"zed\", \"role\": \"boss\"}"), 422, "invalid-field", "role");
    assertProblem(admin.post("/api/v1/users", "{\"name\": \"zed\", \"role\": \"member\", \"queues\": [\"ghost\"]}"), 422,
        "unknown-queue", "queues");
    assertProblem(admin.post("/api/v1/users/ghost/tokens", ""), 404, "not-found", null);
    assertThat(admin.get("/api/v1/users").json()).extracting(u -> u.get("name").asText()).contains("zoe").doesNotContain("zed");
  }

  @Test
  void theClusterIsDescribed() {
    var nodes = bob.get("/api/v1/nodes").json();
    assertThat(nodes).hasSize(1);
    assertThat(nodes.get(0).get("gpuSource").asText()).isEqualTo("simulated");
    assertThat(nodes.get(0).get("gpus")).hasSize(2);
    assertThat(nodes.get(0).get("gpus").get(0).get("memoryMib").asLong()).isEqualTo(81920);
    assertThat(nodes.get(0).get("cpuMilli").asLong()).isEqualTo(64_000);
    assertThat(bob.get("/api/v1/usage").status()).isEqualTo(200);
    assertThat(bob.get("/api/v1/utilization?minutes=5").json().isArray()).isTrue();
    assertProblem(bob.get("/api/v1/utilization?minutes=x"), 422, "invalid-field", "minutes");
    assertProblem(bob.get("/api/v1/nothing-here"), 404, "not-found", null);
  }

  private static JsonNode find(JsonNode array, String name) {
    for (var item : array) if (item.get("name").asText().equals(name)) return item;
    throw new AssertionError("no " + name + " in " + array);
  }

  private static Set<String> ids(ApiClient.Response response) {
    var ids = new java.util.HashSet<String>();
    response.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }
}
