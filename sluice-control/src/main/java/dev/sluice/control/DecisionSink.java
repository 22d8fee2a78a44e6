package dev.sluice.control;

/**
 * Port of a live mode: carries out one cycle's decisions (binds with their devices, evictions with a grace period,
 * the reasons and positions of what waits) and says what it did and what failed. The single host launches and stops
 * processes and writes its store; Kubernetes binds, evicts and writes statuses through its API server. A failure to
 * carry out one decision is counted in {@link Committed#failed}, not thrown; what throws ends the cycle.
 *
 * @param <R> the reading of the {@link WorkloadSource} it is paired with
 */
@FunctionalInterface
public interface DecisionSink<R extends WorkloadSource.Reading> {
  Committed commit(DecidedCycle<R> cycle) throws InterruptedException;
}
