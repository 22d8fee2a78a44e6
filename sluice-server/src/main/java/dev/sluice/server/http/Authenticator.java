package dev.sluice.server.http;

import dev.sluice.server.store.User;
import dev.sluice.server.store.UserStore;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Finds the caller from {@code Authorization: Bearer TOKEN}. Nothing is cached: every request asks the store,
 * so a token revoked or expired is refused on the very next request, whichever server revoked it.
 */
final class Authenticator {
  private static final String CALLER = "sluice.caller";
  private static final String TOKEN_HASH = "sluice.token-hash";
  private final UserStore users;

  Authenticator(UserStore users) {
    this.users = users;
  }

  void authenticate(Context ctx) {
    var header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException(ApiError.UNAUTHENTICATED, "send the header 'Authorization: Bearer TOKEN'");
    }
    var hash = Tokens.hash(header.substring(7).trim());
    var user = users.findByTokenHash(hash)
        .orElseThrow(() -> new ApiException(ApiError.UNAUTHENTICATED, "unknown, revoked or expired token"));
    ctx.attribute(CALLER, user);
    ctx.attribute(TOKEN_HASH, hash);
  }

  /** The hash of the token the request was authenticated with; empty on a public route. */
  static Optional<String> tokenHash(Context ctx) {
    return Optional.ofNullable(ctx.attribute(TOKEN_HASH));
  }

  static User caller(Context ctx) {
    User user = ctx.attribute(CALLER);
    if (user == null) throw new IllegalStateException("route reached without authentication");
    return user;
  }
}
