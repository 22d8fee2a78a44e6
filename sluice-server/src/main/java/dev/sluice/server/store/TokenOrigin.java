package dev.sluice.server.store;

/** Where a token came from: created through the API, or written by {@code sluice up} to {@code admin.token}. */
public enum TokenOrigin {
  API("api"), ADMIN_FILE("admin-file");

  private final String column;

  TokenOrigin(String column) {
    this.column = column;
  }

  /** The value stored in the database. */
  public String column() {
    return column;
  }

  static TokenOrigin fromColumn(String value) {
    for (var origin : values()) if (origin.column.equals(value)) return origin;
    throw new IllegalStateException("unknown token origin in the database: " + value);
  }
}
