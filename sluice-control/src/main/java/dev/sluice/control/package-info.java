/**
 * The control loop both live modes share ({@link dev.sluice.control.ControlLoop}) and the ports it runs through:
 * a {@link dev.sluice.control.WorkloadSource} that reads the cluster into the core's snapshot and a
 * {@link dev.sluice.control.DecisionSink} that carries out a cycle's decisions, and the
 * {@link dev.sluice.control.SchedulingPolicy} that decides between them (the core's fair-share cycle, or
 * {@link dev.sluice.control.SchedulingPolicies#priority() priority} order). The single host implements them
 * with its store and processes, Kubernetes with its API server; the fakes and the loop's contract test are in
 * {@code sluice-testkit}.
 */
package dev.sluice.control;
