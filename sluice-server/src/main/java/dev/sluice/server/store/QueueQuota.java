package dev.sluice.server.store;

/**
 * A queue's terms for one resource, in the resource's unit (GPU milli, CPU milli, memory MiB).
 *
 * @param limit        null for unlimited
 * @param lendingLimit null for unlimited
 */
public record QueueQuota(long deserved, Long limit, double overQuotaWeight, Long lendingLimit) {
}
