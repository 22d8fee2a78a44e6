package dev.sluice.k8s.read;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Kubernetes quantities in the core's units: CPU and GPUs in thousandths, memory in MiB (rounded up). */
public final class KubeQuantities {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal MIB = BigDecimal.valueOf(1L << 20);
  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private KubeQuantities() {
  }

  /** Thousandths of the amount (millicores, milli-GPU), rounded up; refuses negatives and overflow. */
  public static long milli(Quantity quantity) {
    return checked(Quantity.getAmountInBytes(quantity).multiply(THOUSAND).setScale(0, RoundingMode.CEILING));
  }

  /** The amount as MiB of memory, rounded up. */
  public static long mib(Quantity quantity) {
    return checked(Quantity.getAmountInBytes(quantity).divide(MIB, 0, RoundingMode.CEILING));
  }

  /** The amount as a whole number (a count of devices), rounded down. */
  public static long count(Quantity quantity) {
    return checked(Quantity.getAmountInBytes(quantity).setScale(0, RoundingMode.FLOOR));
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
