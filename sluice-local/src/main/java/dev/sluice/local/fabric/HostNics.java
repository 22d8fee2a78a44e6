package dev.sluice.local.fabric;

import dev.sluice.core.model.NicDevice;
import java.util.List;

/**
 * The NICs discovery found on this host, and the physical ones it left out with why (for people: a link
 * whose speed the driver does not report cannot promise bandwidth).
 *
 * @param nics    by name
 * @param skipped e.g. {@code "eth0: link speed unknown (speed reads -1)"}
 */
public record HostNics(List<NicDevice> nics, List<String> skipped) {
  public static final HostNics NONE = new HostNics(List.of(), List.of());

  public HostNics {
    nics = List.copyOf(nics);
    skipped = List.copyOf(skipped);
  }
}
