package dev.sluice.cli;

import dev.sluice.sim.trace.PodListWriter;
import dev.sluice.sim.trace.TraceFormatException;
import dev.sluice.sim.trace.TracePod;
import dev.sluice.sim.variant.PodMix;
import dev.sluice.sim.variant.WorkloadVariant;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "vary", mixinStandardHelpOptions = true,
    description = {"Resamples a pod list to another mix and writes it in the openb format (see docs/placement.md).",
        "A share left out keeps the source's value. Prints the source's, the target and the variant's mix."})
final class TraceVaryCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TraceOptions traces;

  @Option(names = "--cpu-share", paramLabel = "X", description = "CPU-only pods' share of all pods' CPU request.")
  Double cpuShare;

  @Option(names = "--sharing-share", paramLabel = "Y",
      description = "Pods on a fraction of one GPU: their share of all GPU milli requested.")
  Double sharingShare;

  @Option(names = "--multi-gpu-share", paramLabel = "Z",
      description = "Pods on several GPUs: their share of all GPU milli requested.")
  Double multiGpuShare;

  @Option(names = "--gpu-spec-share", paramLabel = "W",
      description = "Share of the GPU pods (by count) tied to GPU models (gpu_spec).")
  Double gpuSpecShare;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--sampling", paramLabel = "HOW", defaultValue = "ROUNDS",
      description = "ROUNDS (every source pod of a kind once before any twice) or INDEPENDENT (with replacement); default: ${DEFAULT-VALUE}.")
  WorkloadVariant.Sampling sampling;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The pod list to write.")
  Path out;

  @Override
  public Integer call() throws UserInputException, TraceFormatException, IOException {
    var source = traces.readTracePods();
    var sourceMix = PodMix.of(source.stream().map(TracePod::request).toList());
    var target = target(sourceMix);
    var nodes = traces.readNodes();
    List<TracePod> variant;
    try {
      variant = WorkloadVariant.of(source, target, nodes, sampling, new SplittableRandom(seed));
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    PodListWriter.write(variant, out);
    var print = spec.commandLine().getOut();
    print.println("source  " + sourceMix + "  (" + source.size() + " pods)");
    print.println("target  " + target);
    print.println("variant " + PodMix.of(variant.stream().map(TracePod::request).toList()) + "  (" + variant.size()
        + " pods)  -> " + out);
    return 0;
  }

  private PodMix target(PodMix source) throws UserInputException {
    try {
      return new PodMix(orElse(cpuShare, source.cpuShare()), orElse(sharingShare, source.sharingShare()),
          orElse(multiGpuShare, source.multiGpuShare()), orElse(gpuSpecShare, source.gpuSpecShare()));
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
  }

  private static double orElse(Double given, double sourceValue) {
    return given != null ? given : sourceValue;
  }
}
