package dev.sluice.local.gpu;

import dev.sluice.core.spi.DiscoveredGpu;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPUs declared for a demo ({@code --simulate-gpus}) on a host that has none, or fewer.
 *
 * <p>Grammar (case-insensitive suffix, no spaces inside a group; spaces around commas are ignored):
 * <pre>
 *   spec   = group *( "," group )
 *   group  = [ count "x" ] model "-" memory
 *   count  = 1..64                      (default 1)
 *   model  = letters, digits, "_", "." and "-" (at least one letter or digit), e.g. H100, A100, RTX-4090
 *   memory = 1..4096 followed by "GB" or "GiB"; both mean GiB (1024 MiB)
 * </pre>
 * The memory is the part after the last {@code -}, so a model may contain dashes. Examples:
 * {@code 4xH100-80GB}, {@code 2xA100-40GB,1xT4-16GB}, {@code RTX-4090-24GB}. Devices are numbered from 0 in
 * the order written, at most 256 in all; each gets a made-up UUID {@code SIM-<uuid>} that is the same every
 * time for the same index and model, and {@code simulated = true}.
 */
public final class SimulatedGpus {
  static final int MAX_COUNT = 64;
  static final int MAX_DEVICES = 256;
  static final long MAX_GIB = 4096;
  private static final Pattern GROUP =
      Pattern.compile("(?:(\\d+)x)?([a-z0-9_.][a-z0-9_.-]*)-(\\d+)(?:GB|GiB)", Pattern.CASE_INSENSITIVE);
  private static final String EXPECTED = "expected [COUNTx]MODEL-MEMORYGB, e.g. 4xH100-80GB";

  private SimulatedGpus() {
  }

  /**
   * The inventory a spec declares, with source {@code "simulated"}.
   *
   * @throws IllegalArgumentException naming the bad part of the spec
   */
  public static FixedGpuInventory parse(String spec) {
    if (spec == null || spec.isBlank()) throw new IllegalArgumentException("GPU spec is empty; " + EXPECTED);
    List<DiscoveredGpu> gpus = new ArrayList<>();
    for (String rawGroup : spec.split(",", -1)) {
      String group = rawGroup.strip();
      Matcher m = GROUP.matcher(group);
      if (!m.matches()) throw bad(group, EXPECTED);
      int count = m.group(1) == null ? 1 : parseBounded(group, m.group(1), "count", MAX_COUNT);
      String model = m.group(2);
      long memoryMib = parseBounded(group, m.group(3), "memory in GB", MAX_GIB) * 1024L;
      if (gpus.size() + count > MAX_DEVICES) throw bad(group, "more than " + MAX_DEVICES + " GPUs in all");
      for (int i = 0; i < count; i++) {
        int index = gpus.size();
        gpus.add(new DiscoveredGpu(index, model, memoryMib, uuid(index, model), true));
      }
    }
    return new FixedGpuInventory(gpus, "simulated");
  }

  private static int parseBounded(String group, String digits, String what, long max) {
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw bad(group, what + " " + digits + " is too large");
    }
    if (value < 1 || value > max) throw bad(group, what + " must be 1.." + max + ", was " + value);
    return (int) value;
  }

  private static IllegalArgumentException bad(String group, String why) {
    return new IllegalArgumentException("bad GPU spec part '" + group + "': " + why);
  }

  private static String uuid(int index, String model) {
    byte[] seed = ("sluice-simulated-gpu/" + index + "/" + model).getBytes(StandardCharsets.UTF_8);
    return "SIM-" + UUID.nameUUIDFromBytes(seed);
  }
}
