package dev.sluice.local.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Tells whether a CUDA MPS control daemon runs on this host, in which case the launcher caps a fractional
 * job's compute and memory through MPS's client variables. Asked at each launch: the daemon may come and go.
 */
@FunctionalInterface
public interface MpsProbe {
  /** Where the control daemon keeps its pipes unless {@code CUDA_MPS_PIPE_DIRECTORY} says otherwise. */
  Path DEFAULT_PIPE_DIRECTORY = Path.of("/tmp/nvidia-mps");

  boolean daemonRunning();

  /** A daemon runs when {@code pipeDirectory/control} exists and is a named pipe (FIFO). */
  static MpsProbe controlPipeIn(Path pipeDirectory) {
    Path control = pipeDirectory.resolve("control");
    return () -> {
      try {
        return Files.readAttributes(control, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
      } catch (IOException e) {
        return false;
      }
    };
  }

  /** Looks where MPS clients started with {@code environment} would: its CUDA_MPS_PIPE_DIRECTORY, or the default. */
  static MpsProbe fromEnvironment(Map<String, String> environment) {
    String directory = environment.get("CUDA_MPS_PIPE_DIRECTORY");
    return controlPipeIn(directory == null || directory.isBlank() ? DEFAULT_PIPE_DIRECTORY : Path.of(directory));
  }

  /** For hosts (and tests) that never use MPS. */
  static MpsProbe never() {
    return () -> false;
  }
}
