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

  /** Adds a token, given by its hash, to an existing user. */
  void addToken(String userName, String tokenHash);

  /** The user holding the token with this hash. */
  Optional<User> findByTokenHash(String tokenHash);
}
