package dev.sluice.server.http;

import java.util.Objects;

/** A request the API refuses; mapped once to {@code application/problem+json}. */
public final class ApiException extends RuntimeException {
  private final ApiError error;
  private final String field;

  public ApiException(ApiError error, String detail, String field) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.error = Objects.requireNonNull(error, "error");
    this.field = field;
  }

  public ApiException(ApiError error, String detail) {
    this(error, detail, null);
  }

  public static ApiException invalid(String field, String detail) {
    return new ApiException(ApiError.INVALID_FIELD, field + ": " + detail, field);
  }

  public static ApiException notFound(String what) {
    return new ApiException(ApiError.NOT_FOUND, what + " does not exist");
  }

  public ApiError error() {
    return error;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }
}
