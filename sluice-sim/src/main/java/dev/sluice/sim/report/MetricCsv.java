package dev.sluice.sim.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code summary.csv} of an experiment: one {@link MetricRow} a line, values to four decimals, NaN as an empty cell. */
public final class MetricCsv {
  public static final String HEADER = "experiment,fleet,policy,metric,value";
  private static final int DECIMALS = 4;

  private MetricCsv() {
  }

  public static void write(List<MetricRow> rows, Path file) throws IOException {
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.newLine();
      for (var row : rows) {
        out.write(String.join(",", row.experiment(), row.fleet(), row.policy(), row.metric(), number(row.value())));
        out.newLine();
      }
    }
  }

  /** At most four decimals, no trailing zeros: {@code 12.5}, {@code 3}, {@code 0.3333}; empty for NaN. */
  static String number(double value) {
    if (Double.isNaN(value)) return "";
    return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
