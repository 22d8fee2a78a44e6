package dev.sluice.core.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Runs jobs as processes on this host. Implementations are thread-safe. Nothing here blocks for long:
 * {@link #terminate} returns at once and escalates in the background.
 */
public interface Launcher {
  /**
   * Reserves the job's next launch (its number and run directory) without starting anything, so that the
   * caller can record it before the process exists.
   *
   * @throws LaunchException when no run directory can be made; says why
   */
  LaunchAttempt prepare(String jobId) throws LaunchException;

  /**
   * Starts the job's command, as the {@code attempt} {@link #prepare} reserved, with its GPUs made visible to it
   * and its share of them set.
   *
   * @throws LaunchException when the process cannot be started (e.g. no such program); says why
   */
  ProcessRef launch(LaunchRequest request, LaunchAttempt attempt) throws LaunchException;

  /** {@link #prepare} and {@link #launch(LaunchRequest, LaunchAttempt)} in one, for a caller that records nothing first. */
  default ProcessRef launch(LaunchRequest request) throws LaunchException {
    return launch(request, prepare(request.jobId()));
  }

  /**
   * Why no job of this launcher could work in {@code workDir} (e.g. it would let a sandboxed job write what runs
   * outside its sandbox); empty when one could. A submission can be refused with it before the job waits for
   * anything; {@link #launch} refuses the same directory in any case.
   */
  default Optional<String> workDirRefusal(java.nio.file.Path workDir) {
    return Optional.empty();
  }

  /**
   * After a restart, the process of an attempt recorded before its launch returned (the control plane stopped in
   * between): present when it started, whether it runs or has ended since ({@link #status} says which); empty when
   * nothing of it ever started, so that starting the job again runs it once.
   */
  default Optional<ProcessRef> find(LaunchAttempt attempt) {
    return Optional.empty();
  }

  /** Where the process stands; works as well for a process launched before a restart (adoption). */
  ProcessStatus status(ProcessRef process);

  /**
   * Asks the process (and its children) to stop: SIGTERM now, SIGKILL once {@code grace} has passed
   * if it is still alive. Does nothing for a process that has ended.
   */
  void terminate(ProcessRef process, Duration grace);

  /**
   * Kills at once (SIGKILL) every job this launcher started that still runs but whose run is not one of
   * {@code recordedRunDirs} ({@link ProcessRef#runDir()}): after a crash between a launch and its recording,
   * such a job runs untracked on devices the scheduler would hand out again. Called at start, before any
   * launch; returns how many it killed. Does nothing where a launcher keeps no runs of its own.
   */
  default int killUnrecorded(Set<String> recordedRunDirs) {
    return 0;
  }

  /**
   * Whether the scheduler may restart a running job on other devices to consolidate
   * ({@link dev.sluice.core.scheduler.SchedulerConfig#moves}). No launcher here does: it cannot carry a job's work
   * over (no checkpoint and restore), and on one host a job a user started should not start again from nothing
   * to tidy up its GPUs; reclaim and preemption still stop jobs, as they must.
   */
  default boolean movesRunningWork() {
    return false;
  }
}
