package dev.sluice.core.scheduler;

import java.util.Objects;

/**
 * Where a gang's pods may go in the cluster's topology: all within one domain of {@code level} (a rack, a block, a
 * zone, as nodes are labelled), or, when only preferred, in one domain if any has room for them and anywhere
 * otherwise. {@link #NONE} places each pod where it fits best.
 *
 * @param level    the topology level, as nodes name it ({@link dev.sluice.core.model.Node#topology()}); empty for none
 * @param required whether the gang waits rather than span domains
 * @param domain   the one domain of the level its pods must (or would rather) go to, e.g. where the rest of its gang
 *                 runs; empty for whichever has room
 */
public record TopologyConstraint(String level, boolean required, String domain) {
  public static final TopologyConstraint NONE = new TopologyConstraint("", false, "");

  public TopologyConstraint {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(domain, "domain");
    if (level.isEmpty() && (required || !domain.isEmpty())) throw new IllegalArgumentException("a topology constraint needs a level");
  }

  public TopologyConstraint(String level, boolean required) {
    this(level, required, "");
  }

  /** This constraint, kept to the named domain of its level (where the rest of the gang runs). */
  public TopologyConstraint within(String namedDomain) {
    if (isNone()) throw new IllegalStateException("no level to keep to");
    if (Objects.requireNonNull(namedDomain, "namedDomain").isBlank()) throw new IllegalArgumentException("domain must not be blank");
    return new TopologyConstraint(level, required, namedDomain);
  }

  public static TopologyConstraint required(String level) {
    return new TopologyConstraint(requireLevel(level), true);
  }

  public static TopologyConstraint preferred(String level) {
    return new TopologyConstraint(requireLevel(level), false);
  }

  private static String requireLevel(String level) {
    if (Objects.requireNonNull(level, "level").isBlank()) throw new IllegalArgumentException("topology level must not be blank");
    return level;
  }

  public boolean isNone() {
    return level.isEmpty();
  }
}
