package dev.sluice.local.process;

import dev.sluice.core.spi.LaunchException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What keeps a job away from Sluice and from other jobs ({@link SandboxMode}). In a sandbox, made by bubblewrap
 * ({@link Bubblewrap}) or, where that is missing, by util-linux's {@code unshare} ({@link Namespaces}), each job sees
 * the file system as its user may, read-only but for its work directory and a private {@code /tmp} and
 * {@code /dev/shm}, except the hidden directories (the data directory: {@code admin.token}, the database, every
 * job's output and run directory), which are empty to it ({@link SandboxLayout}); and it runs in a PID namespace of
 * its own, so it can neither see nor signal any process outside its job (nor read their command lines), and every
 * process it leaves ends with it. Without one, nothing: jobs run as the control plane's OS user.
 *
 * <p>A job never runs as root in the sandbox: root could unmount what hides the data directory. When the
 * control plane runs as root, each job gives up root inside the sandbox before it starts ({@code setpriv}, from
 * util-linux): it runs as {@code nobody} ({@value #NOBODY}), with no capabilities, none to regain
 * ({@code --no-new-privs}) and no supplementary groups.
 *
 * <p>The job's process group is the sandbox program's: the launcher's signals reach it and everything it starts.
 *
 * @param isolation the program that makes the sandbox, or empty for none
 * @param hidden    directories no job may see
 * @param setpriv   {@code setpriv}, to drop root inside the sandbox; empty when the control plane is not root
 * @param neverRoot whether a launcher running as root must refuse to start a job as root (when {@code setpriv} is missing)
 */
public record JobSandbox(Optional<Isolation> isolation, List<Path> hidden, Optional<Path> setpriv, boolean neverRoot) {
  /** The uid and gid of Debian's {@code nobody} and {@code nogroup}, what a job of a root control plane runs as. */
  public static final int NOBODY = 65534;

  public JobSandbox {
    Objects.requireNonNull(isolation, "isolation");
    Objects.requireNonNull(setpriv, "setpriv");
    hidden = hidden.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** No sandbox: jobs run as the control plane's OS user and can read what it can. */
  public static JobSandbox none() {
    return new JobSandbox(Optional.empty(), List.of(), Optional.empty(), false);
  }

  /**
   * The sandbox {@code mode} names, hiding {@code hidden}, with {@code setpriv} when this process runs as root;
   * each candidate is tried once ({@link SandboxProbe}). Empty when the mode named cannot work on this host;
   * {@link SandboxMode#AUTO} takes bubblewrap, else namespaces, else none, and is never empty.
   */
  public static Optional<JobSandbox> choose(SandboxMode mode, String searchPath, List<Path> hidden) {
    String path = ProgramLookup.withSystemDirectories(searchPath);
    boolean root = runsAsRoot();
    var setpriv = ProgramLookup.find("setpriv", path, Path.of("/"));
    if (root && setpriv.isEmpty()) {
      return mode == SandboxMode.AUTO || mode == SandboxMode.NONE
          ? Optional.of(new JobSandbox(Optional.empty(), List.of(), Optional.empty(), true)) : Optional.empty();
    }
    var rootDrop = root ? setpriv : Optional.<Path>empty();
    var unsandboxed = new JobSandbox(Optional.empty(), List.of(), rootDrop, root);
    if (mode == SandboxMode.NONE) return Optional.of(unsandboxed);
    return candidates(mode, path, setpriv, root).stream()
        .map(isolation -> new JobSandbox(Optional.of(isolation), hidden, rootDrop, root))
        .filter(SandboxProbe::works).findFirst()
        .or(() -> mode == SandboxMode.AUTO ? Optional.of(unsandboxed) : Optional.empty());
  }

  /**
   * What keeps {@code mode} from working on this host, for the line that says it cannot: setpriv where this
   * process runs as root without it (no sandbox starts a job then), else what the mode needs.
   */
  public static String lacking(SandboxMode mode, String searchPath) {
    boolean noSetpriv = ProgramLookup.find("setpriv", ProgramLookup.withSystemDirectories(searchPath), Path.of("/")).isEmpty();
    if (runsAsRoot() && noSetpriv) {
      return "Sluice runs as root and util-linux's setpriv, which drops root before a job starts, is not installed";
    }
    return mode.needs();
  }

  /** The sandboxes {@code mode} allows whose programs are installed, best first. */
  private static List<Isolation> candidates(SandboxMode mode, String path, Optional<Path> setpriv, boolean root) {
    var found = new ArrayList<Isolation>();
    if (mode != SandboxMode.NAMESPACES) {
      ProgramLookup.find("bwrap", path, Path.of("/")).ifPresent(bwrap -> found.add(new Bubblewrap(bwrap)));
    }
    if (mode != SandboxMode.BUBBLEWRAP && setpriv.isPresent()) {
      ProgramLookup.find("unshare", path, Path.of("/"))
          .ifPresent(unshare -> found.add(new Namespaces(unshare, setpriv.get(), !root)));
    }
    return found;
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
    return isolation.isPresent();
  }

  /** Which sandbox jobs run in: {@link SandboxMode#BUBBLEWRAP}, {@link SandboxMode#NAMESPACES} or {@link SandboxMode#NONE}. */
  public SandboxMode mode() {
    return isolation.map(Isolation::mode).orElse(SandboxMode.NONE);
  }

  /** One line for people: the mode, and what a job can reach. */
  public String describe() {
    if (!isOn() && neverRoot && setpriv.isEmpty()) {
      return "none: jobs cannot start, as they would run as root: install util-linux's setpriv, which both sandboxes"
          + " need to drop root (bubblewrap alone is not enough)";
    }
    if (!isOn() && setpriv.isPresent()) {
      return "none: jobs run as nobody (not root) but can see other processes (install bubblewrap, or util-linux's"
          + " unshare, to hide them and the data directory)";
    }
    if (!isOn()) {
      return "none: jobs run as this OS user and can read the data directory (install bubblewrap to hide it, or let"
          + " this user make user namespaces)";
    }
    return mode().label() + ": jobs cannot see " + hidden + " or any process outside their own job"
        + (setpriv.isPresent() ? "; they run as nobody, not root" : "");
  }

  /**
   * The command that runs {@code command} in {@code workDir} inside the sandbox as {@code account} (empty: as
   * the launcher's own account, or nobody where that is root).
   */
  List<String> wrap(List<String> command, Path workDir, String job, Optional<List<String>> account) throws LaunchException {
    var drop = account.or(() -> setpriv.map(program -> UnixAccount.nobody().switchTo(program)));
    if (isolation.isEmpty()) {
      var plain = new ArrayList<>(drop.orElse(List.of()));
      plain.addAll(command);
      return plain;
    }
    var dir = workDir.toAbsolutePath().normalize();
    checkWorkDir(dir, job);
    createHiddenDirectories(job);
    return isolation.get().confine(new SandboxLayout(dir, hidden, WorkDirectoryRule.readOnlyForJobs()), drop, command);
  }

  /**
   * Why a job could not work in {@code workDir} here ({@link WorkDirectoryRule}); empty when it could, and always
   * empty without a sandbox, where a job reaches what its user may anyway.
   */
  public Optional<String> workDirRefusal(Path workDir) {
    return isOn() ? WorkDirectoryRule.forThisServer(hidden).refusal(workDir) : Optional.empty();
  }

  /**
   * Refuses a work directory the {@link WorkDirectoryRule} refuses, as written and as its nearest existing ancestor
   * really is (links followed); called before the directory is created, so a refused one leaves nothing behind.
   */
  void checkWorkDir(Path workDir, String job) throws LaunchException {
    var refusal = workDirRefusal(workDir);
    if (refusal.isPresent()) throw new LaunchException(job + ": " + refusal.get());
  }

  /**
   * Makes each hidden directory that is missing, owner-only ({@code 0700}), so that the sandbox hides it: one made
   * later, while the job runs, would be under the job's eyes. One that cannot be made fails the launch.
   */
  private void createHiddenDirectories(String job) throws LaunchException {
    for (var dir : hidden) {
      if (Files.isDirectory(dir)) continue;
      try {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(dir)) throw new LaunchException(job + ": " + dir + " must be a directory to be hidden from jobs");
      } catch (IOException e) {
        throw new LaunchException(job + ": cannot make " + dir + ", which jobs must not see: " + e.getMessage(), e);
      }
    }
  }
}
