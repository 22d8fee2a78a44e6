package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: the control plane runs in a child JVM ({@link ServerMain}) on the embedded database; eight
 * clients submit as fast as they can; the JVM is killed (SIGKILL) mid-burst; a new control plane on the same
 * data directory must know every job whose submission was acknowledged with 201.
 */
class CrashIT {
  private static final int CLIENTS = 8;
  private static final int KILL_AFTER_ACKS = 300;
  private static final int MAX_REQUESTS_PER_CLIENT = 5_000;

  @TempDir
  Path dataDir;

  @Test
  void everyAcknowledgedSubmissionSurvivesAKill() throws Exception {
    var child = startChild();
    var acknowledged = ConcurrentHashMap.<String>newKeySet();
    var attempted = new AtomicInteger();
    var killed = new AtomicBoolean();
    try {
      var url = awaitReady(child);
      var client = new ApiClient(url, Files.readString(dataDir.resolve("admin.token")).trim());
      var enoughAcks = new CountDownLatch(KILL_AFTER_ACKS);
      try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
        for (int c = 0; c < CLIENTS; c++) {
          pool.submit(() -> submitUntilKilled(client, acknowledged, attempted, killed, enoughAcks));
        }
        assertThat(enoughAcks.await(60, TimeUnit.SECONDS)).as("acknowledgements before the kill").isTrue();
        child.destroyForcibly();
        killed.set(true);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      child.destroyForcibly();
    }

    try (var server = SluiceServer.start(ServerConfig.defaults(dataDir).withPort(0).withHostResources(64_000, 256_000),
        FixedInventory.simulated(4), new FakeLauncher())) {
      var client = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
      var missing = acknowledged.stream().filter(id -> client.get("/api/v1/jobs/" + id).status() != 200).toList();
      int stored = client.get("/api/v1/jobs?limit=1000").json().get("items").size();
      System.out.printf("crash test: %d submissions attempted, %d acknowledged before/while killing, %d stored after "
          + "restart (first page), %d acknowledged but missing%n", attempted.get(), acknowledged.size(), stored, missing.size());
      assertThat(missing).as("acknowledged jobs lost by the crash").isEmpty();
      assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILL_AFTER_ACKS);
    }
  }

  private static void submitUntilKilled(ApiClient client, Set<String> acknowledged, AtomicInteger attempted,
                                        AtomicBoolean killed, CountDownLatch enoughAcks) {
    for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && !killed.get(); i++) {
      attempted.incrementAndGet();
      try {
        var response = client.post("/api/v1/jobs", "{\"command\": [\"sleep\", \"1\"], \"cpuMilli\": 1, \"memoryMib\": 1}");
        if (response.status() == 201) {
          acknowledged.add(response.json().get("id").asText());
          enoughAcks.countDown();
        }
      } catch (RuntimeException e) {
        // the server died under this request: it was never acknowledged
        return;
      }
    }
  }

  private Process startChild() throws Exception {
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
        dataDir.toString(), "0", "4"))
        .redirectErrorStream(true)
        .start();
  }

  private static String awaitReady(Process child) throws Exception {
    var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    var ready = new java.util.concurrent.CompletableFuture<String>();
    Thread.ofVirtual().start(() -> {
      try {
        for (String line; (line = reader.readLine()) != null; ) {
          if (line.startsWith("READY ")) ready.complete(line.substring(6));
        }
        ready.completeExceptionally(new IllegalStateException("the server exited before it was ready"));
      } catch (java.io.IOException e) {
        ready.completeExceptionally(e);
      }
    });
    return ready.get(60, TimeUnit.SECONDS);
  }
}
