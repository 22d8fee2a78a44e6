/**
 * Jobs as processes of this host: {@link dev.sluice.local.process.ProcessLauncher} implements the core's
 * {@link dev.sluice.core.spi.Launcher}, starting each job under a small shell wrapper that records its exit code
 * so that jobs survive, and are adopted after, a restart of the control plane.
 */
package dev.sluice.local.process;
