package dev.sluice.core.scheduler;

/**
 * How many more waiting workloads one action may fail to make room for in this cycle, by evicting or moving
 * others ({@link SchedulerConfig#evictionAttempts}): a failed search is what costs, and a cycle that spends the
 * budget in its first round does not search again in the next ones. An attempt that makes room costs nothing
 * from it (each places a waiting workload, and there are only so many).
 */
final class FailureBudget {
  private int left;

  FailureBudget(int failures) {
    this.left = failures;
  }

  boolean spent() {
    return left <= 0;
  }

  /** Counts the attempt for the workload as failed if it still waits. */
  void count(Session session, Workload workload) {
    if (session.isWaiting(workload)) left--;
  }
}
