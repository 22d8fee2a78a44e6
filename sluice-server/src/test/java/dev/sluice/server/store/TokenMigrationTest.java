package dev.sluice.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens stored before they could be revoked keep working after the migration, the admin's marked as admin.token's. */
class TokenMigrationTest {
  @TempDir
  Path dataDir;

  @Test
  void tokensOfAnEarlierSchemaKeepWorking() throws Exception {
    var url = Database.h2Url(dataDir);
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("2").load().migrate();
    try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
      st.execute("INSERT INTO users (name, role, created_at) VALUES ('admin', 'ADMIN', 1), ('bob', 'MEMBER', 2)");
      st.execute("INSERT INTO tokens (token_hash, user_name, created_at) VALUES ('" + StoreContract.hash('a')
          + "', 'admin', 10), ('" + StoreContract.hash('b') + "', 'bob', 20), ('" + StoreContract.hash('c') + "', 'admin', 30)");
    }
    try (var db = Database.open(url, null, null)) {
      var users = new JdbcUserStore(db, InstantSource.fixed(Instant.ofEpochMilli(100)));
      for (var digit : List.of('a', 'b', 'c')) assertThat(users.findByTokenHash(StoreContract.hash(digit))).isPresent();
      assertThat(users.tokens("admin")).extracting(ApiToken::origin).containsExactly(TokenOrigin.ADMIN_FILE, TokenOrigin.API);
      assertThat(users.tokens("bob")).extracting(ApiToken::origin).containsExactly(TokenOrigin.API);
    }
  }
}
