package dev.sluice.cli.up;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of {@code sluice up} and {@code sluice demo}. */
public final class UpOptions {
  @Option(names = "--data", paramLabel = "DIR", defaultValue = "sluice-data",
      description = "Data directory: embedded database, admin.token, the jobs' output (default ./${DEFAULT-VALUE}).")
  Path data = Path.of("sluice-data");

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "HTTP port for the API and the dashboard, on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 8080;

  @Option(names = "--simulate-gpus", paramLabel = "SPEC",
      description = "Declare GPUs instead of finding them, for a demo on a machine without any, "
          + "e.g. 2xH100-80GB or 1xA100-40GB,1xT4-16GB. Jobs run as real processes; the GPUs are pretend.")
  String simulateGpus;

  @Option(names = "--db", paramLabel = "JDBC_URL",
      description = "Database (default: the embedded H2 file in --data), e.g. jdbc:postgresql://db/sluice; "
          + "user and password from $SLUICE_DB_USER and $SLUICE_DB_PASSWORD.")
  String db;

  @Option(names = "--sandbox", paramLabel = "MODE", defaultValue = "auto",
      description = "How jobs are kept from Sluice and each other: auto (the first that works of bubblewrap and "
          + "namespaces, else none), bubblewrap, namespaces (util-linux unshare) or none (default ${DEFAULT-VALUE}).")
  String sandbox = "auto";

  public UpOptions() {
  }

  /** Options as a test or {@code demo} sets them. */
  public UpOptions(Path data, int port, String simulateGpus, String db) {
    this.data = data;
    this.port = port;
    this.simulateGpus = simulateGpus;
    this.db = db;
  }

  public Path data() {
    return data;
  }

  public int port() {
    return port;
  }

  public String simulateGpus() {
    return simulateGpus;
  }

  public String db() {
    return db;
  }

  /** The {@code --sandbox} mode as typed; {@code sluice up} checks it. */
  public String sandbox() {
    return sandbox;
  }
}
