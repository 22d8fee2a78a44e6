package dev.sluice.server.store;

import java.sql.SQLException;

/** The database failed (unreachable, broken); not an expected outcome of a request. */
public final class StoreException extends RuntimeException {
  public StoreException(SQLException cause) {
    super("database error: " + cause.getMessage(), cause);
  }
}
