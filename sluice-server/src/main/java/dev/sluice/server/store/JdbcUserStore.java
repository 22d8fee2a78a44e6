package dev.sluice.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users and token hashes in a {@link Database} (the tokens' SQL is in {@link TokenRows}). */
public final class JdbcUserStore implements UserStore {
  private final Database db;
  private final InstantSource clock;
  private final TokenRows tokens = new TokenRows();

  public JdbcUserStore(Database db, InstantSource clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<User> list() {
    return db.withConnection(c -> List.copyOf(users(c, "", null).values()));
  }

  @Override
  public Optional<User> find(String name) {
    return db.withConnection(c -> Optional.ofNullable(users(c, " WHERE u.name = ?", name).get(name)));
  }

  @Override
  public boolean create(User user) {
    return db.inTransaction(c -> {
      if (!users(c, " WHERE u.name = ?", user.name()).isEmpty()) return false;
      try (var st = c.prepareStatement("INSERT INTO users (name, role, created_at, unix_user) VALUES (?, ?, ?, ?)")) {
        st.setString(1, user.name());
        st.setString(2, user.role().name());
        st.setLong(3, clock.millis());
        st.setString(4, user.unixUser());
        st.executeUpdate();
      }
      try (var st = c.prepareStatement("INSERT INTO user_queues (user_name, queue_name) VALUES (?, ?)")) {
        for (var queue : user.queues()) {
          st.setString(1, user.name());
          st.setString(2, queue);
          st.addBatch();
        }
        st.executeBatch();
      }
      return true;
    });
  }

  @Override
  public ApiToken addToken(NewToken token) {
    return db.inTransaction(c -> tokens.insert(c, token, clock.millis()));
  }

  @Override
  public ApiToken replaceTokens(NewToken token) {
    return db.inTransaction(c -> {
      long now = clock.millis();
      tokens.revokeAll(c, token.userName(), token.origin(), now);
      return tokens.insert(c, token, now);
    });
  }

  @Override
  public boolean adoptToken(String userName, String tokenHash, TokenOrigin origin, String description) {
    return db.inTransaction(c -> {
      long now = clock.millis();
      if (!tokens.adopt(c, userName, tokenHash, origin, description, now)) return false;
      tokens.revokeOthers(c, userName, tokenHash, origin, now);
      return true;
    });
  }

  @Override
  public List<ApiToken> tokens(String userName) {
    return db.withConnection(c -> tokens.ofUser(c, userName));
  }

  @Override
  public Optional<ApiToken> revokeToken(String userName, long id) {
    return db.inTransaction(c -> tokens.revoke(c, userName, id, clock.millis()));
  }

  @Override
  public Optional<User> findByTokenHash(String tokenHash) {
    return db.withConnection(c -> {
      var name = tokens.activeHolder(c, tokenHash, clock.millis());
      if (name.isEmpty()) return Optional.<User>empty();
      return Optional.ofNullable(users(c, " WHERE u.name = ?", name.get()).get(name.get()));
    });
  }

  private static Map<String, User> users(Connection c, String where, String name) throws SQLException {
    var sql = "SELECT u.name, u.role, q.queue_name, u.unix_user FROM users u LEFT JOIN user_queues q ON q.user_name = u.name"
        + where + " ORDER BY u.name, q.queue_name";
    var roles = new LinkedHashMap<String, Role>();
    var queues = new LinkedHashMap<String, List<String>>();
    var accounts = new HashMap<String, String>();
    try (var st = c.prepareStatement(sql)) {
      if (name != null) st.setString(1, name);
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          var user = rs.getString(1);
          roles.putIfAbsent(user, Role.valueOf(rs.getString(2)));
          if (rs.getString(4) != null) accounts.put(user, rs.getString(4));
          var list = queues.computeIfAbsent(user, u -> new ArrayList<>());
          if (rs.getString(3) != null) list.add(rs.getString(3));
        }
      }
    }
    var users = new LinkedHashMap<String, User>();
    roles.forEach((user, role) -> users.put(user, new User(user, role, queues.get(user), accounts.get(user))));
    return users;
  }
}
