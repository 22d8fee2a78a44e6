package dev.sluice.server.store;

import java.util.Locale;
import java.util.Optional;

/** What a user may do: everything, submit to and manage jobs of their queues, or only read their queues. */
public enum Role {
  ADMIN, MEMBER, VIEWER;

  /** The role's name as the API spells it: {@code admin}, {@code member}, {@code viewer}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String text) {
    for (var role : values()) if (role.wireName().equals(text)) return Optional.of(role);
    return Optional.empty();
  }
}
