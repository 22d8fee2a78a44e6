package dev.sluice.server.http;

/** Every error the API answers, with its status and the stable code that ends its problem {@code type}. */
public enum ApiError {
  BAD_JSON(400, "bad-json", "Malformed JSON"),
  INVALID_FIELD(422, "invalid-field", "Invalid field"),
  UNKNOWN_QUEUE(422, "unknown-queue", "Unknown queue"),
  UNSATISFIABLE(422, "unsatisfiable", "Request cannot be satisfied"),
  UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
  FORBIDDEN(403, "forbidden", "Forbidden"),
  NOT_FOUND(404, "not-found", "Not found"),
  CONFLICT(409, "conflict", "Conflict"),
  TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests at once"),
  INTERNAL(500, "internal", "Internal error"),
  UNAVAILABLE(503, "unavailable", "Service unavailable");

  private static final String TYPE_PREFIX = "https://sluice.dev/problems/";
  private final int status;
  private final String code;
  private final String title;

  ApiError(int status, String code, String title) {
    this.status = status;
    this.code = code;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String type() {
    return TYPE_PREFIX + code;
  }
}
