package dev.sluice.cli;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.sim.trace.NodeListReader;
import dev.sluice.sim.trace.PodListReader;
import dev.sluice.sim.trace.TraceFormatException;
import dev.sluice.sim.trace.TracePod;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --nodes} and {@code --pods}, defaulting to the shared Alibaba 2023 trace. */
final class TraceOptions {
  @Option(names = "--nodes", paramLabel = "FILE",
      description = "Node list CSV (sn,cpu_milli,memory_mib,gpu,model). Default: the openb cluster in ../shared/traces (1,213 GPU nodes; all 1,523 nodes for simulate replay).")
  Path nodes;

  @Option(names = "--pods", paramLabel = "FILE",
      description = "Pod list CSV (openb format). Default: openb_pod_list_default.csv in ../shared/traces.")
  Path pods;

  Path nodesFile() throws UserInputException {
    return nodesFile(TraceFiles.DEFAULT_NODES);
  }

  /** {@code --nodes}, or {@code defaultFile} of the shared Alibaba 2023 trace. */
  Path nodesFile(String defaultFile) throws UserInputException {
    return nodes != null ? nodes : TraceFiles.alibaba2023(defaultFile, "--nodes");
  }

  Path podsFile() throws UserInputException {
    return pods != null ? pods : TraceFiles.alibaba2023(TraceFiles.DEFAULT_PODS, "--pods");
  }

  List<Node> readNodes() throws UserInputException, TraceFormatException {
    return NodeListReader.read(nodesFile());
  }

  List<Node> readNodesFrom(Path file) throws TraceFormatException {
    return NodeListReader.read(file);
  }

  List<PodRequest> readPods() throws UserInputException, TraceFormatException {
    return readTracePods().stream().map(TracePod::request).toList();
  }

  /** The pods with their QoS class and times. */
  List<TracePod> readTracePods() throws UserInputException, TraceFormatException {
    return PodListReader.read(podsFile());
  }
}
