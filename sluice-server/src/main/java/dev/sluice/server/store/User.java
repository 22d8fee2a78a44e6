package dev.sluice.server.store;

import java.util.List;
import java.util.Objects;

/** A person or program that calls the API, with its role and the queues it belongs to. */
public record User(String name, Role role, List<String> queues) {
  public User {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    queues = List.copyOf(queues);
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Whether this user may see the queue (admins see every queue). */
  public boolean sees(String queue) {
    return isAdmin() || queues.contains(queue);
  }
}
