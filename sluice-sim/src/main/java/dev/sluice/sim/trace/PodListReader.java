package dev.sluice.sim.trace;

import dev.sluice.core.model.PodRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Reads an openb pod list: {@code name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,
 * creation_time,deletion_time,scheduled_time}; {@code gpu_milli} is per GPU and {@code gpu_spec} lists
 * allowed models joined by {@code |}.
 */
public final class PodListReader {
  private static final List<String> COLUMNS = List.of("name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli");
  private static final int MAX_GPUS_PER_POD = 64;

  private PodListReader() {
  }

  public static List<TracePod> read(Path file) throws TraceFormatException {
    var table = CsvTable.read(file, COLUMNS);
    var pods = new ArrayList<TracePod>(table.size());
    for (int i = 0; i < table.size(); i++) {
      pods.add(readPod(table.row(i)));
    }
    if (pods.isEmpty()) throw new TraceFormatException(file, 0, null, "no pods in the file");
    return List.copyOf(pods);
  }

  private static TracePod readPod(CsvTable.Row row) throws TraceFormatException {
    var name = row.text("name");
    if (name.isEmpty()) throw row.error("name", "empty pod name");
    long cpu = row.wholeNumber("cpu_milli", 0, Long.MAX_VALUE);
    long memory = row.wholeNumber("memory_mib", 0, Long.MAX_VALUE);
    int gpus = (int) row.wholeNumber("num_gpu", 0, MAX_GPUS_PER_POD);
    int milli = (int) row.wholeNumber("gpu_milli", 0, PodRequest.WHOLE_GPU);
    if (gpus == 0 && milli != 0) throw row.error("gpu_milli", "must be 0 when num_gpu is 0, was " + milli);
    if (gpus > 0 && milli == 0) throw row.error("gpu_milli", "must be 1..1000 when num_gpu is " + gpus);
    if (gpus > 1 && milli != PodRequest.WHOLE_GPU) {
      throw row.error("gpu_milli", "a fraction of a GPU needs num_gpu 1, not " + gpus);
    }
    var request = new PodRequest(name, cpu, memory, gpus, milli, allowedModels(row));
    return new TracePod(request, optionalText(row, "qos"), row.optionalTime("creation_time", TracePod.ABSENT),
        row.optionalTime("scheduled_time", TracePod.ABSENT), row.optionalTime("deletion_time", TracePod.ABSENT));
  }

  private static LinkedHashSet<String> allowedModels(CsvTable.Row row) throws TraceFormatException {
    var spec = optionalText(row, "gpu_spec");
    var models = new LinkedHashSet<String>();
    if (spec.isEmpty() || spec.equalsIgnoreCase("nan")) return models;
    Arrays.stream(spec.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).forEach(models::add);
    return models;
  }

  private static String optionalText(CsvTable.Row row, String column) throws TraceFormatException {
    return row.hasColumn(column) ? row.text(column) : "";
  }
}
