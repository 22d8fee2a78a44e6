/*
 * A stand-in for libnvidia-ml.so.1, written for Sluice's tests from NVML's documented C signatures, so that
 * the FFM binding is exercised on a machine without a GPU. Two devices; build with -DFAIL_INIT for a driver
 * that does not load.
 */
#include <stdio.h>
#include <string.h>

typedef int result_t;             /* nvmlReturn_t: a C enum */
typedef struct fake_device *handle_t; /* nvmlDevice_t: an opaque pointer */
typedef struct { unsigned long long total, free, used; } memory_t; /* nvmlMemory_t */

typedef struct {                  /* nvmlPciInfo_t */
  char busIdLegacy[16];
  unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
  char busId[32];
} pci_info_t;

struct fake_device { const char *name; const char *uuid; unsigned long long total; unsigned int bus; const char *busId; };
static struct fake_device devices[2] = {
  { "Fake H100 80GB HBM3", "GPU-fake-0000", 85520809984ULL, 0x19, "00000000:19:00.0" },  /* 81559 MiB */
  { "Fake T4", "GPU-fake-0001", 16106127360ULL, 0xab, "00000000:AB:00.0" },              /* 15360 MiB */
};
static int initialised = 0;

result_t nvmlInit_v2(void) {
#ifdef FAIL_INIT
  return 9;
#else
  initialised = 1;
  return 0;
#endif
}

result_t nvmlShutdown(void) { initialised = 0; return 0; }

const char *nvmlErrorString(result_t r) { return r == 9 ? "Driver Not Loaded" : "Fake Error"; }

static result_t copy(const char *text, char *out, unsigned int length) {
  if (strlen(text) + 1 > length) return 7; /* NVML_ERROR_INSUFFICIENT_SIZE */
  strcpy(out, text);
  return 0;
}

result_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
  return initialised ? copy("570.86.15", version, length) : 1;
}

result_t nvmlDeviceGetCount_v2(unsigned int *count) {
  if (!initialised) return 1;
  *count = 2;
  return 0;
}

result_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, handle_t *device) {
  if (!initialised) return 1;
  if (index >= 2) return 2; /* NVML_ERROR_INVALID_ARGUMENT */
  *device = &devices[index];
  return 0;
}

result_t nvmlDeviceGetName(handle_t device, char *name, unsigned int length) {
  return copy(device->name, name, length);
}

result_t nvmlDeviceGetUUID(handle_t device, char *uuid, unsigned int length) {
  return copy(device->uuid, uuid, length);
}

result_t nvmlDeviceGetMemoryInfo(handle_t device, memory_t *memory) {
  memory->total = device->total;
  memory->used = 1048576ULL;
  memory->free = device->total - memory->used;
  return 0;
}

result_t nvmlDeviceGetPciInfo_v3(handle_t device, pci_info_t *pci) {
  memset(pci, 0, sizeof *pci);
  snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "0000:%02X:00.0", device->bus);
  pci->bus = device->bus;
  pci->pciDeviceId = 0x233010de;
  strcpy(pci->busId, device->busId);
  return 0;
}
