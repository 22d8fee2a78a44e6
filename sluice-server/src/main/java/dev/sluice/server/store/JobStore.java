package dev.sluice.server.store;

import dev.sluice.core.spi.LaunchAttempt;
import dev.sluice.core.spi.ProcessRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs. Every write is durable when it returns. State changes are compare-and-set: they happen only
 * when the job is still in the expected state, and say whether they did.
 */
public interface JobStore {
  /** Stores a pending job and returns it with its number. */
  Job submit(NewJob job);

  Optional<Job> find(long seq);

  /** Jobs matching the query, newest first. */
  List<Job> list(JobQuery query);

  /** Every job in this state, oldest first. */
  List<Job> inState(JobState state);

  /**
   * The pending jobs, oldest first, as a scheduling cycle needs them, lighter to read over a deep queue: without
   * what only a launch needs (their command and environment are empty, their work directory blank) nor what only a
   * restart needs (no placement, process or attempt). A start reads the whole job again ({@link #find}).
   */
  List<Job> waiting();

  /**
   * The pending jobs numbered after {@code seq}, oldest first, read as {@link #waiting} reads them. Submissions commit
   * in the order of their numbers, so what one call returns and the jobs numbered up to it that it does not are all
   * the jobs it could have seen: a reader that keeps the waiting jobs only needs the new ones and what it changed.
   */
  List<Job> waitingAfter(long seq);

  /** The pending jobs of each queue that has any: how many, and the GPU milli they ask for. */
  Map<String, PendingLoad> pendingByQueue();

  /**
   * PENDING → RUNNING on {@code placement} as launch {@code attempt}, before its process is launched: the earlier
   * attempt's process is forgotten, this one's run directory recorded.
   */
  boolean start(long seq, Placement placement, Instant startedAt, LaunchAttempt attempt);

  /**
   * RUNNING → PENDING for a job none of whose latest attempt started (the control plane stopped between recording
   * it and launching it): as if it had never started (no placement, no start time, no preemption counted).
   */
  boolean returnUnstarted(long seq, Reason reason);

  /** Records the launched process of a running job. */
  void recordProcess(long seq, ProcessRef process);

  /** {@code from} → {@code to} (a finished state) with the reason and exit code (null when none). */
  boolean finish(long seq, JobState from, JobState to, Reason reason, Integer exitCode, Instant finishedAt);

  /**
   * RUNNING → PENDING after the scheduler stopped the job to make room: keeps its id and submission time,
   * and where its process ran and which process it was (until the next start, so that a restarted control
   * plane still waits for that process to exit); adds what it used until {@code at} to its earlier usage
   * for accounting, counts one more preemption and sets the reason.
   */
  boolean requeue(long seq, Reason reason, Instant at);

  /** Sets the reasons of pending jobs (those no longer pending are left alone). */
  void updatePendingReasons(Map<Long, Reason> reasons);

  /** GPU- and CPU-hours per queue and user; running jobs count up to {@code now}. */
  List<UsageRow> usage(Instant now);
}
