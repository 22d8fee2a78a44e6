package dev.sluice.server.bench;

import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import java.nio.file.Path;

/**
 * The control plane the API benchmark measures, in a JVM of its own so that its resident memory is its own: the
 * embedded database in {@code DATA_DIR}, eight simulated GPUs and a launcher that starts nothing. Prints
 * {@code READY <url>} once it serves, and stops when its standard input closes (the benchmark has ended or died).
 * Arguments: {@code DATA_DIR SCHEDULER}.
 */
public final class BenchServer {
  static final int GPUS = 8;

  private BenchServer() {
  }

  public static void main(String[] args) throws Exception {
    var config = ServerConfig.defaults(Path.of(args[0])).withPort(0).withHostResources(1_000_000, 10_000_000)
        .withScheduler(args[1]);
    try (var server = SluiceServer.start(config, new BenchGpus(GPUS), new IdleLauncher())) {
      System.out.println("READY " + server.url());
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
