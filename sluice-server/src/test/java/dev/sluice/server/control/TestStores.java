package dev.sluice.server.control;

import dev.sluice.control.SchedulingPolicy;
import dev.sluice.core.spi.Launcher;
import dev.sluice.server.metrics.ServerMetrics;
import dev.sluice.server.store.Database;
import dev.sluice.server.store.JdbcJobStore;
import dev.sluice.server.store.JdbcQueueStore;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.QueueRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/** What a control-plane test keeps its jobs and queues in: an H2 database in the test's directory. */
record TestStores(Database db, JobStore jobs, JdbcQueueStore queues, Path dataDir, InstantSource clock)
    implements AutoCloseable {
  static TestStores open(Path dataDir, InstantSource clock, QueueRecord... queues) {
    var db = Database.open(Database.h2Url(dataDir), null, null);
    var stores = new TestStores(db, new JdbcJobStore(db), new JdbcQueueStore(db, clock), dataDir, clock);
    for (var queue : queues) stores.queues.create(queue);
    return stores;
  }

  /** A control plane over these stores, its job directories under the test's directory. */
  ControlPlane plane(Host host, Launcher launcher, SchedulingPolicy policy, Duration grace) {
    return new ControlPlane(jobs, queues, host, launcher, policy, clock, dataDir.resolve("jobs"), grace, new ServerMetrics());
  }

  @Override
  public void close() {
    db.close();
  }
}
