package dev.sluice.sim.fabric.dlrm;

import dev.sluice.sim.report.MetricRow;
import dev.sluice.sim.trace.DlrmInstance;
import dev.sluice.sim.trace.DlrmInstance.Role;
import java.util.List;

/** Hand-made DLRM instances and a look-up of experiment rows, for the worked-answer tests. */
final class Instances {
  private Instances() {
  }

  /** An HN instance of {@code app}: 1 GPU, {@code vcpus}, 8 GiB, 10 GiB disk, from {@code createdMs} to the end. */
  static DlrmInstance hn(int row, String app, int vcpus, double rdma, int cap, long createdMs) {
    return new DlrmInstance("i" + row, Role.HN, app, vcpus * 1000L, 1, rdma, 8 * 1024, 10, cap, createdMs,
        DlrmInstance.AFTER_END, row);
  }

  /** A CN instance of {@code app}: {@code vcpus}, 8 GiB, 10 GiB disk, no density cap, from {@code createdMs} on. */
  static DlrmInstance cn(int row, String app, int vcpus, double rdma, long createdMs) {
    return new DlrmInstance("i" + row, Role.CN, app, vcpus * 1000L, 0, rdma, 8 * 1024, 10, 0, createdMs,
        DlrmInstance.AFTER_END, row);
  }

  /** The value of {@code metric} for {@code policy}; fails when there is not exactly one. */
  static double value(List<MetricRow> rows, String policy, String metric) {
    var found = rows.stream().filter(r -> r.policy().equals(policy) && r.metric().equals(metric)).toList();
    if (found.size() != 1) throw new AssertionError(found.size() + " rows for " + policy + " / " + metric);
    return found.getFirst().value();
  }
}
