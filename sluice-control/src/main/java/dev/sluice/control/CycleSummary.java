package dev.sluice.control;

/**
 * What one cycle of the {@link ControlLoop} did.
 *
 * @param nodes    schedulable nodes it saw
 * @param bound    pods bound
 * @param evicted  pods whose eviction was accepted
 * @param waiting  workloads left waiting, held ones (bad input, unknown queue) included
 * @param failed   binds or evictions that failed (the API server refused them, a process did not start)
 * @param decideMillis time to read the cluster into a snapshot and run the core cycle on it
 * @param millis   time from reading the cluster to the last write
 */
public record CycleSummary(int nodes, int bound, int evicted, int waiting, int failed, long decideMillis, long millis) {
  public String line() {
    return "cycle: " + nodes + " nodes, " + bound + " pods bound, " + evicted + " evicted, " + waiting + " workloads waiting"
        + (failed > 0 ? ", " + failed + " API calls failed" : "") + " (" + millis + " ms, " + decideMillis + " ms deciding)";
  }
}
