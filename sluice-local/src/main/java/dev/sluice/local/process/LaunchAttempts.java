package dev.sluice.local.process;

import dev.sluice.core.spi.LaunchAttempt;
import dev.sluice.core.spi.ProcessRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The launches a {@link ProcessLauncher} reserves before it starts them ({@code ROOT/<job>/<n>}), checked when one
 * is started and found again after a restart from their run directories.
 */
final class LaunchAttempts {
  /** A start time no live process has: the wrapper of a found attempt that no longer runs. */
  private static final long NOT_RUNNING = 1;

  private LaunchAttempts() {
  }

  /** The run directory reserved for this job's attempt under {@code runsRoot}, which nothing has started in yet. */
  static RunDirectory prepared(Path runsRoot, String jobId, LaunchAttempt attempt) {
    var run = new RunDirectory(Path.of(attempt.runDir()));
    if (!attempt.jobId().equals(jobId) || !run.path().startsWith(runsRoot.resolve(RunDirectory.safeName(jobId)))
        || !Files.isDirectory(run.path()) || run.wrapperPid().isPresent()) {
      throw new IllegalArgumentException("job " + jobId + ": not an attempt this launcher prepared and nothing started in: "
          + attempt);
    }
    return run;
  }

  /**
   * The process of an attempt whose launch may not have returned: present once its wrapper has begun (it writes
   * its pid first), with the wrapper's start time while it is the same process; empty when nothing of it started.
   */
  static Optional<ProcessRef> find(LaunchAttempt attempt) {
    var run = new RunDirectory(Path.of(attempt.runDir()));
    try {
      OptionalLong wrapper = run.wrapperPid();
      if (wrapper.isEmpty()) return Optional.empty();
      long pid = wrapper.getAsLong();
      long startedAt = ProcessHandle.of(pid).filter(p -> UnrecordedRuns.startedFor(pid, attempt.jobId()))
          .flatMap(p -> p.info().startInstant()).map(Instant::toEpochMilli).orElse(NOT_RUNNING);
      return Optional.of(new ProcessRef(attempt.jobId(), pid, startedAt, attempt.runDir()));
    } catch (IllegalStateException unreadable) { // something started there: it runs while its job group does
      return Optional.of(new ProcessRef(attempt.jobId(), Long.MAX_VALUE, NOT_RUNNING, attempt.runDir()));
    }
  }
}
