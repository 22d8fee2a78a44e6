package dev.sluice.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs a control plane with a {@link FakeLauncher} and simulated GPUs, for the crash test and by hand:
 * {@code ServerMain DATA_DIR PORT [GPUS]}. Prints {@code READY url} once serving; runs until killed.
 */
public final class ServerMain {
  private ServerMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    var config = ServerConfig.defaults(Path.of(args[0])).withPort(Integer.parseInt(args[1]))
        .withTick(Duration.ofMillis(200)).withHostResources(64_000, 256_000);
    int gpus = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    var server = SluiceServer.start(config, FixedInventory.simulated(gpus), new FakeLauncher());
    System.out.println("READY " + server.url());
    System.out.flush();
    Thread.currentThread().join();
  }
}
