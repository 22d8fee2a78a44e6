package dev.sluice.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queues in a {@link Database}. */
public final class JdbcQueueStore implements QueueStore {
  private static final String COLUMNS = "name, parent, priority, quotas, max_running_jobs, non_preemptible_above_deserved";
  private final Database db;
  private final InstantSource clock;

  public JdbcQueueStore(Database db, InstantSource clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<QueueRecord> list() {
    return db.withConnection(c -> {
      try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM queues ORDER BY name"); var rs = st.executeQuery()) {
        var queues = new ArrayList<QueueRecord>();
        while (rs.next()) queues.add(read(rs));
        return queues;
      }
    });
  }

  @Override
  public Optional<QueueRecord> find(String name) {
    return db.withConnection(c -> {
      try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM queues WHERE name = ?")) {
        st.setString(1, name);
        try (var rs = st.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean create(QueueRecord queue) {
    return db.inTransaction(c -> {
      try (var check = c.prepareStatement("SELECT 1 FROM queues WHERE name = ?")) {
        check.setString(1, queue.name());
        try (var rs = check.executeQuery()) {
          if (rs.next()) return false;
        }
      }
      try (var st = c.prepareStatement("INSERT INTO queues (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        st.setString(1, queue.name());
        st.setString(2, queue.parent());
        st.setInt(3, queue.priority());
        st.setString(4, JsonColumns.write(queue.quotas()));
        if (queue.maxRunningJobs() == null) st.setNull(5, Types.INTEGER);
        else st.setInt(5, queue.maxRunningJobs());
        st.setBoolean(6, queue.nonPreemptibleAboveDeserved());
        st.setLong(7, clock.millis());
        st.executeUpdate();
        return true;
      }
    });
  }

  private static QueueRecord read(ResultSet rs) throws SQLException {
    int cap = rs.getInt(5);
    Integer maxRunningJobs = rs.wasNull() ? null : cap;
    return new QueueRecord(rs.getString(1), rs.getString(2), rs.getInt(3), JsonColumns.quotas(rs.getString(4)), maxRunningJobs,
        rs.getBoolean(6));
  }
}
