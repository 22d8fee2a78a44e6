package dev.sluice.server.control;

import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.PendingLoad;
import dev.sluice.server.store.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pending jobs as the control plane last knew them, kept between cycles so that a cycle over a deep queue reads
 * only what changed instead of every waiting job: the jobs submitted since the newest it has seen
 * ({@link JobStore#waitingAfter}), and again the jobs the control plane itself changed since (started, stopped,
 * cancelled), which it names with {@link #changed}. The reasons the control plane writes are kept too. Read in full
 * by the first cycle and after {@link #forget} (a restart's adoption changes jobs behind it).
 *
 * <p>Not thread-safe: the control plane uses it under its own lock, as it does the store's writes to pending jobs.
 */
final class WaitingJobs {
  private static final long NONE_SEEN = -1;
  private final JobStore jobs;
  private final TreeMap<Long, Job> bySeq = new TreeMap<>();
  private final Set<Long> changed = new HashSet<>();
  private final List<Job> left = new ArrayList<>();
  private long newestSeen = NONE_SEEN;

  WaitingJobs(JobStore jobs) {
    this.jobs = jobs;
  }

  /** Brings the pending jobs up to date: reads them all the first time, then only what changed. */
  void refresh() {
    if (newestSeen == NONE_SEEN) {
      bySeq.clear();
      changed.clear();
      newestSeen = 0;
      add(jobs.waiting());
    } else {
      changed.forEach(seq -> readAgain(seq).ifPresent(left::add));
      changed.clear();
      add(jobs.waitingAfter(newestSeen));
    }
  }

  /**
   * The jobs it knew as pending that, at a refresh since the last call, no longer were (started, cancelled), as they
   * were then: those started among them held GPUs even if they have ended since.
   */
  List<Job> takeLeft() {
    var taken = List.copyOf(left);
    left.clear();
    return taken;
  }

  /** The pending jobs as of the last {@link #refresh}, oldest first. */
  List<Job> jobs() {
    return new ArrayList<>(bySeq.values());
  }

  /** The pending jobs of each queue that has any, as of the last {@link #refresh}, as {@link JobStore#pendingByQueue}. */
  Map<String, PendingLoad> byQueue() {
    var loads = new HashMap<String, PendingLoad>();
    for (var job : bySeq.values()) {
      loads.merge(job.queue(), new PendingLoad(1, job.request().totalGpuMilli()),
          (a, b) -> new PendingLoad(a.jobs() + b.jobs(), a.gpuMilli() + b.gpuMilli()));
    }
    return loads;
  }

  /** The control plane has changed this job (or may have): the next {@link #refresh} reads it again. */
  void changed(long seq) {
    changed.add(seq);
  }

  /** The reasons just written for these pending jobs. */
  void reasonsWritten(Map<Long, Reason> reasons) {
    reasons.forEach((seq, reason) -> bySeq.computeIfPresent(seq, (s, job) -> job.withReason(reason)));
  }

  /** Forgets everything: the next {@link #refresh} reads every waiting job again. */
  void forget() {
    newestSeen = NONE_SEEN;
  }

  private void add(List<Job> waiting) {
    for (var job : waiting) {
      bySeq.put(job.seq(), job);
      newestSeen = Math.max(newestSeen, job.seq());
    }
  }

  /** Reads the job again: kept if still pending, else forgotten and returned as it is now (if it was known). */
  private Optional<Job> readAgain(long seq) {
    var now = jobs.find(seq);
    if (now.isPresent() && now.get().state() == JobState.PENDING) {
      bySeq.put(seq, now.get());
      return Optional.empty();
    }
    return bySeq.remove(seq) == null ? Optional.empty() : now;
  }
}
