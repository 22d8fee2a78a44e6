package dev.sluice.sim.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an openb pod list that {@link PodListReader} reads back: the trace's columns, {@code gpu_spec} as
 * the allowed models sorted and joined by {@code |}, an absent time as an empty cell. {@code pod_phase} is
 * not kept by {@link TracePod} and is written empty.
 */
public final class PodListWriter {
  static final List<String> COLUMNS = List.of("name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli", "gpu_spec",
      "qos", "pod_phase", "creation_time", "deletion_time", "scheduled_time");

  private PodListWriter() {
  }

  public static void write(List<TracePod> pods, Path file) throws IOException {
    var format = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).setRecordSeparator('\n').get();
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8); var printer = new CSVPrinter(out, format)) {
      for (var pod : pods) {
        var request = pod.request();
        printer.printRecord(request.name(), request.cpuMilli(), request.memoryMib(), request.gpuCount(),
            request.gpuMilliPerGpu(), String.join("|", request.allowedGpuModels().stream().sorted().toList()),
            pod.qos(), "", time(pod.creationTime()), time(pod.deletionTime()), time(pod.scheduledTime()));
      }
    }
  }

  private static String time(long seconds) {
    return seconds == TracePod.ABSENT ? "" : Long.toString(seconds);
  }
}
