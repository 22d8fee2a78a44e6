package dev.sluice.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The control plane's database: a connection pool over H2 (embedded, a file under the data directory) or
 * PostgreSQL, migrated to the current schema by Flyway when opened.
 */
public final class Database implements AutoCloseable {
  /** How long a request waits for a connection before it fails (and {@code /healthz} says the database is down). */
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  private static final int VALIDATION_SECONDS = 2;
  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The embedded database in {@code dataDir}. {@code WRITE_DELAY=0} makes H2 store every commit before the
   * commit returns (by default it writes committed changes up to half a second later), so an acknowledged
   * write survives the process being killed.
   */
  public static String h2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("sluice") + ";WRITE_DELAY=0";
  }

  /** Opens the pool and migrates the schema. */
  public static Database open(String jdbcUrl, String user, String password) {
    var config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) config.setUsername(user);
    if (password != null) config.setPassword(password);
    config.setMaximumPoolSize(jdbcUrl.startsWith("jdbc:h2:") ? 8 : 16);
    config.setPoolName("sluice-db");
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    config.setAutoCommit(true);
    var dataSource = new HikariDataSource(config);
    try {
      Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Work on one connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in a transaction, committed when it returns and rolled back when it throws. */
  public <T> T inTransaction(Work<T> work) {
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Runs {@code work} on one connection in auto-commit mode. */
  public <T> T withConnection(Work<T> work) {
    try (var connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Why the database cannot be used now, or empty when a connection answers. */
  public Optional<String> problem() {
    try (var connection = dataSource.getConnection()) {
      return connection.isValid(VALIDATION_SECONDS) ? Optional.empty() : Optional.of("the database does not answer");
    } catch (SQLException | RuntimeException e) {
      return Optional.of(String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()));
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
