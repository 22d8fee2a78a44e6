package dev.sluice.cli.client;

import dev.sluice.core.model.NicBandwidth;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads amounts a person types: memory as {@code 20GiB}/{@code 512Mi}/{@code 2G}, CPUs as {@code 2}/{@code 500m},
 * NIC bandwidth as {@code 25G} (decimal bits per second, unlike memory).
 */
public final class Quantities {
  private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ti?b?|gi?b?|mi?b?)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d+)?)(m)?");
  private static final Pattern LIFETIME = Pattern.compile("(\\d{1,9})([smhdw])");

  private Quantities() {
  }

  /** Picocli converter for memory options. */
  public static final class Memory implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return mebibytes(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Picocli converter for CPU options. */
  public static final class Cpu implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return cpuMilli(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * Memory in MiB. Units: MiB/Mi/M/MB, GiB/Gi/G/GB, TiB/Ti/T/TB, all binary; a bare number is MiB.
   *
   * @throws IllegalArgumentException saying which forms are accepted
   */
  public static long mebibytes(String text) {
    var match = MEMORY.matcher(text.strip());
    if (!match.matches()) throw new IllegalArgumentException("'" + text + "' is not an amount of memory (e.g. 512MiB, 20GiB)");
    var number = new BigDecimal(match.group(1));
    var unit = match.group(2) == null ? "m" : match.group(2).substring(0, 1).toLowerCase(Locale.ROOT);
    var factor = switch (unit) {
      case "t" -> 1024L * 1024;
      case "g" -> 1024L;
      default -> 1L;
    };
    var mib = number.multiply(BigDecimal.valueOf(factor));
    if (mib.signum() <= 0) throw new IllegalArgumentException("must be more than 0, was '" + text + "'");
    if (mib.stripTrailingZeros().scale() > 0) throw new IllegalArgumentException("'" + text + "' is not a whole number of MiB");
    return mib.longValueExact();
  }

  /** Picocli converter for NIC bandwidth: {@code 25G}, {@code 400Gbps}, {@code 100M} ({@link NicBandwidth}). */
  public static final class Bandwidth implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return NicBandwidth.parseMbps(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Picocli converter for lifetimes such as {@code 30d}. */
  public static final class Lifetime implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return seconds(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A pause in seconds: a {@link Lifetime}, or none ({@code 0}, {@code 0s}). */
  public static final class Pause implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      if (value.strip().matches("0+[smhdw]?")) return 0L;
      return new Lifetime().convert(value);
    }
  }

  /** A lifetime in seconds: a whole number and a unit, s, m, h, d or w ({@code 90m}, {@code 30d}). */
  public static long seconds(String text) {
    var match = LIFETIME.matcher(text.strip());
    if (!match.matches()) throw new IllegalArgumentException("'" + text + "' is not a lifetime (e.g. 3600s, 90m, 12h, 30d, 2w)");
    long unit = switch (match.group(2)) {
      case "m" -> 60;
      case "h" -> 3600;
      case "d" -> 86_400;
      case "w" -> 604_800;
      default -> 1;
    };
    long seconds = Long.parseLong(match.group(1)) * unit;
    if (seconds <= 0) throw new IllegalArgumentException("must be more than 0, was '" + text + "'");
    return seconds;
  }

  /** CPUs in thousandths of a core: {@code 2} → 2000, {@code 0.5} → 500, {@code 500m} → 500. */
  public static long cpuMilli(String text) {
    var match = CPU.matcher(text.strip());
    if (!match.matches()) throw new IllegalArgumentException("'" + text + "' is not a number of CPUs (e.g. 2, 0.5, 500m)");
    var number = new BigDecimal(match.group(1));
    var milli = match.group(2) != null ? number : number.multiply(BigDecimal.valueOf(1000));
    if (milli.signum() <= 0) throw new IllegalArgumentException("must be more than 0, was '" + text + "'");
    if (milli.stripTrailingZeros().scale() > 0) throw new IllegalArgumentException("'" + text + "' is finer than 1m (a thousandth of a CPU)");
    return milli.longValueExact();
  }
}
