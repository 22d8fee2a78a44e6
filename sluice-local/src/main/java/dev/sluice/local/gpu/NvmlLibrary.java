package dev.sluice.local.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The few NVML calls discovery needs, bound through the FFM API. The C signatures (nvml.h) are:
 * <pre>
 *   nvmlReturn_t nvmlInit_v2(void);
 *   nvmlReturn_t nvmlShutdown(void);
 *   const char*  nvmlErrorString(nvmlReturn_t result);
 *   nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length);
 *   nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *deviceCount);
 *   nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device);
 *   nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length);
 *   nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length);
 *   nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory);
 *   nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t *pci);   (optional)
 * </pre>
 * {@code nvmlReturn_t} is a C enum (an {@code int}, 0 = success), {@code nvmlDevice_t} an opaque pointer,
 * {@code nvmlMemory_t} the struct {@code { unsigned long long total, free, used; }} in bytes and
 * {@code nvmlPciInfo_t} the struct {@code { char busIdLegacy[16]; unsigned int domain, bus, device, pciDeviceId,
 * pciSubSystemId; char busId[32]; }}, {@code busId} as {@code "00000000:19:00.0"}.
 */
final class NvmlLibrary {
  /** NVML_DEVICE_NAME_V2_BUFFER_SIZE and NVML_DEVICE_UUID_V2_BUFFER_SIZE. */
  static final int DEVICE_STRING_BUFFER = 96;
  /** NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE. */
  static final int DRIVER_VERSION_BUFFER = 80;
  static final StructLayout MEMORY =
      MemoryLayout.structLayout(JAVA_LONG.withName("total"), JAVA_LONG.withName("free"), JAVA_LONG.withName("used"));
  static final StructLayout PCI_INFO = MemoryLayout.structLayout(MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("busIdLegacy"),
      JAVA_INT.withName("domain"), JAVA_INT.withName("bus"), JAVA_INT.withName("device"), JAVA_INT.withName("pciDeviceId"),
      JAVA_INT.withName("pciSubSystemId"), MemoryLayout.sequenceLayout(32, JAVA_BYTE).withName("busId"));
  private static final int SUCCESS = 0;

  private final Arena arena;
  private final MethodHandle init;
  private final MethodHandle shutdown;
  private final MethodHandle errorString;
  private final MethodHandle driverVersion;
  private final MethodHandle deviceCount;
  private final MethodHandle handleByIndex;
  private final MethodHandle deviceName;
  private final MethodHandle deviceUuid;
  private final MethodHandle memoryInfo;
  /** Absent from drivers older than NVML's v3 of the call: then no GPU's bus id is known. */
  private final Optional<MethodHandle> pciInfo;

  /** Binds the calls in {@code nvml}; {@code arena} holds the buffers. @throws java.util.NoSuchElementException for a missing symbol */
  NvmlLibrary(SymbolLookup nvml, Arena arena) {
    this.arena = arena;
    Linker linker = Linker.nativeLinker();
    init = linker.downcallHandle(nvml.findOrThrow("nvmlInit_v2"), FunctionDescriptor.of(JAVA_INT));
    shutdown = linker.downcallHandle(nvml.findOrThrow("nvmlShutdown"), FunctionDescriptor.of(JAVA_INT));
    errorString = linker.downcallHandle(nvml.findOrThrow("nvmlErrorString"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    driverVersion = linker.downcallHandle(nvml.findOrThrow("nvmlSystemGetDriverVersion"),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    deviceCount = linker.downcallHandle(nvml.findOrThrow("nvmlDeviceGetCount_v2"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    handleByIndex = linker.downcallHandle(nvml.findOrThrow("nvmlDeviceGetHandleByIndex_v2"),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    deviceName = linker.downcallHandle(nvml.findOrThrow("nvmlDeviceGetName"),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    deviceUuid = linker.downcallHandle(nvml.findOrThrow("nvmlDeviceGetUUID"),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    memoryInfo = linker.downcallHandle(nvml.findOrThrow("nvmlDeviceGetMemoryInfo"),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    pciInfo = nvml.find("nvmlDeviceGetPciInfo_v3")
        .map(symbol -> linker.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)));
  }

  void init() {
    check("nvmlInit_v2", call(() -> (int) init.invokeExact()));
  }

  /** Best effort: a failing shutdown changes nothing for discovery. */
  void shutdown() {
    call(() -> (int) shutdown.invokeExact());
  }

  String driverVersion() {
    MemorySegment buffer = arena.allocate(DRIVER_VERSION_BUFFER);
    check("nvmlSystemGetDriverVersion", call(() -> (int) driverVersion.invokeExact(buffer, DRIVER_VERSION_BUFFER)));
    return buffer.getString(0);
  }

  int deviceCount() {
    MemorySegment count = arena.allocate(JAVA_INT);
    check("nvmlDeviceGetCount_v2", call(() -> (int) deviceCount.invokeExact(count)));
    return count.get(JAVA_INT, 0);
  }

  MemorySegment device(int index) {
    MemorySegment handle = arena.allocate(ADDRESS);
    check("nvmlDeviceGetHandleByIndex_v2(" + index + ")", call(() -> (int) handleByIndex.invokeExact(index, handle)));
    return handle.get(ADDRESS, 0);
  }

  String name(MemorySegment device) {
    MemorySegment buffer = arena.allocate(DEVICE_STRING_BUFFER);
    check("nvmlDeviceGetName", call(() -> (int) deviceName.invokeExact(device, buffer, DEVICE_STRING_BUFFER)));
    return buffer.getString(0);
  }

  String uuid(MemorySegment device) {
    MemorySegment buffer = arena.allocate(DEVICE_STRING_BUFFER);
    check("nvmlDeviceGetUUID", call(() -> (int) deviceUuid.invokeExact(device, buffer, DEVICE_STRING_BUFFER)));
    return buffer.getString(0);
  }

  /** Total device memory in bytes, read as the unsigned value it is. */
  long totalMemoryBytes(MemorySegment device) {
    MemorySegment memory = arena.allocate(MEMORY);
    check("nvmlDeviceGetMemoryInfo", call(() -> (int) memoryInfo.invokeExact(device, memory)));
    return memory.get(JAVA_LONG, MEMORY.byteOffset(MemoryLayout.PathElement.groupElement("total")));
  }

  /** The device's PCI bus id ({@code 00000000:19:00.0}); empty when the driver cannot tell. */
  Optional<String> pciBusId(MemorySegment device) {
    if (pciInfo.isEmpty()) return Optional.empty();
    MemorySegment info = arena.allocate(PCI_INFO);
    int result = call(() -> (int) pciInfo.get().invokeExact(device, info));
    if (result != SUCCESS) return Optional.empty();
    return Optional.of(info.getString(PCI_INFO.byteOffset(MemoryLayout.PathElement.groupElement("busId"))));
  }

  private void check(String what, int result) {
    if (result != SUCCESS) throw new NvmlException(what + " failed: " + describe(result) + " (" + result + ")");
  }

  private String describe(int result) {
    MemorySegment text = call(() -> (MemorySegment) errorString.invokeExact(result));
    return text.equals(MemorySegment.NULL) ? "unknown error" : text.reinterpret(256).getString(0);
  }

  private interface NativeCall<T> {
    T run() throws Throwable;
  }

  private static <T> T call(NativeCall<T> nativeCall) {
    try {
      return nativeCall.run();
    } catch (Throwable t) {
      throw new NvmlException("NVML call failed: " + t, t);
    }
  }

  /** An NVML call answered with an error. */
  static final class NvmlException extends RuntimeException {
    NvmlException(String message) {
      super(message);
    }

    NvmlException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
