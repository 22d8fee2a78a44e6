package dev.sluice.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** A token to store: its SHA-256 (hex), whose it is, what it is for, where it came from, its expiry or null. */
public record NewToken(String userName, String tokenHash, String description, TokenOrigin origin, Instant expiresAt) {
  /** The longest description stored (the column's width). */
  public static final int MAX_DESCRIPTION = 200;
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public NewToken {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(description, "description");
    if (tokenHash == null || !SHA256_HEX.matcher(tokenHash).matches()) {
      throw new IllegalArgumentException("tokenHash must be a SHA-256 in lower-case hex");
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException("description is longer than " + MAX_DESCRIPTION + " characters");
    }
  }

  /** A token created through the API that never expires and says nothing about itself. */
  public static NewToken of(String userName, String tokenHash) {
    return new NewToken(userName, tokenHash, "", TokenOrigin.API, null);
  }
}
