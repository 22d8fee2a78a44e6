package dev.sluice.local.gpu;

import dev.sluice.core.spi.DiscoveredGpu;
import dev.sluice.local.fabric.PciLocality;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code nvidia-smi --query-gpu=index,name,memory.total,uuid,pci.bus_id --format=csv,noheader,nounits}
 * prints: one line per GPU, e.g. {@code 0, NVIDIA H100 80GB HBM3, 81559, GPU-4f6c..., 00000000:19:00.0}, memory
 * in MiB. A name may contain commas (the fields around it are fixed); a memory nvidia-smi cannot tell
 * ({@code [N/A]}, {@code [Not Supported]}) reads as 0. Blank lines are skipped. The bus id places the GPU on the
 * host's PCIe tree through sysfs ({@link PciLocality}); one sysfs does not list leaves its locality unknown.
 */
public final class NvidiaSmiOutput {
  private NvidiaSmiOutput() {
  }

  /** The GPUs the output lists, located in {@code pci}. @throws IllegalArgumentException naming the line that is not as expected */
  public static List<DiscoveredGpu> parse(String output, PciLocality pci) {
    List<DiscoveredGpu> gpus = new ArrayList<>();
    String[] lines = output.split("\\R");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (!line.isEmpty()) gpus.add(parseLine(line, n + 1, pci));
    }
    return gpus;
  }

  private static DiscoveredGpu parseLine(String line, int lineNumber, PciLocality pci) {
    String[] fields = line.split(",");
    if (fields.length < 5) throw bad(lineNumber, line, "expected 5 fields: index, name, memory.total, uuid, pci.bus_id");
    int memoryField = fields.length - 3;
    String name = String.join(",", java.util.Arrays.copyOfRange(fields, 1, memoryField)).strip();
    String uuid = fields[memoryField + 1].strip();
    if (name.isEmpty()) throw bad(lineNumber, line, "the name is empty");
    if (uuid.isEmpty()) throw bad(lineNumber, line, "the uuid is empty");
    int index = (int) number(fields[0].strip(), lineNumber, line, "index");
    long memoryMib = memory(fields[memoryField].strip(), lineNumber, line);
    return new DiscoveredGpu(index, name, memoryMib, uuid, false, pci.ofBusId(fields[memoryField + 2]));
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
