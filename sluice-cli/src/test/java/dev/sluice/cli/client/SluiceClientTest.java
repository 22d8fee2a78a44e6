package dev.sluice.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the client reads answers, against a fake server on 127.0.0.1 that answers what each test sets. */
class SluiceClientTest {
  private HttpServer fake;
  private volatile int status;
  private volatile String contentType;
  private volatile String body;
  private volatile Map<String, String> headers = Map.of();
  private volatile String authorization;

  @BeforeEach
  void start() throws IOException {
    fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext("/", exchange -> {
      authorization = exchange.getRequestHeaders().getFirst("Authorization");
      var bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", contentType);
      headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (var out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    fake.start();
  }

  @AfterEach
  void stop() {
    fake.stop(0);
  }

  private void answer(int status, String contentType, String body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  private SluiceClient client(Optional<String> token) {
    return new SluiceClient(URI.create("http://127.0.0.1:" + fake.getAddress().getPort()), new TokenSource(token, "$SLUICE_TOKEN"));
  }

  @Test
  void sendsTheTokenAsABearer() throws Exception {
    answer(200, "application/json", "{\"name\":\"admin\"}");
    assertThat(client(Optional.of("s3cret")).get("/api/v1/whoami").path("name").asText()).isEqualTo("admin");
    assertThat(authorization).isEqualTo("Bearer s3cret");
  }

  @Test
  void aProblemNamesItsField() {
    answer(422, "application/problem+json", """
        {"type":"https://sluice.dev/problems/unknown-queue","title":"Unknown queue","status":422,
         "detail":"queue 'nlp' does not exist","field":"queue"}""");
    assertThatThrownBy(() -> client(Optional.of("t")).post("/api/v1/jobs", Map.of()))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("queue: queue 'nlp' does not exist");
          assertThat(e.exitCode()).isEqualTo(ApiException.REFUSED);
          assertThat(e.status()).isEqualTo(422);
        });
  }

  @Test
  void aDetailThatAlreadyNamesItsFieldIsNotPrefixedTwice() {
    answer(422, "application/problem+json", "{\"status\":422,\"detail\":\"gpus: must be >= 0\",\"field\":\"gpus\"}");
    assertThatThrownBy(() -> client(Optional.of("t")).get("/api/v1/jobs")).hasMessage("gpus: must be >= 0");
  }

  @Test
  void anUnacceptedTokenSaysWhereItCameFromAndWhereElseToPutOne() {
    answer(401, "application/problem+json", "{\"status\":401,\"detail\":\"unknown or revoked token\"}");
    assertThatThrownBy(() -> client(Optional.of("old")).get("/api/v1/jobs"))
        .hasMessageContaining("did not accept the token (unknown or revoked token)")
        .hasMessageContaining("token from $SLUICE_TOKEN")
        .hasMessageContaining("--token");
  }

  @Test
  void aServerErrorWithoutJsonIsStillOneLineAndNotTheUsersFault() {
    answer(502, "text/html", "");
    assertThatThrownBy(() -> client(Optional.empty()).get("/api/v1/jobs"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("HTTP 502");
          assertThat(e.exitCode()).isEqualTo(ApiException.UNREACHABLE);
        });
    assertThat(authorization).isNull();
  }

  @Test
  void logsComeWithTheOffsetToAskFromNext() throws Exception {
    answer(200, "text/plain", "step 1\n");
    headers = Map.of("X-Log-Offset", "107");
    var chunk = client(Optional.of("t")).logs("j-000001", "stdout", 100);
    assertThat(new String(chunk.bytes(), StandardCharsets.UTF_8)).isEqualTo("step 1\n");
    assertThat(chunk.nextOffset()).isEqualTo(107);
  }
}
