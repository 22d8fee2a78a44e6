package dev.sluice.sim.report;

import dev.sluice.core.placement.Decision;
import dev.sluice.sim.fgd.FgdResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * {@code placements.csv}: every decision of every run, {@code seed,policy,pod,node,gpus}, pods in arrival
 * order, GPUs as indices joined by {@code -}; node and GPUs empty for a dropped pod.
 */
public final class PlacementsCsv {
  private PlacementsCsv() {
  }

  public static void write(FgdResult result, Path file) throws IOException {
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("seed,policy,pod,node,gpus");
      out.newLine();
      for (var run : result.runs()) {
        if (run.placements() == null) throw new IllegalArgumentException("the runs kept no placements");
        for (var decision : run.placements()) {
          out.write(run.seed() + "," + run.policy() + "," + decision.pod().name() + "," + where(decision));
          out.newLine();
        }
      }
    }
  }

  private static String where(Decision decision) {
    return switch (decision) {
      case Decision.Placed p -> p.nodeName() + "," + p.gpus().stream().map(String::valueOf).collect(Collectors.joining("-"));
      case Decision.Unschedulable u -> ",";
    };
  }
}
