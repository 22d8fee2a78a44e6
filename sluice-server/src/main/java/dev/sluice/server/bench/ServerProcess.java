package dev.sluice.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@link BenchServer} in a child JVM: its URL, admin token and resident memory. */
record ServerProcess(Process process, String url, String token) implements AutoCloseable {

  /** Starts the server on {@code dataDir} with {@code jvmOptions}; waits (2 minutes at most) until it serves. */
  static ServerProcess start(Path dataDir, String scheduler, List<String> jvmOptions) throws Exception {
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(),
        dataDir.toString(), scheduler));
    var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    var ready = new CompletableFuture<String>();
    Thread.ofVirtual().start(() -> {
      try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          if (line.startsWith("READY ")) ready.complete(line.substring("READY ".length()));
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IllegalStateException("the benchmark's server exited before it served"));
    });
    try {
      var url = ready.get(2, TimeUnit.MINUTES);
      return new ServerProcess(process, url, Files.readString(dataDir.resolve("admin.token")).strip());
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** The server's resident memory now and at its peak, in MiB ({@code VmRSS}, {@code VmHWM}). */
  Resident resident() throws IOException {
    long now = 0;
    long peak = 0;
    for (var line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) now = kib(line);
      if (line.startsWith("VmHWM:")) peak = kib(line);
    }
    return new Resident(now / 1024, peak / 1024);
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  record Resident(long nowMib, long peakMib) {
  }

  /** Closes the server's standard input, which stops it; kills it if it has not stopped after 30 s. */
  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
