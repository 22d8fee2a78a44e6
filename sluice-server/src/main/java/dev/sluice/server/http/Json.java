package dev.sluice.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Reads request bodies and writes responses with one Jackson mapper. */
final class Json {
  private final ObjectMapper mapper = new ObjectMapper();

  JsonNode read(Context ctx) {
    var body = ctx.body();
    if (body.isBlank()) throw new ApiException(ApiError.BAD_JSON, "the request needs a JSON body");
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiException(ApiError.BAD_JSON, "malformed JSON" + where(e) + ": " + e.getOriginalMessage());
    }
  }

  /** " at line L, column C", or nothing where Jackson knows no place (a limit such as nesting depth). */
  private static String where(JsonProcessingException e) {
    var location = e.getLocation();
    if (location == null || location.getLineNr() < 1) return "";
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  void write(Context ctx, int status, Object value) {
    write(ctx, status, value, "application/json");
  }

  void write(Context ctx, int status, Object value, String contentType) {
    try {
      ctx.status(status).contentType(contentType).result(mapper.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the response as JSON", e);
    }
  }
}
