package dev.sluice.server.store;

import java.util.OptionalLong;

/** Job ids as the API shows them: {@code j-000042} for the job stored as number 42. */
public final class JobIds {
  private static final String PREFIX = "j-";

  private JobIds() {
  }

  public static String format(long seq) {
    return String.format("%s%06d", PREFIX, seq);
  }

  /** The stored number of an id, or empty when the text is not a job id. */
  public static OptionalLong parse(String id) {
    if (id == null || !id.startsWith(PREFIX) || id.length() > PREFIX.length() + 18) return OptionalLong.empty();
    var digits = id.substring(PREFIX.length());
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) return OptionalLong.empty();
    return OptionalLong.of(Long.parseLong(digits));
  }
}
