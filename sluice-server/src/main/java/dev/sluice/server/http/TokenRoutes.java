package dev.sluice.server.http;

import dev.sluice.server.store.ApiToken;
import dev.sluice.server.store.NewToken;
import dev.sluice.server.store.TokenOrigin;
import dev.sluice.server.store.User;
import dev.sluice.server.store.UserStore;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/users/{name}/tokens}: an admin creates tokens; a user lists and revokes their own (an admin
 * anyone's). A revoked token stays listed.
 */
final class TokenRoutes {
  private static final Set<String> FIELDS = Set.of("description", "expiresInSeconds");
  private static final long MAX_LIFETIME_SECONDS = Duration.ofDays(3660).toSeconds();
  private final UserStore users;
  private final InstantSource clock;
  private final Json json;

  TokenRoutes(UserStore users, InstantSource clock, Json json) {
    this.users = users;
    this.clock = clock;
    this.json = json;
  }

  void create(Context ctx) {
    AdminOnly.check(ctx);
    var name = existingUser(ctx);
    var description = "";
    Long lifetime = null;
    if (!ctx.body().isBlank()) {
      var fields = new Fields(json.read(ctx), FIELDS);
      description = Fields.label("description", fields.string("description", ""), NewToken.MAX_DESCRIPTION);
      if (fields.has("expiresInSeconds")) lifetime = fields.integer("expiresInSeconds", 0, 1, MAX_LIFETIME_SECONDS);
    }
    var expiresAt = lifetime == null ? null : clock.instant().plusSeconds(lifetime);
    var secret = Tokens.generate();
    var token = users.addToken(new NewToken(name, Tokens.hash(secret), description, TokenOrigin.API, expiresAt));
    ctx.header("Location", path(token));
    var body = new LinkedHashMap<String, Object>();
    body.put("token", secret);
    body.putAll(view(token));
    json.write(ctx, 201, body);
  }

  void list(Context ctx) {
    var name = ownOrAdmin(ctx);
    json.write(ctx, 200, users.tokens(name).stream().map(this::view).toList());
  }

  void revoke(Context ctx) {
    var name = ownOrAdmin(ctx);
    var id = ctx.pathParam("id");
    var token = parseId(id).flatMap(n -> users.revokeToken(name, n))
        .orElseThrow(() -> ApiException.notFound("token " + id + " of user '" + name + "'"));
    json.write(ctx, 200, view(token));
  }

  private String ownOrAdmin(Context ctx) {
    User caller = Authenticator.caller(ctx);
    var name = ctx.pathParam("name");
    if (!caller.isAdmin() && !caller.name().equals(name)) {
      throw new ApiException(ApiError.FORBIDDEN, "only an admin may see or revoke another user's tokens");
    }
    return existingUser(ctx);
  }

  private String existingUser(Context ctx) {
    var name = ctx.pathParam("name");
    if (users.find(name).isEmpty()) throw ApiException.notFound("user '" + name + "'");
    return name;
  }

  private static Optional<Long> parseId(String text) {
    if (!text.matches("[1-9][0-9]{0,17}")) return Optional.empty();
    return Optional.of(Long.parseLong(text));
  }

  private static String path(ApiToken token) {
    return "/api/v1/users/" + token.userName() + "/tokens/" + token.id();
  }

  private Map<String, Object> view(ApiToken token) {
    var out = new LinkedHashMap<String, Object>();
    out.put("id", String.valueOf(token.id()));
    out.put("user", token.userName());
    out.put("description", token.description());
    out.put("origin", token.origin().column());
    out.put("state", token.state(clock.instant()).wireName());
    out.put("createdAt", Views.text(token.createdAt()));
    out.put("expiresAt", Views.text(token.expiresAt()));
    out.put("revokedAt", Views.text(token.revokedAt()));
    return out;
  }
}
