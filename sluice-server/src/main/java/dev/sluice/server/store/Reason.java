package dev.sluice.server.store;

import java.util.Objects;

/**
 * Why a job waits or how it ended: a stable code a program can parse and a message for people.
 * Codes: {@code no-node-fits}, {@code over-quota}, {@code over-limit}, {@code running-cap}, {@code fair-share},
 * {@code gang-incomplete}, {@code behind-reservation}, {@code waiting}, {@code exited}, {@code killed}, {@code cancelled},
 * {@code preempted}, {@code lost}, {@code launch-failed}. A message longer than {@link #MAX_MESSAGE} characters
 * (a launcher's error can be anything) is cut there, so that every reason fits where it is stored.
 */
public record Reason(String code, String message) {
  /** The longest message kept (the width of its column). */
  public static final int MAX_MESSAGE = 2000;
  private static final int MAX_CODE = 32;
  private static final String CUT = " …";

  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (code.isEmpty() || code.length() > MAX_CODE) throw new IllegalArgumentException("a reason code is 1 to 32 characters: " + code);
    if (message.length() > MAX_MESSAGE) message = cut(message);
  }

  private static String cut(String message) {
    int end = MAX_MESSAGE - CUT.length();
    if (Character.isHighSurrogate(message.charAt(end - 1))) end--; // never half a character
    return message.substring(0, end) + CUT;
  }

  public static Reason waiting() {
    return new Reason("waiting", "waiting for the next scheduling cycle");
  }
}
