package dev.sluice.local.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the program a command names the way {@code execvp} will: a name with a slash as a path, else on the PATH. */
final class ProgramLookup {
  private ProgramLookup() {
  }

  /**
   * The executable file {@code program} names, looked up in {@code path} (the job's PATH; an empty entry is the
   * working directory) unless it contains a slash, relative paths against {@code workDir}.
   */
  static Optional<Path> find(String program, String path, Path workDir) {
    if (program.isEmpty()) return Optional.empty();
    try {
      if (program.contains("/")) return executable(workDir.resolve(program));
      if (path == null) return Optional.empty();
      for (String entry : path.split(File.pathSeparator, -1)) {
        Optional<Path> found = executable((entry.isEmpty() ? workDir : workDir.resolve(entry)).resolve(program));
        if (found.isPresent()) return found;
      }
      return Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** {@code path} (may be null) with the system's program directories after it, where util-linux and coreutils live. */
  static String withSystemDirectories(String path) {
    return Stream.of(path, "/usr/bin", "/bin", "/usr/sbin", "/sbin").filter(Objects::nonNull)
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static Optional<Path> executable(Path candidate) {
    return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
  }
}
