package dev.sluice.server.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * GPU- and CPU-hours per queue and user, from the jobs that ever ran: those started (running or finished) and those
 * stopped and requeued (their earlier runs). Each part is read through its index ({@code V7__usage_indexes.sql}), so a
 * deep queue of jobs that never started costs nothing: {@code started_at >= 0} rather than {@code IS NOT NULL} (times
 * are epoch milliseconds) and {@code COALESCE(started_at, -1) < 0} rather than {@code IS NULL} steer the planner to
 * the index that finds few rows.
 */
final class UsageQuery {
  private static final double MILLI_HOURS = 1000.0 * 3_600_000.0;
  private static final String SQL = "SELECT queue_name, user_name, SUM(gpu), SUM(cpu) FROM ("
      + "SELECT queue_name, user_name, "
      + "earlier_gpu_milli_ms + gpus * gpu_milli * (COALESCE(finished_at, ?) - started_at) AS gpu, "
      + "earlier_cpu_milli_ms + cpu_milli * (COALESCE(finished_at, ?) - started_at) AS cpu "
      + "FROM jobs WHERE started_at >= 0 "
      + "UNION ALL SELECT queue_name, user_name, earlier_gpu_milli_ms AS gpu, earlier_cpu_milli_ms AS cpu "
      + "FROM jobs WHERE preemptions > 0 AND COALESCE(started_at, -1) < 0"
      + ") used GROUP BY queue_name, user_name ORDER BY queue_name, user_name";

  private UsageQuery() {
  }

  static List<UsageRow> run(Database db, Instant now) {
    return db.withConnection(c -> {
      try (var st = c.prepareStatement(SQL)) {
        st.setLong(1, now.toEpochMilli());
        st.setLong(2, now.toEpochMilli());
        try (var rs = st.executeQuery()) {
          var rows = new ArrayList<UsageRow>();
          while (rs.next()) {
            rows.add(new UsageRow(rs.getString(1), rs.getString(2), Math.max(0, rs.getDouble(3)) / MILLI_HOURS,
                Math.max(0, rs.getDouble(4)) / MILLI_HOURS));
          }
          return rows;
        }
      }
    });
  }
}
