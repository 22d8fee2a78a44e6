package dev.sluice.server.store;

/** Resources used by one user in one queue, over finished and running jobs. */
public record UsageRow(String queue, String user, double gpuHours, double cpuHours) {
}
