package dev.sluice.server.http;

import dev.sluice.server.store.User;
import dev.sluice.server.store.UserStore;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the caller from {@code Authorization: Bearer TOKEN}. Users are cached by token hash; the cache is
 * dropped whenever users change through the API.
 */
final class Authenticator {
  private static final String CALLER = "sluice.caller";
  private final UserStore users;
  private final Map<String, User> byHash = new ConcurrentHashMap<>();

  Authenticator(UserStore users) {
    this.users = users;
  }

  void authenticate(Context ctx) {
    var header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException(ApiError.UNAUTHENTICATED, "send the header 'Authorization: Bearer TOKEN'");
    }
    var hash = Tokens.hash(header.substring(7).trim());
    var user = Optional.ofNullable(byHash.get(hash)).or(() -> users.findByTokenHash(hash))
        .orElseThrow(() -> new ApiException(ApiError.UNAUTHENTICATED, "unknown or revoked token"));
    byHash.put(hash, user);
    ctx.attribute(CALLER, user);
  }

  void usersChanged() {
    byHash.clear();
  }

  static User caller(Context ctx) {
    User user = ctx.attribute(CALLER);
    if (user == null) throw new IllegalStateException("route reached without authentication");
    return user;
  }
}
