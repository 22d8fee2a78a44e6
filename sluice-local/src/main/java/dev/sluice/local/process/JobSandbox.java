package dev.sluice.local.process;

import dev.sluice.core.spi.LaunchException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What keeps a job away from Sluice and from other jobs. With bubblewrap ({@code bwrap}, Debian package
 * {@code bubblewrap}) each job sees the whole file system as its user may, except the hidden directories (the
 * data directory: {@code admin.token}, the database, every job's output and run directory), which are empty
 * to it, and it runs in a PID namespace of its own, so it can neither see nor signal any process outside its
 * job (nor read their command lines). Without it, nothing: jobs run as the control plane's OS user.
 *
 * <p>The job's process group is bubblewrap's: the launcher's signals reach it and everything it starts.
 *
 * @param bwrap  the bubblewrap program, or empty for no sandbox
 * @param hidden directories no job may see
 */
public record JobSandbox(Optional<Path> bwrap, List<Path> hidden) {
  private static final long PROBE_SECONDS = 10;

  public JobSandbox {
    Objects.requireNonNull(bwrap, "bwrap");
    hidden = hidden.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** No sandbox: jobs run as the control plane's OS user and can read what it can. */
  public static JobSandbox none() {
    return new JobSandbox(Optional.empty(), List.of());
  }

  /**
   * Bubblewrap from {@code searchPath} if it is there and can make namespaces on this host (it is tried once),
   * hiding {@code hidden}; else {@link #none()}.
   */
  public static JobSandbox detect(String searchPath, List<Path> hidden) {
    var bwrap = ProgramLookup.find("bwrap", searchPath, Path.of("/"));
    if (bwrap.isEmpty() || !works(bwrap.get())) return none();
    return new JobSandbox(bwrap, hidden);
  }

  public boolean isOn() {
    return bwrap.isPresent();
  }

  /** One line for people: what a job can reach. */
  public String describe() {
    return isOn() ? "bubblewrap: jobs cannot see " + hidden + " or any process outside their own job"
        : "none: jobs run as this OS user and can read the data directory (install bubblewrap to hide it)";
  }

  /** The command that runs {@code command} in {@code workDir} inside the sandbox (as it is, without one). */
  List<String> wrap(List<String> command, Path workDir, String job) throws LaunchException {
    if (bwrap.isEmpty()) return command;
    var dir = workDir.toAbsolutePath().normalize();
    for (var path : hidden) {
      if (dir.startsWith(path)) {
        throw new LaunchException(job + ": work directory " + dir + " is inside " + path + ", which jobs cannot see");
      }
    }
    var wrapped = new ArrayList<>(List.of(bwrap.get().toString(), "--bind", "/", "/", "--dev-bind", "/dev", "/dev",
        "--proc", "/proc", "--unshare-pid", "--die-with-parent"));
    for (var path : hidden) {
      if (Files.isDirectory(path)) wrapped.addAll(List.of("--tmpfs", path.toString()));
    }
    wrapped.addAll(List.of("--chdir", dir.toString(), "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static boolean works(Path bwrap) {
    try {
      var probe = new ProcessBuilder(bwrap.toString(), "--bind", "/", "/", "--dev-bind", "/dev", "/dev", "--proc", "/proc",
          "--unshare-pid", "--die-with-parent", "true")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!probe.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return false;
      }
      return probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
