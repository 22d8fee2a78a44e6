package dev.sluice.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A token as {@code /api/v1/users/{name}/tokens} lists it; {@code token}, the secret, only when just created. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiToken(String id, String user, String description, String origin, String state, String createdAt,
                       String expiresAt, String revokedAt, String token) {
}
