package dev.sluice.server.store;

import dev.sluice.core.spi.LaunchAttempt;
import dev.sluice.core.spi.ProcessRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Jobs in a {@link Database}. */
public final class JdbcJobStore implements JobStore {
  private final Database db;
  /** Submissions that arrive together are inserted in one transaction, each acknowledged once it has committed. */
  private final GroupCommit<NewJob, Long> inserts;

  public JdbcJobStore(Database db) {
    this.db = db;
    this.inserts = new GroupCommit<>(db, JdbcJobStore::insert);
  }

  @Override
  public Job submit(NewJob job) {
    var reason = Reason.waiting();
    long seq = inserts.write(job);
    return new Job(seq, job.name(), job.queue(), job.user(), job.command(), job.env(), job.workDir(), job.request(),
        job.priority(), job.preemptible(), JobState.PENDING, reason, null,
        Instant.ofEpochMilli(job.submittedAt().toEpochMilli()), null, null, null, null, null, 0, job.runtimes());
  }

  /** Inserts a new pending job on {@code c}, in the caller's transaction; returns its number. */
  private static long insert(Connection c, NewJob job) throws SQLException {
    var reason = Reason.waiting();
    var sql = "INSERT INTO jobs (name, queue_name, user_name, command, env, work_dir, gpus, gpu_milli, gpu_memory_mib, "
        + "cpu_milli, memory_mib, priority, preemptible, state, reason_code, reason_message, simulated_gpus, "
        + "submitted_at, walltime_seconds, min_runtime_seconds, nic_bandwidth_mbps, rdma) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (var st = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      var r = job.request();
      int i = 0;
      st.setString(++i, job.name());
      st.setString(++i, job.queue());
      st.setString(++i, job.user());
      st.setString(++i, JsonColumns.write(job.command()));
      st.setString(++i, JsonColumns.write(job.env()));
      st.setString(++i, job.workDir());
      st.setInt(++i, r.gpus());
      st.setInt(++i, r.gpuMilli());
      st.setLong(++i, r.gpuMemoryMib());
      st.setLong(++i, r.cpuMilli());
      st.setLong(++i, r.memoryMib());
      st.setInt(++i, job.priority());
      st.setBoolean(++i, job.preemptible());
      st.setString(++i, JobState.PENDING.name());
      st.setString(++i, reason.code());
      st.setString(++i, reason.message());
      st.setBoolean(++i, false);
      st.setLong(++i, job.submittedAt().toEpochMilli());
      st.setLong(++i, job.runtimes().walltimeSeconds());
      st.setLong(++i, job.runtimes().minRuntimeSeconds());
      st.setLong(++i, r.nicBandwidthMbps());
      st.setBoolean(++i, r.rdma());
      st.executeUpdate();
      try (var keys = st.getGeneratedKeys()) {
        if (!keys.next()) throw new SQLException("no key generated for a new job");
        return keys.getLong(1);
      }
    }
  }

  @Override
  public Optional<Job> find(long seq) {
    var found = select(" WHERE seq = ?", List.of(seq), "");
    return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
  }

  @Override
  public List<Job> list(JobQuery query) {
    var where = new StringBuilder(" WHERE 1 = 1");
    var args = new ArrayList<Object>();
    if (query.visibleQueues() != null) {
      if (query.visibleQueues().isEmpty()) return List.of();
      where.append(" AND queue_name IN (").append(String.join(", ", Collections.nCopies(query.visibleQueues().size(), "?")))
          .append(")");
      args.addAll(query.visibleQueues().stream().sorted().toList());
    }
    if (query.queue() != null) {
      where.append(" AND queue_name = ?");
      args.add(query.queue());
    }
    if (query.state() != null) {
      where.append(" AND state = ?");
      args.add(query.state().name());
    }
    if (query.beforeSeq() > 0) {
      where.append(" AND seq < ?");
      args.add(query.beforeSeq());
    }
    return select(where.toString(), args, " ORDER BY seq DESC LIMIT " + query.limit());
  }

  @Override
  public List<Job> inState(JobState state) {
    return select(" WHERE state = ?", List.of(state.name()), " ORDER BY seq");
  }

  @Override
  public List<Job> waiting() {
    return select(JobColumns.WAITING, " WHERE state = ?", List.of(JobState.PENDING.name()), " ORDER BY seq");
  }

  @Override
  public List<Job> waitingAfter(long seq) {
    return select(JobColumns.WAITING, " WHERE state = ? AND seq > ?", List.of(JobState.PENDING.name(), seq),
        " ORDER BY seq");
  }

  @Override
  public Map<String, PendingLoad> pendingByQueue() {
    return db.withConnection(c -> {
      try (var st = c.prepareStatement("SELECT queue_name, COUNT(*), SUM(CAST(gpus AS BIGINT) * gpu_milli) FROM jobs "
          + "WHERE state = 'PENDING' GROUP BY queue_name");
           var rs = st.executeQuery()) {
        var loads = new java.util.HashMap<String, PendingLoad>();
        while (rs.next()) loads.put(rs.getString(1), new PendingLoad(rs.getInt(2), rs.getLong(3)));
        return loads;
      }
    });
  }

  @Override
  public boolean start(long seq, Placement placement, Instant startedAt, LaunchAttempt attempt) {
    // the previous attempt's process is forgotten and this one's run directory recorded: until its process is
    // recorded too, a restart looks for it there, and never finishes the job with the previous attempt's exit code
    return update("UPDATE jobs SET state = ?, reason_code = NULL, reason_message = NULL, node = ?, gpu_indices = ?, "
            + "simulated_gpus = ?, started_at = ?, process_pid = NULL, process_started = NULL, process_run_dir = ?, "
            + "attempt = ? WHERE seq = ? AND state = ?",
        JobState.RUNNING.name(), placement.node(), JsonColumns.write(placement.gpuIndices()), placement.simulatedGpus(),
        startedAt.toEpochMilli(), attempt.runDir(), attempt.number(), seq, JobState.PENDING.name()) == 1;
  }

  @Override
  public boolean returnUnstarted(long seq, Reason reason) {
    return update("UPDATE jobs SET state = ?, reason_code = ?, reason_message = ?, node = NULL, gpu_indices = NULL, "
            + "simulated_gpus = FALSE, started_at = NULL WHERE seq = ? AND state = ? AND process_pid IS NULL",
        JobState.PENDING.name(), reason.code(), reason.message(), seq, JobState.RUNNING.name()) == 1;
  }

  @Override
  public void recordProcess(long seq, ProcessRef process) {
    update("UPDATE jobs SET process_pid = ?, process_started = ?, process_run_dir = ? WHERE seq = ?",
        process.pid(), process.startedAt(), process.runDir(), seq);
  }

  @Override
  public boolean finish(long seq, JobState from, JobState to, Reason reason, Integer exitCode, Instant finishedAt) {
    if (!to.isFinished()) throw new IllegalArgumentException("not a finished state: " + to);
    return update("UPDATE jobs SET state = ?, reason_code = ?, reason_message = ?, exit_code = ?, finished_at = ? "
            + "WHERE seq = ? AND state = ?",
        to.name(), reason.code(), reason.message(), exitCode, finishedAt.toEpochMilli(), seq, from.name()) == 1;
  }

  @Override
  public boolean requeue(long seq, Reason reason, Instant at) {
    long now = at.toEpochMilli();
    return update("UPDATE jobs SET state = ?, reason_code = ?, reason_message = ?, "
            + "earlier_gpu_milli_ms = earlier_gpu_milli_ms + gpus * gpu_milli * GREATEST(COALESCE(? - started_at, 0), 0), "
            + "earlier_cpu_milli_ms = earlier_cpu_milli_ms + cpu_milli * GREATEST(COALESCE(? - started_at, 0), 0), "
            + "started_at = NULL, preemptions = preemptions + 1 WHERE seq = ? AND state = ?",
        JobState.PENDING.name(), reason.code(), reason.message(), now, now, seq, JobState.RUNNING.name()) == 1;
  }

  @Override
  public void updatePendingReasons(Map<Long, Reason> reasons) {
    if (reasons.isEmpty()) return;
    db.inTransaction(c -> {
      try (var st = c.prepareStatement(
          "UPDATE jobs SET reason_code = ?, reason_message = ? WHERE seq = ? AND state = 'PENDING'")) {
        for (var entry : reasons.entrySet()) {
          st.setString(1, entry.getValue().code());
          st.setString(2, entry.getValue().message());
          st.setLong(3, entry.getKey());
          st.addBatch();
        }
        return st.executeBatch();
      }
    });
  }

  @Override
  public List<UsageRow> usage(Instant now) {
    return UsageQuery.run(db, now);
  }

  private int update(String sql, Object... args) {
    return db.withConnection(c -> {
      try (var st = c.prepareStatement(sql)) {
        bind(st, java.util.Arrays.asList(args));
        return st.executeUpdate();
      }
    });
  }

  private List<Job> select(String where, List<?> args, String tail) {
    return select(JobColumns.ALL, where, args, tail);
  }

  private List<Job> select(String columns, String where, List<?> args, String tail) {
    return db.withConnection(c -> {
      try (var st = c.prepareStatement("SELECT " + columns + " FROM jobs" + where + tail)) {
        bind(st, args);
        try (var rs = st.executeQuery()) {
          return JobColumns.readAll(rs);
        }
      }
    });
  }

  private static void bind(PreparedStatement st, List<?> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      var arg = args.get(i);
      if (arg == null) st.setNull(i + 1, Types.INTEGER);
      else st.setObject(i + 1, arg);
    }
  }


}
