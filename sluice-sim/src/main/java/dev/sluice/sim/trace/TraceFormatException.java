package dev.sluice.sim.trace;

import java.nio.file.Path;

/** A trace file that cannot be read, with the place of the first problem: file, line and column. */
public final class TraceFormatException extends Exception {
  private final transient Path file;
  private final long line;
  private final String column;

  public TraceFormatException(Path file, long line, String column, String problem) {
    super(format(file, line, column, problem));
    this.file = file;
    this.line = line;
    this.column = column;
  }

  private static String format(Path file, long line, String column, String problem) {
    var where = new StringBuilder(file.toString());
    if (line > 0) where.append(':').append(line);
    if (column != null) where.append(", column ").append(column);
    return where + ": " + problem;
  }

  public Path file() {
    return file;
  }

  /** 1-based line of the problem; 0 when it concerns the whole file. */
  public long line() {
    return line;
  }

  /** The column's header name, or null when the problem is not in one column. */
  public String column() {
    return column;
  }
}
