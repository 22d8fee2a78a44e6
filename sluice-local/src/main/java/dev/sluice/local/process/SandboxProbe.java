package dev.sluice.local.process;

import dev.sluice.core.spi.LaunchException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether a sandbox works on this host: it runs {@code true} in it, the whole command line a job would get, in a
 * work directory of its own (some kernels forbid the namespaces, some containers the mounts).
 */
final class SandboxProbe {
  private static final long PROBE_SECONDS = 10;

  private SandboxProbe() {
  }

  static boolean works(JobSandbox sandbox) {
    try {
      var work = Files.createTempDirectory("sluice-sandbox-probe");
      try {
        var probe = new ProcessBuilder(sandbox.wrap(List.of("true"), work, "sandbox probe", Optional.empty()))
            .directory(work.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!probe.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
          probe.destroyForcibly();
          return false;
        }
        return probe.exitValue() == 0;
      } finally {
        Files.deleteIfExists(work);
      }
    } catch (IOException | LaunchException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
