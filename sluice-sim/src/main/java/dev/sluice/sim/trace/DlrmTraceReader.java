package dev.sluice.sim.trace;

import dev.sluice.sim.trace.DlrmInstance.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Reads the Alibaba 2025 disaggregated DLRM trace ({@code disaggregated_DLRM_trace.csv}): {@code instance_sn,
 * role, app_name, cpu_request} (vCPUs), {@code gpu_request, rdma_request} (percent of one RDMA NIC),
 * {@code memory_request, disk_request} (GiB), {@code max_instance_per_node} (-1: no limit),
 * {@code creation_time, deletion_time} (seconds from the trace's start; empty or NaN: before the start, after
 * the end). The {@code *_limit} and {@code scheduled_time} columns are not read.
 */
public final class DlrmTraceReader {
  private static final List<String> COLUMNS = List.of("instance_sn", "role", "app_name", "cpu_request", "gpu_request",
      "rdma_request", "memory_request", "disk_request", "max_instance_per_node", "creation_time", "deletion_time");
  private static final double MAX_AMOUNT = 1e9;
  private static final int MAX_GPUS = 64;

  private DlrmTraceReader() {
  }

  public static List<DlrmInstance> read(Path file) throws TraceFormatException {
    var table = CsvTable.read(file, COLUMNS);
    var instances = new ArrayList<DlrmInstance>(table.size());
    var names = new HashSet<String>();
    for (int i = 0; i < table.size(); i++) {
      var row = table.row(i);
      var instance = readInstance(row, i);
      if (!names.add(instance.name())) throw row.error("instance_sn", "instance " + instance.name() + " appears twice");
      instances.add(instance);
    }
    if (instances.isEmpty()) throw new TraceFormatException(file, 0, null, "no instances in the file");
    return List.copyOf(instances);
  }

  private static DlrmInstance readInstance(CsvTable.Row row, int index) throws TraceFormatException {
    var name = row.text("instance_sn");
    if (name.isEmpty()) throw row.error("instance_sn", "empty instance name");
    var role = role(row);
    var app = row.text("app_name");
    if (app.isEmpty()) throw row.error("app_name", "empty app name");
    long cpuMilli = Math.round(row.decimal("cpu_request", 0, MAX_AMOUNT) * 1000);
    int gpus = (int) row.wholeNumber("gpu_request", 0, MAX_GPUS);
    if (role == Role.CN && gpus > 0) throw row.error("gpu_request", "a CN instance runs on a CPU node and asks no GPU, was " + gpus);
    double rdma = row.decimal("rdma_request", 0, 100);
    long memoryMib = Math.round(row.decimal("memory_request", 0, MAX_AMOUNT) * 1024);
    long diskGib = (long) Math.ceil(row.decimal("disk_request", 0, MAX_AMOUNT));
    long cap = row.wholeNumber("max_instance_per_node", -1, Integer.MAX_VALUE);
    if (cap == 0) throw row.error("max_instance_per_node", "must be -1 (no limit) or at least 1, was 0");
    long created = row.isAbsent("creation_time") ? DlrmInstance.BEFORE_START : millis(row, "creation_time");
    long deleted = row.isAbsent("deletion_time") ? DlrmInstance.AFTER_END : millis(row, "deletion_time");
    return new DlrmInstance(name, role, app, cpuMilli, gpus, rdma, memoryMib, diskGib, cap < 0 ? 0 : (int) cap,
        created, deleted, index);
  }

  private static Role role(CsvTable.Row row) throws TraceFormatException {
    var text = row.text("role");
    return switch (text) {
      case "CN" -> Role.CN;
      case "HN" -> Role.HN;
      default -> throw row.error("role", "'" + text + "' is neither CN (CPU node) nor HN (GPU node)");
    };
  }

  /** Seconds (possibly fractional) to whole milliseconds. */
  private static long millis(CsvTable.Row row, String column) throws TraceFormatException {
    return Math.round(row.decimal(column, 0, MAX_AMOUNT) * 1000);
  }
}
