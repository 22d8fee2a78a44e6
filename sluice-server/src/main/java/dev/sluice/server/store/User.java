package dev.sluice.server.store;

import java.util.List;
import java.util.Objects;

/**
 * A person or program that calls the API, with its role, the queues it belongs to and the Unix account its
 * jobs run as under a root control plane (null: none named).
 */
public record User(String name, Role role, List<String> queues, String unixUser) {
  public User {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    queues = List.copyOf(queues);
    if ("root".equals(unixUser)) throw new IllegalArgumentException("a user's jobs never run as root");
  }

  /** A user whose jobs run as the control plane's own account. */
  public User(String name, Role role, List<String> queues) {
    this(name, role, queues, null);
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Whether this user may see the queue (admins see every queue). */
  public boolean sees(String queue) {
    return isAdmin() || queues.contains(queue);
  }
}
