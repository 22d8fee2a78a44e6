package dev.sluice.sim.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV file with a header, read whole, whose cells are parsed with errors that name line and column. */
final class CsvTable {
  private final Path file;
  private final List<NumberedRecord> records;
  private final Map<String, Integer> header;

  private CsvTable(Path file, List<NumberedRecord> records, Map<String, Integer> header) {
    this.file = file;
    this.records = records;
    this.header = header;
  }

  static CsvTable read(Path file, List<String> requiredColumns) throws TraceFormatException {
    var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         var parser = CSVParser.parse(reader, format)) {
      var header = parser.getHeaderMap();
      for (var column : requiredColumns) {
        if (!header.containsKey(column)) {
          throw new TraceFormatException(file, 1, column, "missing column (the header has " + header.keySet() + ")");
        }
      }
      return new CsvTable(file, readAll(file, parser), header);
    } catch (NoSuchFileException e) {
      throw new TraceFormatException(file, 0, null, "no such file");
    } catch (IOException e) {
      throw new TraceFormatException(file, 0, null, "cannot read: " + e.getMessage());
    }
  }

  private record NumberedRecord(CSVRecord record, long line) {}

  private static List<NumberedRecord> readAll(Path file, CSVParser parser) throws TraceFormatException {
    var rows = new ArrayList<NumberedRecord>();
    try {
      long previousLine = 1;
      for (var record : parser) {
        // the parser counts line ends consumed; a last line without one has not been counted yet
        long line = Math.max(previousLine + 1, parser.getCurrentLineNumber());
        rows.add(new NumberedRecord(record, line));
        previousLine = line;
      }
    } catch (UncheckedIOException e) {
      throw new TraceFormatException(file, parser.getCurrentLineNumber(), null, "malformed CSV: " + e.getMessage());
    }
    return rows;
  }

  int size() {
    return records.size();
  }

  Row row(int i) {
    return new Row(records.get(i).record(), records.get(i).line());
  }

  /** One record, with typed access to its cells. */
  final class Row {
    private final CSVRecord record;
    private final long line;

    private Row(CSVRecord record, long line) {
      this.record = record;
      this.line = line;
    }

    /** 1-based line of this row in the file (the header is line 1). */
    long line() {
      return line;
    }

    String text(String column) throws TraceFormatException {
      int index = header.get(column);
      if (index >= record.size()) {
        throw error(column, "missing value (the row has " + record.size() + " of " + header.size() + " columns)");
      }
      return record.get(index);
    }

    long wholeNumber(String column, long min, long max) throws TraceFormatException {
      var text = text(column);
      long value;
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw error(column, "'" + text + "' is not a whole number");
      }
      if (value < min || value > max) throw error(column, value + " is outside " + min + ".." + max);
      return value;
    }

    /** A finite decimal number (e.g. {@code 937.5}) within {@code min..max}. */
    double decimal(String column, double min, double max) throws TraceFormatException {
      var text = text(column);
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw error(column, "'" + text + "' is not a number");
      }
      if (!Double.isFinite(value)) throw error(column, "'" + text + "' is not a finite number");
      if (value < min || value > max) throw error(column, text + " is outside " + min + ".." + max);
      return value;
    }

    /** Whether the cell is empty or NaN, as traces write a value they do not know. */
    boolean isAbsent(String column) throws TraceFormatException {
      var text = text(column);
      return text.isEmpty() || text.equalsIgnoreCase("nan");
    }

    boolean hasColumn(String column) {
      return header.containsKey(column);
    }

    /** A time in seconds; a missing column, an empty or a NaN cell gives {@code absent}. */
    long optionalTime(String column, long absent) throws TraceFormatException {
      if (!hasColumn(column)) return absent;
      var text = text(column);
      if (text.isEmpty() || text.equalsIgnoreCase("nan")) return absent;
      return wholeNumber(column, 0, Long.MAX_VALUE);
    }

    TraceFormatException error(String column, String problem) {
      return new TraceFormatException(file, line(), column, problem);
    }
  }
}
