/**
 * This host's GPUs for the local executor: {@link dev.sluice.local.gpu.GpuInventories#choose} takes the
 * {@code --simulate-gpus} option and returns the declared devices ({@link dev.sluice.local.gpu.SimulatedGpus}) or
 * the real ones, found through NVML loaded with the FFM API ({@link dev.sluice.local.gpu.NvmlInventory}), else
 * through {@code nvidia-smi} ({@link dev.sluice.local.gpu.NvidiaSmiInventory}), else none. Found GPUs carry their
 * PCIe root and NUMA node, read from sysfs by their PCI bus id ({@link dev.sluice.local.fabric.PciLocality}).
 */
package dev.sluice.local.gpu;
