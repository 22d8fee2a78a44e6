package dev.sluice.sim.fabric.dlrm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A placement policy of the DLRM replay: whether placement sees the NICs, crossed with the core's scoring
 * policy that ranks the nodes an instance fits ({@code fgd} or {@code sluice}). Named e.g. {@code nic-aware/fgd}.
 */
public record DlrmPolicy(NicVisibility visibility, String scoring) {
  public static final List<String> SCORINGS = List.of("fgd", "sluice");

  public DlrmPolicy {
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(scoring, "scoring");
  }

  /** The six policies of the experiment: nic-blind, nic-pooled and nic-aware, each with fgd and sluice scoring. */
  public static List<DlrmPolicy> all() {
    var all = new ArrayList<DlrmPolicy>();
    for (var visibility : List.of(NicVisibility.BLIND, NicVisibility.POOLED, NicVisibility.AWARE)) {
      for (var scoring : SCORINGS) all.add(new DlrmPolicy(visibility, scoring));
    }
    return List.copyOf(all);
  }

  public String name() {
    return visibility.label() + "/" + scoring;
  }
}
