package dev.sluice.cli.client;

/**
 * Makes text from the server safe to print on a terminal: control characters (escape sequences, carriage
 * returns, bells, bidirectional overrides) become visible escapes such as {@code \e} or a backslash, 'u' and
 * four hex digits, so a job's name cannot rewrite the screen or hide what follows it.
 */
public final class Terminal {
  private Terminal() {
  }

  /** {@code text} with every control character written as an escape; null stays null. */
  public static String safe(String text) {
    if (text == null || text.chars().noneMatch(Terminal::isControl)) return text;
    var out = new StringBuilder(text.length() + 8);
    text.codePoints().forEach(c -> {
      if (!isControl(c)) out.appendCodePoint(c);
      else out.append(escape(c));
    });
    return out.toString();
  }

  private static boolean isControl(int c) {
    return Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT && c != 0x200D;
  }

  private static String escape(int c) {
    return switch (c) {
      case 0x1B -> "\\e";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> String.format(java.util.Locale.ROOT, "\\u%04x", c);
    };
  }
}
