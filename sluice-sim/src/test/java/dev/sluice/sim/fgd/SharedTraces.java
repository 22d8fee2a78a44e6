package dev.sluice.sim.fgd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared traces at {@code ../shared/traces} beside the repository; tests skip, saying so, where absent. */
public final class SharedTraces {
  private SharedTraces() {
  }

  public static Path alibaba2023(String file) {
    return shared("alibaba-gpu-2023", file);
  }

  /** A file of the Alibaba 2025 GPU traces (the disaggregated DLRM trace). */
  public static Path alibaba2025(String file) {
    return shared("alibaba-gpu-2025", file);
  }

  private static Path shared(String traces, String file) {
    var path = repositoryRoot().resolve("../shared/traces").resolve(traces).resolve(file).normalize();
    assumeTrue(Files.isRegularFile(path),
        "skipped: the shared trace " + path + " is absent (it lives in ../shared/traces beside the repository)");
    return path;
  }

  private static Path repositoryRoot() {
    var dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) dir = dir.getParent();
    if (dir == null) throw new IllegalStateException("not inside the repository: " + Path.of("").toAbsolutePath());
    return dir;
  }
}
