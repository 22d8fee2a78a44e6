package dev.sluice.server.control;

import dev.sluice.server.TestPostgres;
import dev.sluice.server.store.Database;
import java.sql.SQLException;

/** The control loop's contract with the single host's ports over PostgreSQL (see {@link TestPostgres}: skipped without). */
class PostgresControlLoopIT extends StoreControlLoopContract {
  @Override
  Database openEmpty() throws SQLException {
    TestPostgres.assumeReachable();
    TestPostgres.emptyDatabase();
    return Database.open(TestPostgres.URL, TestPostgres.USER, TestPostgres.PASSWORD);
  }
}
