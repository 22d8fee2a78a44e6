package dev.sluice.core.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * NIC bandwidth as people write it, in the one notation the CLI, the API's documentation and Kubernetes
 * annotations share: a number and a decimal unit of bits per second, {@code M} (megabit), {@code G} (gigabit)
 * or {@code T} (terabit), optionally followed by {@code bps}, {@code b/s} or {@code bit/s}; a bare number is
 * Mbit/s. Examples: {@code 25G}, {@code 400Gbps}, {@code 1.6T}, {@code 100M}, {@code 2500}. The unit is
 * case-insensitive; the amount must come to a whole number of Mbit/s in 1..{@link #MAX_MBPS}.
 */
public final class NicBandwidth {
  /** The most any one NIC, pod or job may state: 100 Tbit/s, far above any card and far from overflow. */
  public static final long MAX_MBPS = 100_000_000L;
  private static final Pattern FORM =
      Pattern.compile("(\\d{1,12}(?:\\.\\d{1,6})?)\\s*([mgt])?(?:bps|b/s|bit/s)?", Pattern.CASE_INSENSITIVE);
  private static final String EXAMPLES = "e.g. 25G, 400Gbps, 1.6T, 100M; a bare number is Mbit/s";

  private NicBandwidth() {
  }

  /**
   * The bandwidth {@code text} states, in Mbit/s.
   *
   * @throws IllegalArgumentException saying what is wrong and which forms are accepted
   */
  public static long parseMbps(String text) {
    var match = FORM.matcher(text == null ? "" : text.strip());
    if (!match.matches()) throw new IllegalArgumentException("'" + shown(text) + "' is not a bandwidth (" + EXAMPLES + ")");
    long factor = switch (match.group(2) == null ? "m" : match.group(2).toLowerCase(Locale.ROOT)) {
      case "t" -> 1_000_000L;
      case "g" -> 1_000L;
      default -> 1L;
    };
    var mbps = new BigDecimal(match.group(1)).multiply(BigDecimal.valueOf(factor));
    if (mbps.stripTrailingZeros().scale() > 0) throw new IllegalArgumentException("'" + text + "' is not a whole number of Mbit/s");
    if (mbps.signum() <= 0) throw new IllegalArgumentException("must be more than 0, was '" + text + "'");
    if (mbps.compareTo(BigDecimal.valueOf(MAX_MBPS)) > 0) {
      throw new IllegalArgumentException("must be at most " + format(MAX_MBPS) + ", was '" + text + "'");
    }
    return mbps.longValueExact();
  }

  /** The shortest exact form of {@code mbps} in this notation: {@code 25G}, {@code 1.6T}, {@code 2500M}... */
  public static String format(long mbps) {
    if (mbps >= 1_000_000 && mbps % 100_000 == 0) return BigDecimal.valueOf(mbps, 6).stripTrailingZeros().toPlainString() + "T";
    if (mbps >= 1_000 && mbps % 1_000 == 0) return mbps / 1_000 + "G";
    return mbps + "M";
  }

  private static String shown(String text) {
    if (text == null) return "";
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
