package dev.sluice.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared traces are: {@code ../shared/traces} beside the repository that holds the launcher
 * (the launcher passes its root as the {@code sluice.home} property), else relative to the working directory.
 */
final class TraceFiles {
  static final String ALIBABA_2023 = "alibaba-gpu-2023";
  static final String DEFAULT_NODES = "openb_node_list_gpu_node.csv";
  static final String ALL_NODES = "openb_node_list_all_node.csv";
  static final String DEFAULT_PODS = "openb_pod_list_default.csv";
  static final String ALIBABA_2025 = "alibaba-gpu-2025";
  static final String DLRM_TRACE = "disaggregated_DLRM_trace.csv";

  private TraceFiles() {
  }

  static Path tracesDir() {
    var home = System.getProperty("sluice.home");
    var root = home == null ? Path.of("") : Path.of(home);
    return root.toAbsolutePath().resolve("../shared/traces").normalize();
  }

  /** The file in the shared Alibaba 2023 trace, or an error that says where to get it. */
  static Path alibaba2023(String file, String option) throws UserInputException {
    var path = tracesDir().resolve(ALIBABA_2023).resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new UserInputException("no " + option + " given and the default trace is missing at " + path
          + "; get the Alibaba cluster-trace-gpu-v2023 CSVs (github.com/alibaba/clusterdata, folder"
          + " cluster-trace-gpu-v2023/csv) into ../shared/traces/" + ALIBABA_2023 + "/ or pass " + option + " FILE");
    }
    return path;
  }

  /** The shared Alibaba 2025 DLRM trace, or an error that says where to get it. */
  static Path alibaba2025(String option) throws UserInputException {
    var path = tracesDir().resolve(ALIBABA_2025).resolve(DLRM_TRACE);
    if (!Files.isRegularFile(path)) {
      throw new UserInputException("no " + option + " given and the DLRM trace is missing at " + path
          + "; get disaggregated_DLRM_trace.csv (github.com/alibaba/clusterdata, folder cluster-trace-gpu-v2025)"
          + " into ../shared/traces/" + ALIBABA_2025 + "/ or pass " + option + " FILE");
    }
    return path;
  }
}
