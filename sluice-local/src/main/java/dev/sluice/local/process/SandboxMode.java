package dev.sluice.local.process;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How jobs are shut in: {@link #AUTO} picks the first of {@link #BUBBLEWRAP} and {@link #NAMESPACES} that works on
 * this host, else {@link #NONE}; the others name one and nothing else.
 */
public enum SandboxMode {
  AUTO("one of the others"),
  BUBBLEWRAP("it needs bwrap (Debian package bubblewrap) and a kernel that lets it make namespaces"),
  NAMESPACES("it needs util-linux's unshare and setpriv and, unless Sluice runs as root, unprivileged user namespaces"),
  NONE("nothing");

  private final String needs;

  SandboxMode(String needs) {
    this.needs = needs;
  }

  /** What the mode needs of the host, for the line that says it cannot work here. */
  public String needs() {
    return needs;
  }

  /** The name people type and read: {@code auto}, {@code bubblewrap}, {@code namespaces}, {@code none}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode {@code label} names; an {@link IllegalArgumentException} listing the choices for any other text. */
  public static SandboxMode parse(String label) {
    return Arrays.stream(values()).filter(mode -> mode.label().equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("'" + label + "' is not a sandbox mode; choose one of " + choices()));
  }

  /** {@code auto, bubblewrap, namespaces, none}. */
  public static String choices() {
    return Arrays.stream(values()).map(SandboxMode::label).collect(Collectors.joining(", "));
  }
}
