/**
 * Ports: what the scheduling core needs from the world around it, implemented by the adapters
 * ({@code sluice-local} runs jobs as processes on this machine; {@code sluice-k8s} will bind pods).
 */
package dev.sluice.core.spi;
