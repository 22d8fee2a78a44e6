package dev.sluice.local.gpu;

import dev.sluice.core.model.Locality;
import dev.sluice.core.spi.DiscoveredGpu;
import dev.sluice.local.fabric.PciLocality;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Finds GPUs through NVML, the NVIDIA driver's management library, loaded into the JVM with the FFM API
 * (no JNI, no JNA). NVML numbers devices by PCI bus id; the launcher sets {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}
 * so that CUDA counts them the same way. Each device's bus id places it on the host's PCIe tree through sysfs
 * ({@link PciLocality}). Needs native access ({@code --enable-native-access=ALL-UNNAMED},
 * or the JDK prints a warning).
 */
public final class NvmlInventory {
  /** The library's name as the driver installs it. */
  public static final String LIBRARY = "libnvidia-ml.so.1";
  private static final long MIB = 1024L * 1024L;

  private NvmlInventory() {
  }

  /** The GPUs NVML reports, with source {@code "NVML (driver <version>)"}; unavailable without the library. */
  public static Discovery discover() {
    return discover(LIBRARY, PciLocality.SYSTEM);
  }

  /** As {@link #discover()}, from {@code library} (a name or path {@code dlopen} understands), located through {@code pci}. */
  public static Discovery discover(String library, PciLocality pci) {
    try (Arena arena = Arena.ofConfined()) {
      SymbolLookup symbols;
      try {
        symbols = SymbolLookup.libraryLookup(library, arena);
      } catch (IllegalArgumentException e) {
        return new Discovery.Unavailable(library + " cannot be loaded (no NVIDIA driver here?)");
      }
      return read(new NvmlLibrary(symbols, arena), pci);
    } catch (NoSuchElementException e) {
      return new Discovery.Unavailable(library + " lacks an NVML call Sluice needs: " + e.getMessage());
    } catch (IllegalCallerException e) {
      return new Discovery.Unavailable("native access is disabled; run java with --enable-native-access=ALL-UNNAMED");
    }
  }

  private static Discovery read(NvmlLibrary nvml, PciLocality pci) {
    try {
      nvml.init();
    } catch (NvmlLibrary.NvmlException e) {
      return new Discovery.Unavailable(e.getMessage());
    }
    try {
      String source = "NVML (driver " + nvml.driverVersion() + ")";
      return new Discovery.Found(new FixedGpuInventory(devices(nvml, pci), source));
    } catch (NvmlLibrary.NvmlException | IllegalArgumentException e) {
      return new Discovery.Unavailable(e.getMessage());
    } finally {
      nvml.shutdown();
    }
  }

  private static List<DiscoveredGpu> devices(NvmlLibrary nvml, PciLocality pci) {
    int count = nvml.deviceCount();
    if (count < 0) throw new NvmlLibrary.NvmlException("nvmlDeviceGetCount_v2 reported " + Integer.toUnsignedString(count));
    List<DiscoveredGpu> gpus = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      MemorySegment device = nvml.device(index);
      long memoryMib = Long.divideUnsigned(nvml.totalMemoryBytes(device), MIB);
      Locality locality = nvml.pciBusId(device).map(pci::ofBusId).orElse(Locality.UNKNOWN);
      gpus.add(new DiscoveredGpu(index, nvml.name(device), memoryMib, nvml.uuid(device), false, locality));
    }
    return gpus;
  }
}
