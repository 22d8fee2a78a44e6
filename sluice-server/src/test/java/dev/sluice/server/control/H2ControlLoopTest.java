package dev.sluice.server.control;

import dev.sluice.server.store.Database;

/** The control loop's contract with the single host's ports over H2, the embedded store {@code sluice up} uses. */
class H2ControlLoopTest extends StoreControlLoopContract {
  @Override
  Database openEmpty() {
    return Database.open(Database.h2Url(dataDir), null, null);
  }
}
