package dev.sluice.k8s.read;

import java.util.Objects;

/** A value read from a user's object, or what is wrong with it, naming the field. */
public sealed interface Parsed<T> {
  record Ok<T>(T value) implements Parsed<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * @param field   where the problem is, e.g. {@code metadata.annotations[sluice.dev/gpu-fraction]}
   * @param message what is wrong and what would be right
   */
  record Invalid<T>(String field, String message) implements Parsed<T> {
    public Invalid {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }

    public String text() {
      return field + ": " + message;
    }

    public <U> Invalid<U> as() {
      return new Invalid<>(field, message);
    }
  }
}
