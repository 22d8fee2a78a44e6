package dev.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.store.QueueStore;
import dev.sluice.server.store.Role;
import dev.sluice.server.store.User;
import dev.sluice.server.store.UserStore;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /api/v1/users} and {@code whoami} (tokens: {@link TokenRoutes}). */
final class UserRoutes {
  private static final Set<String> FIELDS = Set.of("name", "role", "queues", "unixUser");
  private static final Pattern UNIX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  private final UserStore users;
  private final QueueStore queues;
  private final Json json;

  UserRoutes(UserStore users, QueueStore queues, Json json) {
    this.users = users;
    this.queues = queues;
    this.json = json;
  }

  void list(Context ctx) {
    AdminOnly.check(ctx);
    json.write(ctx, 200, users.list().stream().map(Views::user).toList());
  }

  void create(Context ctx) {
    AdminOnly.check(ctx);
    JsonNode body = json.read(ctx);
    var fields = new Fields(body, FIELDS);
    var name = Fields.name("name", fields.string("name", null));
    var roleText = fields.string("role", null);
    var role = Role.parse(roleText).orElseThrow(() -> ApiException.invalid("role", "must be admin, member or viewer"));
    var memberOf = fields.strings("queues");
    if (memberOf == null) memberOf = List.of();
    for (var queue : memberOf) {
      if (queues.find(queue).isEmpty()) throw new ApiException(ApiError.UNKNOWN_QUEUE, "queue '" + queue + "' does not exist", "queues");
    }
    var user = new User(name, role, memberOf.stream().distinct().sorted().toList(), unixUser(fields.string("unixUser", null)));
    if (!users.create(user)) throw new ApiException(ApiError.CONFLICT, "user '" + name + "' exists");
    ctx.header("Location", "/api/v1/users/" + name);
    json.write(ctx, 201, Views.user(user));
  }

  private static String unixUser(String account) {
    if (account == null) return null;
    if (!UNIX_USER.matcher(account).matches()) throw ApiException.invalid("unixUser", "must be a Unix account name (a-z, 0-9, '_', '-')");
    if (account.equals("root")) throw ApiException.invalid("unixUser", "a user's jobs never run as root");
    return account;
  }

  void whoami(Context ctx) {
    json.write(ctx, 200, Views.user(Authenticator.caller(ctx)));
  }
}
