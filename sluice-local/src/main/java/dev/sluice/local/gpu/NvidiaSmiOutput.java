package dev.sluice.local.gpu;

import dev.sluice.core.spi.DiscoveredGpu;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code nvidia-smi --query-gpu=index,name,memory.total,uuid --format=csv,noheader,nounits}
 * prints: one line per GPU, e.g. {@code 0, NVIDIA H100 80GB HBM3, 81559, GPU-4f6c...}, memory in MiB.
 * A name may contain commas (the fields around it are fixed); a memory nvidia-smi cannot tell
 * ({@code [N/A]}, {@code [Not Supported]}) reads as 0. Blank lines are skipped.
 */
public final class NvidiaSmiOutput {
  private NvidiaSmiOutput() {
  }

  /** The GPUs the output lists. @throws IllegalArgumentException naming the line that is not as expected */
  public static List<DiscoveredGpu> parse(String output) {
    List<DiscoveredGpu> gpus = new ArrayList<>();
    String[] lines = output.split("\\R");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (!line.isEmpty()) gpus.add(parseLine(line, n + 1));
    }
    return gpus;
  }

  private static DiscoveredGpu parseLine(String line, int lineNumber) {
    String[] fields = line.split(",");
    if (fields.length < 4) throw bad(lineNumber, line, "expected 4 fields: index, name, memory.total, uuid");
    int last = fields.length - 1;
    String name = String.join(",", java.util.Arrays.copyOfRange(fields, 1, last - 1)).strip();
    String uuid = fields[last].strip();
    if (name.isEmpty()) throw bad(lineNumber, line, "the name is empty");
    if (uuid.isEmpty()) throw bad(lineNumber, line, "the uuid is empty");
    int index = (int) number(fields[0].strip(), lineNumber, line, "index");
    long memoryMib = memory(fields[last - 1].strip(), lineNumber, line);
    return new DiscoveredGpu(index, name, memoryMib, uuid, false);
  }

  private static long memory(String field, int lineNumber, String line) {
    if (field.startsWith("[")) return 0;
    return number(field, lineNumber, line, "memory.total");
  }

  private static long number(String field, int lineNumber, String line, String what) {
    try {
      long value = Long.parseLong(field);
      if (value >= 0 && (!what.equals("index") || value <= Integer.MAX_VALUE)) return value;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(lineNumber, line, what + " '" + field + "' is not a non-negative whole number");
  }

  private static IllegalArgumentException bad(int lineNumber, String line, String why) {
    return new IllegalArgumentException("nvidia-smi output line " + lineNumber + " '" + line + "': " + why);
  }
}
