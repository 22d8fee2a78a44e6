package dev.sluice.server.control;

import java.time.Instant;

/** One sample of the host's GPU allocation and job counts. */
public record UtilizationPoint(Instant at, long gpuAllocatedMilli, long gpuCapacityMilli, int running, int pending) {
}
