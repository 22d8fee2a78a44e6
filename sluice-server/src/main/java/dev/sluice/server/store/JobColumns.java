package dev.sluice.server.store;

import dev.sluice.core.spi.LaunchAttempt;
import dev.sluice.core.spi.ProcessRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The columns a job is stored in, and the reading of a job from them. */
final class JobColumns {
  /** Every column a job is read from, in the order both selects list them (read by position). */
  private static final List<String> NAMES = List.of("command", "env", "work_dir", "seq", "name", "queue_name",
      "user_name", "gpus", "gpu_milli", "gpu_memory_mib", "cpu_milli", "memory_mib", "priority", "preemptible", "state",
      "reason_code", "reason_message", "node", "gpu_indices", "simulated_gpus", "submitted_at", "started_at",
      "finished_at", "exit_code", "process_pid", "process_started", "process_run_dir", "attempt", "preemptions",
      "walltime_seconds", "min_runtime_seconds", "nic_bandwidth_mbps", "rdma");
  static final String ALL = String.join(", ", NAMES);
  /**
   * A waiting job as a scheduling cycle needs it: what only a launch needs (command, environment, work directory)
   * and what only a restart needs (where its stopped process ran, which process, which attempt) left out.
   */
  private static final Map<String, String> LEFT_OUT_OF_WAITING = Map.ofEntries(Map.entry("command", "NULL"),
      Map.entry("env", "NULL"), Map.entry("work_dir", "''"), Map.entry("node", "NULL"), Map.entry("gpu_indices", "NULL"),
      Map.entry("simulated_gpus", "FALSE"), Map.entry("started_at", "NULL"), Map.entry("finished_at", "NULL"),
      Map.entry("exit_code", "NULL"), Map.entry("process_pid", "NULL"), Map.entry("process_started", "NULL"),
      Map.entry("process_run_dir", "NULL"), Map.entry("attempt", "0"));
  static final String WAITING = NAMES.stream()
      .map(c -> LEFT_OUT_OF_WAITING.containsKey(c) ? LEFT_OUT_OF_WAITING.get(c) + " AS " + c : c)
      .collect(Collectors.joining(", "));

  private JobColumns() {
  }

  /** Every job of a select of {@link #ALL} or {@link #WAITING}. */
  static List<Job> readAll(ResultSet rs) throws SQLException {
    var jobs = new ArrayList<Job>();
    var row = new Row(rs);
    while (rs.next()) jobs.add(read(row));
    return jobs;
  }

  private static Job read(Row rs) throws SQLException {
    var request = new JobResources(rs.getInt("gpus"), rs.getInt("gpu_milli"), rs.getLong("gpu_memory_mib"),
        rs.getLong("cpu_milli"), rs.getLong("memory_mib"), rs.getLong("nic_bandwidth_mbps"), rs.getBoolean("rdma"));
    var reasonCode = rs.getString("reason_code");
    var reason = reasonCode == null ? null : new Reason(reasonCode, rs.getString("reason_message"));
    var node = rs.getString("node");
    var placement = node == null ? null
        : new Placement(node, JsonColumns.integers(rs.getString("gpu_indices")), rs.getBoolean("simulated_gpus"));
    var seq = rs.getLong("seq");
    Long pid = rs.getNullableLong("process_pid");
    var process = pid == null ? null
        : new ProcessRef(JobIds.format(seq), pid, rs.getLong("process_started"), rs.getString("process_run_dir"));
    int attemptNumber = rs.getInt("attempt");
    var attempt = attemptNumber == 0 ? null
        : new LaunchAttempt(JobIds.format(seq), attemptNumber, rs.getString("process_run_dir"));
    Long exit = rs.getNullableLong("exit_code");
    return new Job(seq, rs.getString("name"), rs.getString("queue_name"), rs.getString("user_name"),
        command(rs.getString("command")), env(rs.getString("env")),
        rs.getString("work_dir"), request, rs.getInt("priority"), rs.getBoolean("preemptible"),
        JobState.valueOf(rs.getString("state")), reason, placement, instant(rs, "submitted_at"),
        instant(rs, "started_at"), instant(rs, "finished_at"), exit == null ? null : exit.intValue(), process, attempt,
        rs.getInt("preemptions"), new JobRuntimes(rs.getLong("walltime_seconds"), rs.getLong("min_runtime_seconds")));
  }

  /**
   * A row of a job select, read by column position (a select lists {@link #NAMES} in order), its strings
   * shared across the rows of one result (a deep queue repeats the same queue, user, name and reason thousands of
   * times: one copy each is kept).
   */
  private record Row(ResultSet rs, Map<String, String> strings) {
    private static final Map<String, Integer> POSITIONS = IntStream.range(0, NAMES.size()).boxed()
        .collect(Collectors.toUnmodifiableMap(NAMES::get, i -> i + 1));

    Row(ResultSet rs) {
      this(rs, new HashMap<>());
    }

    String getString(String column) throws SQLException {
      var value = rs.getString(POSITIONS.get(column));
      return value == null ? null : strings.computeIfAbsent(value, v -> v);
    }

    int getInt(String column) throws SQLException {
      return rs.getInt(POSITIONS.get(column));
    }

    long getLong(String column) throws SQLException {
      return rs.getLong(POSITIONS.get(column));
    }

    boolean getBoolean(String column) throws SQLException {
      return rs.getBoolean(POSITIONS.get(column));
    }

    Long getNullableLong(String column) throws SQLException {
      long value = rs.getLong(POSITIONS.get(column));
      return rs.wasNull() ? null : value;
    }
  }

  private static List<String> command(String json) {
    return json == null ? List.of() : JsonColumns.strings(json);
  }

  private static Map<String, String> env(String json) {
    return json == null ? Map.of() : JsonColumns.stringMap(json);
  }

  private static Instant instant(Row rs, String column) throws SQLException {
    Long millis = rs.getNullableLong(column);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }}
