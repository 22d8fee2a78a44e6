package dev.sluice.server;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL the integration tests use: {@code SLUICE_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/sluice_test}), {@code SLUICE_TEST_PG_USER} and
 * {@code SLUICE_TEST_PG_PASSWORD} (default sluice/sluice); {@code .ci/run} sets it up. Unreachable: the test
 * fails when {@code CI=true}, else it is skipped with a message.
 */
public final class TestPostgres {
  public static final String URL = env("SLUICE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/sluice_test");
  public static final String USER = env("SLUICE_TEST_PG_USER", "sluice");
  public static final String PASSWORD = env("SLUICE_TEST_PG_PASSWORD", "sluice");

  private TestPostgres() {
  }

  /** Drops everything in the test database's public schema. */
  public static void emptyDatabase() {
    try (var connection = DriverManager.getConnection(URL, USER, PASSWORD); var st = connection.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS public CASCADE");
      st.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      var message = "PostgreSQL is unreachable at " + URL + " as " + USER + " (" + e.getMessage()
          + "); run .ci/run's setup or set SLUICE_TEST_PG_URL";
      if ("true".equals(System.getenv("CI"))) fail(message);
      assumeTrue(false, message);
    }
  }

  private static String env(String name, String fallback) {
    var value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
