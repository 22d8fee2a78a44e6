package dev.sluice.local.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a sandboxed job sees of the file system, whichever program builds it: everything read-only except its work
 * directory, a {@code /tmp} and {@code /dev/shm} of its own ({@link #PRIVATE}), {@code /dev} as it is, a fresh
 * {@code /proc} of its own PID namespace, and the hidden directories empty.
 *
 * @param workDir the job's work directory, absolute and normalized: the one place it may write to that outlives it
 * @param hidden  directories no job may see
 */
record SandboxLayout(Path workDir, List<Path> hidden) {
  /** The directories each job gets empty and writable by all (mode 1777), seen by no other job. */
  static final List<Path> PRIVATE = List.of(Path.of("/tmp"), Path.of("/dev/shm"));

  SandboxLayout {
    if (!workDir.isAbsolute()) throw new IllegalArgumentException("the work directory must be absolute, was " + workDir);
    hidden = List.copyOf(hidden);
  }

  /** The hidden directories that exist (a missing one has nothing to hide), as text for a command line. */
  List<String> hiddenDirectories() {
    return hidden.stream().filter(Files::isDirectory).map(Path::toString).toList();
  }

  /** {@link #PRIVATE} as text for a command line. */
  static List<String> privateDirectories() {
    return PRIVATE.stream().map(Path::toString).toList();
  }
}
