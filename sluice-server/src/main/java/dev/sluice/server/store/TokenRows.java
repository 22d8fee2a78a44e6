package dev.sluice.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the {@code api_tokens} table, on a connection the caller holds (and commits). */
final class TokenRows {
  private static final String COLUMNS = "id, user_name, description, origin, created_at, expires_at, revoked_at";

  ApiToken insert(Connection c, NewToken token, long now) throws SQLException {
    var sql = "INSERT INTO api_tokens (token_hash, user_name, description, origin, created_at, expires_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)";
    try (var st = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      st.setString(1, token.tokenHash());
      st.setString(2, token.userName());
      st.setString(3, token.description());
      st.setString(4, token.origin().column());
      st.setLong(5, now);
      if (token.expiresAt() == null) st.setNull(6, Types.BIGINT);
      else st.setLong(6, token.expiresAt().toEpochMilli());
      st.executeUpdate();
      try (var keys = st.getGeneratedKeys()) {
        if (!keys.next()) throw new IllegalStateException("the database gave no id for the new token");
        return find(c, token.userName(), keys.getLong(1)).orElseThrow();
      }
    }
  }

  void revokeAll(Connection c, String userName, TokenOrigin origin, long now) throws SQLException {
    var sql = "UPDATE api_tokens SET revoked_at = ? WHERE user_name = ? AND origin = ? AND revoked_at IS NULL";
    try (var st = c.prepareStatement(sql)) {
      st.setLong(1, now);
      st.setString(2, userName);
      st.setString(3, origin.column());
      st.executeUpdate();
    }
  }

  /** Gives the active token with this hash the origin and description; false when there is none such. */
  boolean adopt(Connection c, String userName, String tokenHash, TokenOrigin origin, String description, long now) throws SQLException {
    var sql = "UPDATE api_tokens SET origin = ?, description = ? WHERE user_name = ? AND token_hash = ? AND revoked_at IS NULL"
        + " AND (expires_at IS NULL OR expires_at > ?)";
    try (var st = c.prepareStatement(sql)) {
      st.setString(1, origin.column());
      st.setString(2, description);
      st.setString(3, userName);
      st.setString(4, tokenHash);
      st.setLong(5, now);
      return st.executeUpdate() == 1;
    }
  }

  void revokeOthers(Connection c, String userName, String keptHash, TokenOrigin origin, long now) throws SQLException {
    var sql = "UPDATE api_tokens SET revoked_at = ? WHERE user_name = ? AND origin = ? AND token_hash <> ? AND revoked_at IS NULL";
    try (var st = c.prepareStatement(sql)) {
      st.setLong(1, now);
      st.setString(2, userName);
      st.setString(3, origin.column());
      st.setString(4, keptHash);
      st.executeUpdate();
    }
  }

  Optional<ApiToken> revoke(Connection c, String userName, long id, long now) throws SQLException {
    var sql = "UPDATE api_tokens SET revoked_at = ? WHERE user_name = ? AND id = ? AND revoked_at IS NULL";
    try (var st = c.prepareStatement(sql)) {
      st.setLong(1, now);
      st.setString(2, userName);
      st.setLong(3, id);
      st.executeUpdate();
    }
    return find(c, userName, id);
  }

  List<ApiToken> ofUser(Connection c, String userName) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE user_name = ? ORDER BY id")) {
      st.setString(1, userName);
      try (var rs = st.executeQuery()) {
        var found = new ArrayList<ApiToken>();
        while (rs.next()) found.add(token(rs));
        return found;
      }
    }
  }

  /** The name of the user holding this token, when it is neither revoked nor expired at {@code now}. */
  Optional<String> activeHolder(Connection c, String tokenHash, long now) throws SQLException {
    var sql = "SELECT user_name FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL"
        + " AND (expires_at IS NULL OR expires_at > ?)";
    try (var st = c.prepareStatement(sql)) {
      st.setString(1, tokenHash);
      st.setLong(2, now);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private Optional<ApiToken> find(Connection c, String userName, long id) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE user_name = ? AND id = ?")) {
      st.setString(1, userName);
      st.setLong(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(token(rs)) : Optional.empty();
      }
    }
  }

  private static ApiToken token(ResultSet rs) throws SQLException {
    return new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3), TokenOrigin.fromColumn(rs.getString(4)),
        Instant.ofEpochMilli(rs.getLong(5)), instant(rs, 6), instant(rs, 7));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
