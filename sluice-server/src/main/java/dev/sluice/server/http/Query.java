package dev.sluice.server.http;

import io.javalin.http.Context;

/** Query parameters, refused with the parameter's name when malformed. */
final class Query {
  private Query() {
  }

  static long integer(Context ctx, String name, long fallback, long min, long max) {
    var text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) return fallback;
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name, "must be an integer, was '" + text + "'");
    }
    if (value < min || value > max) throw ApiException.invalid(name, "must be in " + min + ".." + max + ", was " + value);
    return value;
  }
}
