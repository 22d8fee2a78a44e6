package dev.sluice.server.store;

/** How many of a queue's jobs wait, and the GPU milli they ask for together. */
public record PendingLoad(int jobs, long gpuMilli) {
}
