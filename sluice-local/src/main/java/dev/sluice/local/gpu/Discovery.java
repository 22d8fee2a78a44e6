package dev.sluice.local.gpu;

import java.util.Objects;

/** What one way of finding GPUs came up with: the GPUs, or why it could not tell. */
public sealed interface Discovery permits Discovery.Found, Discovery.Unavailable {
  /** This way works here; {@code inventory} may still be empty (a driver with no devices). */
  record Found(FixedGpuInventory inventory) implements Discovery {
    public Found {
      Objects.requireNonNull(inventory, "inventory");
    }
  }

  /** This way does not work on this host; {@code reason} says why, for people. */
  record Unavailable(String reason) implements Discovery {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
