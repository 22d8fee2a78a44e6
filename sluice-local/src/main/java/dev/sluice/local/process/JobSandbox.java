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
 * <p>A job never runs as root in the sandbox: root could unmount what hides the data directory. When the
 * control plane runs as root, each job gives up root inside the sandbox before it starts ({@code setpriv}, from
 * util-linux): it runs as {@code nobody} ({@value #NOBODY}), with no capabilities, none to regain
 * ({@code --no-new-privs}) and no supplementary groups.
 *
 * <p>The job's process group is bubblewrap's: the launcher's signals reach it and everything it starts.
 *
 * @param bwrap   the bubblewrap program, or empty for no sandbox
 * @param hidden  directories no job may see
 * @param setpriv {@code setpriv}, to drop root inside the sandbox; empty when the control plane is not root
 * @param neverRoot whether a launcher running as root must refuse to start a job as root (when {@code setpriv} is missing)
 */
public record JobSandbox(Optional<Path> bwrap, List<Path> hidden, Optional<Path> setpriv, boolean neverRoot) {
  /** The uid and gid of Debian's {@code nobody} and {@code nogroup}, what a job of a root control plane runs as. */
  public static final int NOBODY = 65534;
  private static final long PROBE_SECONDS = 10;

  public JobSandbox {
    Objects.requireNonNull(bwrap, "bwrap");
    Objects.requireNonNull(setpriv, "setpriv");
    hidden = hidden.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** No sandbox: jobs run as the control plane's OS user and can read what it can. */
  public static JobSandbox none() {
    return new JobSandbox(Optional.empty(), List.of(), Optional.empty(), false);
  }

  /**
   * Bubblewrap from {@code searchPath} if it is there and can make namespaces on this host (it is tried once),
   * hiding {@code hidden}, with {@code setpriv} when this process runs as root; else {@link #none()}.
   */
  public static JobSandbox detect(String searchPath, List<Path> hidden) {
    var bwrap = ProgramLookup.find("bwrap", searchPath, Path.of("/"));
    boolean sandboxed = bwrap.isPresent() && works(bwrap.get());
    if (!runsAsRoot()) return sandboxed ? new JobSandbox(bwrap, hidden, Optional.empty(), false) : none();
    var setpriv = ProgramLookup.find("setpriv", searchPath, Path.of("/"));
    if (setpriv.isEmpty()) return new JobSandbox(Optional.empty(), List.of(), Optional.empty(), true);
    return new JobSandbox(sandboxed ? bwrap : Optional.empty(), sandboxed ? hidden : List.of(), setpriv, true);
  }

  /** Whether this process's real user is root (its /proc status says so). */
  static boolean runsAsRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
    } catch (IOException e) {
      return false;
    }
  }

  public boolean isOn() {
    return bwrap.isPresent();
  }

  /** One line for people: what a job can reach. */
  public String describe() {
    if (!isOn() && setpriv.isPresent()) {
      return "none: jobs run as nobody (not root) but can see other processes (install bubblewrap to hide them and the data directory)";
    }
    if (!isOn()) return "none: jobs run as this OS user and can read the data directory (install bubblewrap to hide it)";
    return "bubblewrap: jobs cannot see " + hidden + " or any process outside their own job"
        + (setpriv.isPresent() ? "; they run as nobody, not root" : "");
  }

  /**
   * The command that runs {@code command} in {@code workDir} inside the sandbox as {@code account} (empty: as
   * the launcher's own account, or nobody where that is root and there is a sandbox).
   */
  List<String> wrap(List<String> command, Path workDir, String job, Optional<List<String>> account) throws LaunchException {
    if (bwrap.isEmpty()) {
      var plain = new ArrayList<String>(account.or(() -> setpriv.map(program -> UnixAccount.nobody().switchTo(program))).orElse(List.of()));
      plain.addAll(command);
      return plain;
    }
    var dir = workDir.toAbsolutePath().normalize();
    checkWorkDir(dir, job);
    var wrapped = new ArrayList<>(List.of(bwrap.get().toString(), "--ro-bind", "/", "/", "--dev-bind", "/dev", "/dev",
        "--perms", "1777", "--tmpfs", "/dev/shm", "--proc", "/proc", "--perms", "1777", "--tmpfs", "/tmp", "--bind", dir.toString(), dir.toString(),
        "--unshare-pid", "--die-with-parent"));
    for (var path : hidden) {
      if (Files.isDirectory(path)) wrapped.addAll(List.of("--tmpfs", path.toString()));
    }
    wrapped.addAll(List.of("--chdir", dir.toString(), "--"));
    if (account.isPresent()) wrapped.addAll(account.get());
    else setpriv.ifPresent(program -> wrapped.addAll(UnixAccount.nobody().switchTo(program)));
    wrapped.addAll(command);
    return wrapped;
  }

  /**
   * Refuses a work directory inside what jobs cannot see, as written and as its nearest existing ancestor really
   * is (links followed); called before the directory is created, so a refused one leaves nothing behind.
   */
  void checkWorkDir(Path workDir, String job) throws LaunchException {
    var dir = workDir.toAbsolutePath().normalize();
    var real = dir;
    try {
      var existing = dir;
      while (existing != null && !Files.exists(existing)) existing = existing.getParent();
      if (existing != null) real = existing.toRealPath().resolve(existing.relativize(dir));
    } catch (IOException e) {
      real = dir;
    }
    for (var path : hidden) {
      if (dir.startsWith(path) || real.startsWith(path)) {
        throw new LaunchException(job + ": work directory " + dir + " is inside " + path + ", which jobs cannot see");
      }
    }
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
