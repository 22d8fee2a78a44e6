package dev.sluice.k8s.read;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Kubernetes quantities in the core's units: CPU and GPUs in thousandths, memory in MiB (rounded up). */
public final class KubeQuantities {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal MIB = BigDecimal.valueOf(1L << 20);
  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final java.util.regex.Pattern BIG_EXPONENT = java.util.regex.Pattern.compile("(?i)e[+-]?\\d{3,}");

  private KubeQuantities() {
  }

  /** Thousandths of the amount (millicores, milli-GPU), rounded up; refuses negatives and overflow. */
  public static long milli(Quantity quantity) {
    return checked(amount(quantity).multiply(THOUSAND).setScale(0, RoundingMode.CEILING));
  }

  /** The amount as MiB of memory, rounded up. */
  public static long mib(Quantity quantity) {
    return checked(amount(quantity).divide(MIB, 0, RoundingMode.CEILING));
  }

  /** The amount as a whole number (a count of devices), rounded down. */
  public static long count(Quantity quantity) {
    return checked(amount(quantity).setScale(0, RoundingMode.FLOOR));
  }

  /**
   * The quantity's value, refusing what would cost more than a number should to compute with: more than 40
   * characters, or an exponent beyond ±30 (such as {@code 1e-100000000}, whose arithmetic takes minutes).
   */
  public static BigDecimal amount(Quantity quantity) {
    String text = quantity.getAmount() == null ? "" : quantity.getAmount();
    String format = quantity.getFormat() == null ? "" : quantity.getFormat();
    if (text.length() + format.length() > 40) throw new NumberFormatException("too long: " + text.substring(0, Math.min(text.length(), 40)) + "…");
    var plain = new BigDecimal(text.isEmpty() ? "0" : text);
    if (Math.abs(plain.scale()) > 30 || (!format.isEmpty() && BIG_EXPONENT.matcher(format).matches())) {
      throw new NumberFormatException("out of range: " + text + format);
    }
    return Quantity.getAmountInBytes(quantity);
  }

  /** Millicores or milli-GPU as a quantity, e.g. 1500 → {@code 1500m}, 2000 → {@code 2}. */
  public static Quantity ofMilli(long milli) {
    return milli % 1000 == 0 ? new Quantity(Long.toString(milli / 1000)) : new Quantity(milli + "m");
  }

  public static Quantity ofMib(long mib) {
    return new Quantity(mib + "Mi");
  }

  private static long checked(BigDecimal value) {
    if (value.signum() < 0) throw new NumberFormatException("must not be negative, was " + value.toPlainString());
    if (value.compareTo(MAX) > 0) throw new NumberFormatException("too large: " + value.toPlainString());
    return value.longValueExact();
  }
}
