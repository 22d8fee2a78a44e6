package dev.sluice.core.scheduler;

import java.util.Objects;

/**
 * Where a gang's pods may go in the cluster's topology: all within one domain of {@code level} (a rack, a block, a
 * zone, as nodes are labelled), or, when only preferred, in one domain if any has room for them and anywhere
 * otherwise. {@link #NONE} places each pod where it fits best.
 *
 * @param level    the topology level, as nodes name it ({@link dev.sluice.core.model.Node#topology()}); empty for none
 * @param required whether the gang waits rather than span domains
 */
public record TopologyConstraint(String level, boolean required) {
  public static final TopologyConstraint NONE = new TopologyConstraint("", false);

  public TopologyConstraint {
    Objects.requireNonNull(level, "level");
    if (level.isEmpty() && required) throw new IllegalArgumentException("a required topology constraint needs a level");
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
