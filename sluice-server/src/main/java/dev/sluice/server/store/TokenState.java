package dev.sluice.server.store;

import java.util.Locale;

/** Whether a token is accepted: active, or refused because it was revoked or has expired. */
public enum TokenState {
  ACTIVE, REVOKED, EXPIRED;

  /** The state as the API spells it: {@code active}, {@code revoked}, {@code expired}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
