package dev.sluice.sim.trace;

import dev.sluice.core.model.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Reads an openb node list: {@code sn,cpu_milli,memory_mib,gpu,model}. */
public final class NodeListReader {
  private static final List<String> COLUMNS = List.of("sn", "cpu_milli", "memory_mib", "gpu", "model");
  private static final int MAX_GPUS_PER_NODE = 64;

  private NodeListReader() {
  }

  public static List<Node> read(Path file) throws TraceFormatException {
    var table = CsvTable.read(file, COLUMNS);
    var nodes = new ArrayList<Node>(table.size());
    var names = new HashSet<String>();
    for (int i = 0; i < table.size(); i++) {
      var row = table.row(i);
      var name = row.text("sn");
      if (name.isEmpty()) throw row.error("sn", "empty node name");
      if (!names.add(name)) throw row.error("sn", "duplicate node name '" + name + "'");
      long cpu = row.wholeNumber("cpu_milli", 0, Long.MAX_VALUE);
      long memory = row.wholeNumber("memory_mib", 0, Long.MAX_VALUE);
      int gpus = (int) row.wholeNumber("gpu", 0, MAX_GPUS_PER_NODE);
      var model = row.text("model");
      if (gpus > 0 && (model.isEmpty() || model.equalsIgnoreCase("nan"))) {
        throw row.error("model", "a node with GPUs needs a GPU model");
      }
      nodes.add(Node.uniform(name, cpu, memory, gpus, model));
    }
    if (nodes.isEmpty()) throw new TraceFormatException(file, 0, null, "no nodes in the file");
    return List.copyOf(nodes);
  }
}
