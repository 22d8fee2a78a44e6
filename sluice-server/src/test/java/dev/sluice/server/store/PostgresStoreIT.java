package dev.sluice.server.store;

import dev.sluice.server.TestPostgres;

/** The store contract on PostgreSQL (see {@link TestPostgres} for which, and when it is skipped). */
class PostgresStoreIT extends StoreContract {
  @Override
  Database openEmpty() throws Exception {
    TestPostgres.assumeReachable();
    TestPostgres.emptyDatabase();
    return Database.open(TestPostgres.URL, TestPostgres.USER, TestPostgres.PASSWORD);
  }
}
