package dev.sluice.sim.topology;

import dev.sluice.sim.report.MetricRow;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The measures of one policy's replay of the gangs.
 *
 * @param policy               the policy's label
 * @param gangs                gangs submitted
 * @param started              gangs that started
 * @param spanningRacksPct     of the started gangs, the share whose pods ran in more than one rack
 * @param spanningBlocksPct    of the started gangs, the share whose pods ran in more than one block
 * @param delayMeanMin         mean wait from arrival to start of the started gangs, minutes
 * @param delayP99Min          99th percentile (nearest rank) of that wait, minutes
 * @param gpuUtilPct           GPU-seconds the started gangs held over the fleet's GPUs × the makespan
 * @param windowUtilPct        GPU-seconds held between the first and the last arrival over the fleet's GPUs × that
 *                             window: how much of the fleet worked while the load was offered
 * @param makespanHours        from the first arrival to the last departure (or to the last event, if gangs still wait)
 * @param pendingAtLastArrival gangs waiting once the cycle after the last arrival ran: the backlog the load left
 * @param pendingAtEnd         gangs still waiting when the events ran out: no domain will ever hold them
 * @param cycles               scheduling cycles run
 */
public record TopologyResult(String policy, int gangs, int started, double spanningRacksPct, double spanningBlocksPct,
                             double delayMeanMin, double delayP99Min, double gpuUtilPct, double windowUtilPct,
                             double makespanHours,
                             int pendingAtLastArrival, int pendingAtEnd, int cycles) {
  public static final String EXPERIMENT = "topology-gangs";

  public TopologyResult {
    Objects.requireNonNull(policy, "policy");
  }

  /** Names of the metrics, in the order {@link #rows} gives them. */
  public static List<String> metrics() {
    return List.of("gangs_spanning_racks_pct", "gangs_spanning_blocks_pct", "queue_delay_mean_min", "queue_delay_p99_min",
        "gpu_util_pct", "gpu_util_arrivals_pct", "makespan_h", "pending_at_last_arrival", "pending_at_end", "gangs_started");
  }

  /** The measures as {@code summary.csv} rows of {@link #EXPERIMENT} on {@code fleet}. */
  public List<MetricRow> rows(String fleet) {
    double[] values = {spanningRacksPct, spanningBlocksPct, delayMeanMin, delayP99Min, gpuUtilPct, windowUtilPct, makespanHours,
        pendingAtLastArrival, pendingAtEnd, started};
    var names = metrics();
    return IntStream.range(0, values.length)
        .mapToObj(i -> new MetricRow(EXPERIMENT, fleet, policy, names.get(i), values[i])).toList();
  }
}
