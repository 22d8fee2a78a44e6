package dev.sluice.local.gpu;

import dev.sluice.core.spi.GpuInventory;
import dev.sluice.local.fabric.PciLocality;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks how to find this host's GPUs: the {@code --simulate-gpus} spec when one is given, else NVML, else
 * {@code nvidia-smi}, else none.
 */
public final class GpuInventories {
  private GpuInventories() {
  }

  /**
   * What detection found, and why each way tried before it (or every way, for {@code "none"}) did not work.
   *
   * @param inventory   the GPUs and their source
   * @param unavailable e.g. {@code "NVML: libnvidia-ml.so.1 cannot be loaded (no NVIDIA driver here?)"}
   */
  public record Detection(FixedGpuInventory inventory, List<String> unavailable) {
    public Detection {
      Objects.requireNonNull(inventory, "inventory");
      unavailable = List.copyOf(unavailable);
    }
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
    return detect(NvmlInventory.LIBRARY, "nvidia-smi", PciLocality.SYSTEM).inventory();
  }

  /**
   * As {@link #detect()}, with the library and the program to try named, GPUs located through {@code pci}, and
   * the reasons kept.
   */
  public static Detection detect(String nvmlLibrary, String nvidiaSmi, PciLocality pci) throws InterruptedException {
    List<String> unavailable = new ArrayList<>();
    switch (NvmlInventory.discover(nvmlLibrary, pci)) {
      case Discovery.Found(FixedGpuInventory inventory) -> {
        return new Detection(inventory, unavailable);
      }
      case Discovery.Unavailable(String reason) -> unavailable.add("NVML: " + reason);
    }
    switch (NvidiaSmiInventory.discover(nvidiaSmi, pci)) {
      case Discovery.Found(FixedGpuInventory inventory) -> {
        return new Detection(inventory, unavailable);
      }
      case Discovery.Unavailable(String reason) -> unavailable.add("nvidia-smi: " + reason);
    }
    return new Detection(FixedGpuInventory.none(), unavailable);
  }
}
