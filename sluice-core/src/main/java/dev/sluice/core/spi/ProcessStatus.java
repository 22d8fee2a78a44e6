package dev.sluice.core.spi;

import java.util.Objects;

/** Where a launched job's process stands. */
public sealed interface ProcessStatus permits ProcessStatus.Running, ProcessStatus.Exited, ProcessStatus.Lost {
  /** Still running. */
  record Running() implements ProcessStatus {
  }

  /** Ended with {@code exitCode} (128 + n when killed by signal n). */
  record Exited(int exitCode) implements ProcessStatus {
  }

  /** Gone without a recorded exit code (e.g. it ended while no control plane was watching); says why. */
  record Lost(String reason) implements ProcessStatus {
    public Lost {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
