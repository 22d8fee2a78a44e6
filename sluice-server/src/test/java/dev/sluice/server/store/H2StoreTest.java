package dev.sluice.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file database, as {@code sluice up} uses it. */
class H2StoreTest extends StoreContract {
  @TempDir
  Path dataDir;

  @Override
  Database openEmpty() {
    return Database.open(Database.h2Url(dataDir), null, null);
  }
}
