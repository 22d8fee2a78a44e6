package dev.sluice.server.store;

/** Where a job stands. */
public enum JobState {
  PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, PREEMPTED;

  public boolean isFinished() {
    return this != PENDING && this != RUNNING;
  }
}
