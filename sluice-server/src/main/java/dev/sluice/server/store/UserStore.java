package dev.sluice.server.store;

import java.util.List;
import java.util.Optional;

/** Users and their API tokens (kept only as hashes). */
public interface UserStore {
  /** Every user, by name. */
  List<User> list();

  Optional<User> find(String name);

  /** Stores a new user with its queues; false (and nothing stored) when one of that name exists. */
  boolean create(User user);

  /** Adds a token to an existing user. */
  ApiToken addToken(NewToken token);

  /**
   * Adds a token and, in the same transaction, revokes every other active token of its user and origin:
   * a new {@code admin.token} takes the place of the old one.
   */
  ApiToken replaceTokens(NewToken token);

  /**
   * Makes the active token with this hash the user's one of {@code origin} (with {@code description}) and, in the
   * same transaction, revokes every other active token of that user and origin; false when no such active
   * token exists. At a start, the token in {@code admin.token} is the admin file's, whatever an upgrade guessed.
   */
  boolean adoptToken(String userName, String tokenHash, TokenOrigin origin, String description);

  /** The user's tokens, revoked and expired ones included, oldest first. */
  List<ApiToken> tokens(String userName);

  /** Revokes the user's token with this id (a revoked one stays revoked); empty when the user has none such. */
  Optional<ApiToken> revokeToken(String userName, long id);

  /** The user holding the token with this hash, if that token is neither revoked nor expired now. */
  Optional<User> findByTokenHash(String tokenHash);
}
