package dev.sluice.local.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the launcher keeps about one run, in files that outlive the control plane:
 * {@code wrapper-pid} (the wrapper's pid, written first thing, before it starts anything), {@code job-pgid} (the job's process group, written by the wrapper once the job is forked) and
 * {@code exit-code} (written by the wrapper, atomically, when the job has ended; 128 + n for signal n).
 */
record RunDirectory(Path path) {
  static final String EXIT_CODE = "exit-code";
  static final String JOB_GROUP = "job-pgid";
  static final String WRAPPER_PID = "wrapper-pid";
  static final String REQUESTED_VARIABLES = "job-env";
  private static final int MAX_ATTEMPTS = 100_000;

  /** A new, empty run directory for a job: {@code root/<job id>/<n>}, n counting the job's launches from 1. */
  static RunDirectory createFor(Path root, String jobId) throws IOException {
    Path jobDir = Files.createDirectories(root.resolve(safeName(jobId)));
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        return new RunDirectory(Files.createDirectory(jobDir.resolve(Integer.toString(attempt))));
      } catch (FileAlreadyExistsException e) {
        // an earlier launch of the same job: try the next number
      }
    }
    throw new IOException("job " + jobId + " has been launched " + MAX_ATTEMPTS + " times in " + jobDir);
  }

  /** Writes the request's own variables ({@code job-env}, owner-only), which the wrapper hands to the job alone. */
  void writeRequestedVariables(String shellLines) throws IOException {
    var file = path.resolve(REQUESTED_VARIABLES);
    Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, shellLines);
  }

  /** The recorded exit code; empty while the job runs or when the wrapper died before writing it. */
  Optional<Integer> exitCode() {
    return readNumber(EXIT_CODE).stream().mapToObj(code -> (int) code).findFirst();
  }

  /** Which launch of its job this run is: the directory's name. */
  int number() {
    return Integer.parseInt(path.getFileName().toString());
  }

  /** The wrapper's pid; empty until the wrapper has begun (nothing of the run has started before). */
  OptionalLong wrapperPid() {
    return readNumber(WRAPPER_PID);
  }

  /** The job's process group id; empty until the wrapper has forked the job. */
  OptionalLong jobGroup() {
    return readNumber(JOB_GROUP);
  }

  private OptionalLong readNumber(String name) {
    try {
      String text = Files.readString(path.resolve(name), StandardCharsets.US_ASCII).strip();
      return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("unreadable " + path.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  /** A job id as one harmless path segment. */
  static String safeName(String jobId) {
    String safe = jobId.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
  }
}
