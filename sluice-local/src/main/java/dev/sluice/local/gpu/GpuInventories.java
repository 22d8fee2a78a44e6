package dev.sluice.local.gpu;

import dev.sluice.core.spi.GpuInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks how to find this host's GPUs: the {@code --simulate-gpus} spec when one is given, else NVML, else
 * {@code nvidia-smi}, else none.
 */
public final class GpuInventories {
  private GpuInventories() {
  }

  /**
   * The inventory for a {@code --simulate-gpus} option: the declared devices when {@code simulateSpec} is
   * present, else what {@link #detect()} finds.
   *
   * @throws IllegalArgumentException naming the bad part of a bad spec (see {@link SimulatedGpus})
   */
  public static GpuInventory choose(Optional<String> simulateSpec) throws InterruptedException {
    return simulateSpec.isPresent() ? SimulatedGpus.parse(simulateSpec.get()) : detect();
  }

  /** The real GPUs: NVML first, then nvidia-smi; source {@code "none"} with no devices when neither works. */
  public static GpuInventory detect() throws InterruptedException {
    return detect(NvmlInventory.LIBRARY, "nvidia-smi", new ArrayList<>());
  }

  /**
   * As {@link #detect()}, with the library and program to try named, and why each way that did not work
   * did not, added to {@code reasons} (for a {@code sluice nodes --verbose} or a log line).
   */
  public static GpuInventory detect(String nvmlLibrary, String nvidiaSmi, List<String> reasons)
      throws InterruptedException {
    Discovery nvml = NvmlInventory.discover(nvmlLibrary);
    if (nvml instanceof Discovery.Found(FixedGpuInventory inventory)) return inventory;
    reasons.add("NVML: " + ((Discovery.Unavailable) nvml).reason());
    Discovery smi = NvidiaSmiInventory.discover(nvidiaSmi);
    if (smi instanceof Discovery.Found(FixedGpuInventory inventory)) return inventory;
    reasons.add("nvidia-smi: " + ((Discovery.Unavailable) smi).reason());
    return FixedGpuInventory.none();
  }
}
