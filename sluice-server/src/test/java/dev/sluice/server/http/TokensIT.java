package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.ApiClient;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.MutableClock;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens over real HTTP: an admin creates them, with an expiry if asked; their user lists and revokes them;
 * a revoked or expired token is refused on the very next request; a new {@code admin.token} revokes the old.
 */
class TokensIT {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  @TempDir
  Path dataDir;
  private final MutableClock clock = new MutableClock(T0);
  private SluiceServer server;
  private ApiClient admin;

  @BeforeEach
  void start() throws Exception {
    server = startServer();
    admin = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
    assertThat(admin.post("/api/v1/users", "{\"name\": \"bob\", \"role\": \"member\", \"queues\": [\"default\"]}").status()).isEqualTo(201);
    assertThat(admin.post("/api/v1/users", "{\"name\": \"carol\", \"role\": \"viewer\", \"queues\": [\"default\"]}").status()).isEqualTo(201);
  }

  private SluiceServer startServer() {
    var config = ServerConfig.defaults(dataDir).withPort(0).withHostResources(8000, 32_000);
    return SluiceServer.start(config, FixedInventory.simulated(1), new FakeLauncher(), clock);
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private ApiClient.Response create(String user, String body) {
    return admin.post("/api/v1/users/" + user + "/tokens", body);
  }

  @Test
  void aUserRevokesTheirOwnTokenAndItIsRefusedOnTheNextRequest() {
    var created = create("bob", "{\"description\": \"laptop\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    var id = created.json().get("id").asText();
    assertThat(created.header("Location")).isEqualTo("/api/v1/users/bob/tokens/" + id);
    assertThat(created.json().get("state").asText()).isEqualTo("active");
    assertThat(created.json().get("expiresAt").isNull()).isTrue();
    var bob = admin.as(created.json().get("token").asText());
    assertThat(bob.get("/api/v1/whoami").json().get("name").asText()).isEqualTo("bob");

    var listed = bob.get("/api/v1/users/bob/tokens");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json()).hasSize(1);
    assertThat(listed.json().get(0).get("description").asText()).isEqualTo("laptop");
    assertThat(listed.json().get(0).has("token")).as("the secret is shown only once").isFalse();

    var revoked = bob.delete("/api/v1/users/bob/tokens/" + id);
    assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
    assertThat(revoked.json().get("state").asText()).isEqualTo("revoked");
    assertThat(revoked.json().get("revokedAt").asText()).isEqualTo(T0.toString());
    ApiIT.assertProblem(bob.get("/api/v1/whoami"), 401, "unauthenticated", null);
    assertThat(admin.get("/api/v1/users/bob/tokens").json().get(0).get("state").asText()).isEqualTo("revoked");
  }

  @Test
  void anAdminRevokesAnyonesTokenAndOthersTouchOnlyTheirOwn() {
    var bob = admin.as(create("bob", "").json().get("token").asText());
    var carolsToken = create("carol", "");
    var carol = admin.as(carolsToken.json().get("token").asText());
    var carolsPath = "/api/v1/users/carol/tokens/" + carolsToken.json().get("id").asText();

    ApiIT.assertProblem(bob.get("/api/v1/users/carol/tokens"), 403, "forbidden", null);
    ApiIT.assertProblem(bob.delete(carolsPath), 403, "forbidden", null);
    ApiIT.assertProblem(bob.post("/api/v1/users/bob/tokens", ""), 403, "forbidden", null);
    ApiIT.assertProblem(bob.delete("/api/v1/users/bob/tokens/" + carolsToken.json().get("id").asText()), 404, "not-found", null);
    assertThat(carol.get("/api/v1/whoami").status()).isEqualTo(200);

    assertThat(admin.delete(carolsPath).status()).isEqualTo(200);
    ApiIT.assertProblem(carol.get("/api/v1/jobs"), 401, "unauthenticated", null);
    assertThat(bob.get("/api/v1/whoami").status()).isEqualTo(200);
    ApiIT.assertProblem(admin.delete("/api/v1/users/carol/tokens/abc"), 404, "not-found", null);
    ApiIT.assertProblem(admin.delete("/api/v1/users/ghost/tokens/1"), 404, "not-found", null);
    ApiIT.assertProblem(admin.get("/api/v1/users/ghost/tokens"), 404, "not-found", null);
  }

  @Test
  void aTokenIsRefusedFromTheMomentItExpires() {
    var created = create("bob", "{\"expiresInSeconds\": 3600}");
    assertThat(created.json().get("expiresAt").asText()).isEqualTo(T0.plusSeconds(3600).toString());
    var bob = admin.as(created.json().get("token").asText());
    clock.advance(Duration.ofSeconds(3599));
    assertThat(bob.get("/api/v1/whoami").status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    ApiIT.assertProblem(bob.get("/api/v1/whoami"), 401, "unauthenticated", null);
    assertThat(admin.get("/api/v1/users/bob/tokens").json().get(0).get("state").asText()).isEqualTo("expired");
  }

  @Test
  void badTokenRequestsAreRefusedNamingTheField() {
    ApiIT.assertProblem(create("bob", "{\"expiresInSeconds\": 0}"), 422, "invalid-field", "expiresInSeconds");
    ApiIT.assertProblem(create("bob", "{\"expiresInSeconds\": \"1h\"}"), 422, "invalid-field", "expiresInSeconds");
    ApiIT.assertProblem(create("bob", "{\"description\": \"" + "x".repeat(201) + "\"}"), 422, "invalid-field", "description");
    ApiIT.assertProblem(create("bob", "{\"description\": \"a\\u001b[2Jb\"}"), 422, "invalid-field", "description");
    ApiIT.assertProblem(create("bob", "{\"lifetime\": 5}"), 422, "invalid-field", "lifetime");
    ApiIT.assertProblem(create("bob", "{\"description\": "), 400, "bad-json", null);
    ApiIT.assertProblem(create("ghost", ""), 404, "not-found", null);
    assertThat(admin.get("/api/v1/users/bob/tokens").json()).isEmpty();
  }

  @Test
  void aNewAdminTokenFileRevokesTheOldOne() throws Exception {
    var firstToken = Files.readString(server.adminTokenFile()).trim();
    var ciToken = create("admin", "{\"description\": \"ci\"}").json().get("token").asText();
    server.close();
    Files.delete(dataDir.resolve("admin.token"));
    server = startServer();
    var secondToken = Files.readString(server.adminTokenFile()).trim();
    assertThat(secondToken).isNotEqualTo(firstToken);
    var renewed = new ApiClient(server.url(), secondToken);
    assertThat(renewed.get("/api/v1/whoami").json().get("name").asText()).isEqualTo("admin");
    ApiIT.assertProblem(renewed.as(firstToken).get("/api/v1/whoami"), 401, "unauthenticated", null);
    assertThat(renewed.as(ciToken).get("/api/v1/whoami").status()).as("a token made through the API stays").isEqualTo(200);
  }

  @Test
  void anAdminTokenFileWhoseTokenWasRevokedIsWrittenAgainAtTheNextStart() throws Exception {
    var fileToken = admin.get("/api/v1/users/admin/tokens").json().get(0);
    assertThat(fileToken.get("origin").asText()).isEqualTo("admin-file");
    assertThat(admin.delete("/api/v1/users/admin/tokens/" + fileToken.get("id").asText()).status()).isEqualTo(200);
    ApiIT.assertProblem(admin.get("/api/v1/whoami"), 401, "unauthenticated", null);
    server.close();
    server = startServer();
    var renewed = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
    assertThat(renewed.get("/api/v1/whoami").status()).isEqualTo(200);
    assertThat(Files.getPosixFilePermissions(server.adminTokenFile()))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void theTokenInAdminTokenIsTheAdminFilesOneAtEveryStartWhateverAnUpgradeGuessed() throws Exception {
    var firstToken = Files.readString(server.adminTokenFile()).trim();
    var other = create("admin", "{\"description\": \"kept in the file by hand\"}").json().get("token").asText();
    server.close();
    Files.writeString(dataDir.resolve("admin.token"), other + "\n");
    server = startServer();
    var client = new ApiClient(server.url(), other);
    ApiIT.assertProblem(client.as(firstToken).get("/api/v1/whoami"), 401, "unauthenticated", null);
    var fileTokens = new java.util.ArrayList<String>();
    client.get("/api/v1/users/admin/tokens").json().forEach(t -> {
      if (t.get("revokedAt") == null || t.get("revokedAt").isNull()) fileTokens.add(t.get("origin").asText() + ":" + t.get("description").asText());
    });
    assertThat(fileTokens).containsExactly("admin-file:admin.token");
  }
}
