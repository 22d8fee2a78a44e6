package dev.sluice.server.store;

import java.util.Objects;

/**
 * Why a job waits or how it ended: a stable code a program can parse and a message for people.
 * Codes: {@code no-node-fits}, {@code over-quota}, {@code over-limit}, {@code fair-share}, {@code gang-incomplete},
 * {@code behind-reservation}, {@code waiting}, {@code exited}, {@code killed}, {@code cancelled},
 * {@code preempted}, {@code lost}, {@code launch-failed}.
 */
public record Reason(String code, String message) {
  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Reason waiting() {
    return new Reason("waiting", "waiting for the next scheduling cycle");
  }
}
