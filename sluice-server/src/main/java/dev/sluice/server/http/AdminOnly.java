package dev.sluice.server.http;

import io.javalin.http.Context;

/** The check for routes only an admin may use. */
final class AdminOnly {
  private AdminOnly() {
  }

  static void check(Context ctx) {
    var caller = Authenticator.caller(ctx);
    if (!caller.isAdmin()) throw new ApiException(ApiError.FORBIDDEN, "only an admin may do this (you are " + caller.role().wireName() + ")");
  }
}
