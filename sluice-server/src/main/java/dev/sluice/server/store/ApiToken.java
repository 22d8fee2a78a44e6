package dev.sluice.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An API token as stored, without its secret: the id it is named by, whose it is, what it is for, when it
 * was created, when it expires and when it was revoked (each null when it does not).
 */
public record ApiToken(long id, String userName, String description, TokenOrigin origin, Instant createdAt,
                       Instant expiresAt, Instant revokedAt) {
  public ApiToken {
    if (id <= 0) throw new IllegalArgumentException("id must be positive, was " + id);
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether the token is refused at {@code now}, and why. */
  public TokenState state(Instant now) {
    if (revokedAt != null) return TokenState.REVOKED;
    if (expiresAt != null && !now.isBefore(expiresAt)) return TokenState.EXPIRED;
    return TokenState.ACTIVE;
  }
}
