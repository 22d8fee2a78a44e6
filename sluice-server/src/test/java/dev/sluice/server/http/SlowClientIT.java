package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.ApiClient;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client with a valid token that trickles its request body is cut off within seconds and stores nothing. */
class SlowClientIT {
  private static final Duration CUT_OFF_WITHIN = Duration.ofSeconds(25);
  @TempDir
  Path dataDir;
  private SluiceServer server;
  private String token;

  @BeforeEach
  void start() throws Exception {
    server = SluiceServer.start(ServerConfig.defaults(dataDir).withPort(0).withHostResources(8000, 32_000),
        FixedInventory.simulated(1), new FakeLauncher());
    token = Files.readString(server.adminTokenFile()).trim();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aBodyTrickledAByteAtATimeIsCutOff() throws Exception {
    var url = URI.create(server.url());
    var started = Instant.now();
    try (var socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout((int) CUT_OFF_WITHIN.toMillis());
      var out = socket.getOutputStream();
      out.write(("POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      var answer = trickleUntilCutOff(socket, out);
      if (!answer.isEmpty()) assertThat(answer).startsWith("HTTP/1.1 408 ");
    }
    assertThat(Duration.between(started, Instant.now())).isLessThan(CUT_OFF_WITHIN);
    var admin = new ApiClient(server.url(), token);
    assertThat(admin.get("/api/v1/jobs").json().get("items")).isEmpty();
  }

  /** Sends a space every second; returns what the server answered (empty when it just closed the connection). */
  private static String trickleUntilCutOff(Socket socket, OutputStream out) throws InterruptedException, IOException {
    var deadline = Instant.now().plus(CUT_OFF_WITHIN);
    var in = socket.getInputStream();
    while (Instant.now().isBefore(deadline)) {
      if (in.available() > 0) return new String(in.readNBytes(in.available()), StandardCharsets.US_ASCII);
      try {
        out.write(' ');
        out.flush();
      } catch (IOException closed) {
        return "";
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("the server still reads a body trickled for " + CUT_OFF_WITHIN);
  }
}
