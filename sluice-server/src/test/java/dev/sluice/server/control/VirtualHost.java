package dev.sluice.server.control;

import dev.sluice.control.SchedulingPolicy;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.MutableClock;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.QueueRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A single host for a control-plane test, on virtual time: its clock, a launcher that starts nothing, the stores with
 * the test's queues, and the control plane once opened; closing it closes both.
 */
final class VirtualHost implements AutoCloseable {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  final FakeLauncher launcher = new FakeLauncher();
  private final TestStores stores;
  private ControlPlane plane;

  VirtualHost(Path dataDir, QueueRecord... queues) {
    this.stores = TestStores.open(dataDir, clock, queues);
  }

  TestStores stores() {
    return stores;
  }

  JobStore jobs() {
    return stores.jobs();
  }

  /** Opens the control plane over the stores (one per host). */
  ControlPlane open(Host host, SchedulingPolicy policy, Duration grace) {
    if (plane != null) throw new IllegalStateException("the plane is open already");
    plane = stores.plane(host, launcher, policy, grace);
    return plane;
  }

  @Override
  public void close() {
    if (plane != null) plane.close();
    stores.close();
  }
}
