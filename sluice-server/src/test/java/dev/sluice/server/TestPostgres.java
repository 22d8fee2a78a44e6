package dev.sluice.server;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The PostgreSQL the integration tests use: {@code SLUICE_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/sluice_test}), {@code SLUICE_TEST_PG_USER} and
 * {@code SLUICE_TEST_PG_PASSWORD} (default sluice/sluice); {@code .ci/run} sets it up. Call
 * {@link #assumeReachable()} before opening anything: unreachable, the test fails when {@code CI=true}, else
 * it is skipped with a one-line message.
 */
public final class TestPostgres {
  public static final String URL = env("SLUICE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/sluice_test");
  public static final String USER = env("SLUICE_TEST_PG_USER", "sluice");
  public static final String PASSWORD = env("SLUICE_TEST_PG_PASSWORD", "sluice");
  private static final int CONNECT_TIMEOUT_SECONDS = 5;
  private static Optional<String> unreachable;

  private TestPostgres() {
  }

  /** Skips the test (fails it under {@code CI=true}) when the test database cannot be reached. */
  public static synchronized void assumeReachable() {
    if (unreachable == null) unreachable = probe();
    unreachable.ifPresent(reason -> {
      var message = "PostgreSQL is unreachable at " + URL + " as " + USER + " (" + reason
          + "); run .ci/run's setup or set SLUICE_TEST_PG_URL";
      if ("true".equals(System.getenv("CI"))) fail(message);
      assumeTrue(false, message);
    });
  }

  /** Drops everything in the test database's public schema. */
  public static void emptyDatabase() throws SQLException {
    try (var connection = connect(); var st = connection.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS public CASCADE");
      st.execute("CREATE SCHEMA public");
    }
  }

  private static Optional<String> probe() {
    try (var ignored = connect()) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(String.valueOf(e.getMessage()).lines().findFirst().orElse("no message"));
    }
  }

  private static java.sql.Connection connect() throws SQLException {
    DriverManager.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
    return DriverManager.getConnection(URL, USER, PASSWORD);
  }

  private static String env(String name, String fallback) {
    var value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
