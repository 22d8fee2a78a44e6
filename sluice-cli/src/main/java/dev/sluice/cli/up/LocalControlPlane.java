package dev.sluice.cli.up;

import dev.sluice.cli.UserInputException;
import dev.sluice.core.spi.GpuInventory;
import dev.sluice.local.gpu.GpuInventories;
import dev.sluice.local.fabric.HostNics;
import dev.sluice.local.fabric.SysfsNics;
import dev.sluice.local.gpu.SimulatedGpus;
import dev.sluice.local.process.JobSandbox;
import dev.sluice.local.process.ProcessLauncher;
import dev.sluice.local.process.SandboxMode;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import dev.sluice.server.control.CrashWindows;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * The control plane on this machine, wired by constructors: this host's GPUs (found, or declared with
 * {@code --simulate-gpus}) and NICs (found in {@code /sys}), the process launcher, and the server with its store,
 * API and dashboard.
 */
public final class LocalControlPlane implements AutoCloseable {
  /** The system property that makes the control loop halt in a crash window ({@link CrashWindows}); tests only. */
  public static final String HALT_AT = "sluice.test.halt-at";
  private final SluiceServer server;
  private final ProcessLauncher launcher;
  private final GpuInventory inventory;
  private final HostNics nics;
  private final Path dataDir;

  private LocalControlPlane(SluiceServer server, ProcessLauncher launcher, GpuInventory inventory, HostNics nics,
                            Path dataDir) {
    this.server = server;
    this.launcher = launcher;
    this.inventory = inventory;
    this.nics = nics;
    this.dataDir = dataDir;
  }

  /** Finds (or declares) the GPUs and starts the server; {@code fallbackSpec} applies when none were found. */
  public static LocalControlPlane start(UpOptions options, Optional<String> fallbackSpec)
      throws UserInputException, InterruptedException {
    var inventory = inventory(options, fallbackSpec);
    var nics = SysfsNics.read(Path.of("/sys"));
    var dataDir = options.data().toAbsolutePath().normalize();
    createDataDirectory(dataDir);
    var config = config(options, dataDir);
    // jobs must not see admin.token, the database, other jobs' output and run directories, nor the CLI's token
    var hidden = List.of(dataDir, Path.of(System.getProperty("user.home"), ".sluice"));
    var launcher = ProcessLauncher.createSandboxed(dataDir.resolve("runs"), inventory, sandbox(options, hidden));
    try {
      var server = SluiceServer.start(config, inventory, nics.nics(), launcher, InstantSource.system());
      return new LocalControlPlane(server, launcher, inventory, nics, dataDir);
    } catch (RuntimeException e) {
      launcher.close();
      if (cause(e, BindException.class).isPresent()) {
        throw new UserInputException("--port: port " + options.port() + " on 127.0.0.1 is in use (is Sluice already up? "
            + "else pass --port)");
      }
      var database = cause(e, SQLException.class);
      if (database.isPresent() && String.valueOf(database.get().getMessage()).contains("already in use")) {
        throw new UserInputException("--data: " + dataDir + " is in use by another sluice up (stop it, or pass another --data)");
      }
      if (database.isPresent()) {
        throw new UserInputException((options.db() == null ? "--data" : "--db") + ": cannot open the database: "
            + database.get().getMessage().lines().findFirst().orElse(""));
      }
      throw e;
    }
  }

  /**
   * Makes the data directory owner-only if it is missing, before the sandbox is probed (the sandbox hides it, so it
   * must exist): one that cannot be made is one clear line naming {@code --data}.
   */
  private static void createDataDirectory(Path dataDir) throws UserInputException {
    if (Files.isDirectory(dataDir)) return;
    try {
      Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      String why = switch (e) {
        case AccessDeniedException denied -> "permission denied at " + denied.getFile();
        case FileSystemException other when other.getReason() != null -> other.getReason() + " (" + other.getFile() + ")";
        default -> String.valueOf(e.getMessage());
      };
      throw new UserInputException("--data: cannot create " + dataDir + ": " + why);
    }
  }

  /** The sandbox {@code --sandbox} names; a clear error when that one cannot work on this host. */
  private static JobSandbox sandbox(UpOptions options, List<Path> hidden) throws UserInputException {
    SandboxMode mode;
    try {
      mode = SandboxMode.parse(options.sandbox());
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--sandbox: " + e.getMessage());
    }
    return JobSandbox.choose(mode, System.getenv("PATH"), hidden).orElseThrow(() -> new UserInputException("--sandbox: "
        + mode.label() + " does not work on this host: " + JobSandbox.lacking(mode, System.getenv("PATH")) + " (--sandbox auto"
        + " takes the best that works)"));
  }

  private static GpuInventory inventory(UpOptions options, Optional<String> fallbackSpec)
      throws UserInputException, InterruptedException {
    try {
      var chosen = GpuInventories.choose(Optional.ofNullable(options.simulateGpus()));
      if (chosen.gpus().isEmpty() && fallbackSpec.isPresent()) return SimulatedGpus.parse(fallbackSpec.get());
      return chosen;
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--simulate-gpus: " + e.getMessage());
    }
  }

  private static ServerConfig config(UpOptions options, Path dataDir) throws UserInputException {
    try {
      var config = ServerConfig.defaults(dataDir).withPort(options.port());
      var haltAt = System.getProperty(HALT_AT);
      if (haltAt != null) config = config.withCrashes(CrashWindows.haltAt(haltAt)); // tests of crash recovery only
      if (options.db() != null) {
        config = config.withDatabase(options.db(), System.getenv("SLUICE_DB_USER"), System.getenv("SLUICE_DB_PASSWORD"));
      }
      return config;
    } catch (IllegalArgumentException e) {
      var option = e.getMessage().startsWith("port") ? "--port" : e.getMessage().startsWith("db") ? "--db"
          : e.getMessage().contains("halt-at") || e.getMessage().contains("crash window") ? "-D" + HALT_AT : "sluice up";
      throw new UserInputException(option + ": " + e.getMessage());
    }
  }

  private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
    for (var cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) return Optional.of(type.cast(cause));
    }
    return Optional.empty();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    return server.url();
  }

  public Path adminTokenFile() {
    return server.adminTokenFile();
  }

  public GpuInventory inventory() {
    return inventory;
  }

  /** The NICs jobs may ask bandwidth of, and those left out with why. */
  public HostNics nics() {
    return nics;
  }

  /** How jobs are kept from Sluice and each other. */
  public String sandbox() {
    return launcher.sandbox().describe();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server and the launcher; jobs still running keep running and are adopted by the next start. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      launcher.close();
    }
  }
}
