package dev.sluice.local.process;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sandboxed job sees of the file system, whichever program builds it: everything read-only except its work
 * directory, a {@code /tmp} and {@code /dev/shm} of its own ({@link #PRIVATE}), {@code /dev} as it is, a fresh
 * {@code /proc} of its own PID namespace, and the hidden directories empty.
 *
 * <p>Both programs mount the work directory right after the read-only root, and everything else after it, each
 * mount over the earlier ones: {@code /dev}, {@code /proc}, the private directories (binding the work directory
 * back where one of them covers it) and the hidden directories (bubblewrap hides them last, as it binds the work
 * directory back from the host; {@link Namespaces} hides them right after the work directory, and its bind back
 * copies them). So a work directory can never cover what is mounted after it: one that holds the data directory or
 * {@code /tmp} still finds them hidden or private ({@link WorkDirectoryRule} refuses the work directories that
 * would matter).
 *
 * @param workDir the job's work directory, absolute and normalized: the one place it may write to that outlives it
 * @param hidden  directories no job may see; each exists when the job starts ({@link JobSandbox} makes a missing one)
 * @param readOnly directories that stay read-only to the job even where its work directory is or holds them: code
 *                 that runs outside the sandbox, such as the Sluice checkout {@code ./sluice} runs and rebuilds
 */
record SandboxLayout(Path workDir, List<Path> hidden, List<Path> readOnly) {
  /** The directories each job gets empty and writable by all (mode 1777), seen by no other job. */
  static final List<Path> PRIVATE = List.of(Path.of("/tmp"), Path.of("/dev/shm"));
  /** Where POSIX message queues show; each job gets its own (with its own IPC namespace) where the host has it. */
  static final Path MQUEUE = Path.of("/dev/mqueue");

  SandboxLayout {
    if (!workDir.isAbsolute()) throw new IllegalArgumentException("the work directory must be absolute, was " + workDir);
    hidden = List.copyOf(hidden);
    readOnly = List.copyOf(readOnly);
  }

  SandboxLayout(Path workDir, List<Path> hidden) {
    this(workDir, hidden, List.of());
  }

  /**
   * The read-only directories the work directory is or holds, as text for a command line: only those would be
   * writable (everything else is read-only already, or private).
   */
  List<String> readOnlyInWorkDir() {
    return readOnly.stream().filter(dir -> dir.startsWith(workDir)).map(Path::toString).toList();
  }

  /** The hidden directories as text for a command line. */
  List<String> hiddenDirectories() {
    return hidden.stream().map(Path::toString).toList();
  }

  /** Whether a private directory, mounted after the work directory, covers it: it must be bound back. */
  boolean workDirUnderAPrivateDirectory() {
    return PRIVATE.stream().anyMatch(workDir::startsWith);
  }

  /** {@link #PRIVATE} as text for a command line. */
  static List<String> privateDirectories() {
    return PRIVATE.stream().map(Path::toString).toList();
  }
}
