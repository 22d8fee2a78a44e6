package dev.sluice.cli.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table whose columns line up; the last column is not padded; control characters are escaped. */
public final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = List.of(header);
  }

  public Table row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, header has " + header.size());
    }
    rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : Terminal.safe(c.toString())).toList());
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintWriter out) {
    var widths = new int[header.size()];
    for (var line : allLines()) {
      for (int i = 0; i < line.size(); i++) widths[i] = Math.max(widths[i], line.get(i).length());
    }
    for (var line : allLines()) {
      var text = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        var cell = line.get(i);
        text.append(cell);
        if (i < line.size() - 1) text.append(" ".repeat(widths[i] - cell.length() + 2));
      }
      out.println(text.toString().stripTrailing());
    }
    out.flush();
  }

  private List<List<String>> allLines() {
    var lines = new ArrayList<List<String>>();
    lines.add(header);
    lines.addAll(rows);
    return lines;
  }
}
