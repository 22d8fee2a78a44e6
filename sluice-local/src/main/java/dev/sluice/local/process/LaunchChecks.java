package dev.sluice.local.process;

import dev.sluice.core.spi.LaunchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What a launch checks, and prepares, before it starts anything; each failure says what is wrong in one line. */
final class LaunchChecks {
  private LaunchChecks() {
  }

  static void gpus(List<Integer> gpus, Map<Integer, Long> hostGpus, String job) throws LaunchException {
    for (int i = 0; i < gpus.size(); i++) {
      int gpu = gpus.get(i);
      if (!hostGpus.containsKey(gpu)) {
        throw new LaunchException(job + ": GPU " + gpu + " is not on this host (its GPUs: "
            + (hostGpus.isEmpty() ? "none" : new TreeSet<>(hostGpus.keySet())) + ")");
      }
      if (gpus.subList(0, i).contains(gpu)) throw new LaunchException(job + ": GPU " + gpu + " is listed twice");
    }
  }

  static Path workDir(Path workDir, String job) throws LaunchException {
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new LaunchException(job + ": work directory " + workDir + " cannot be created: " + e.getMessage(), e);
    }
    if (!Files.isWritable(workDir)) throw new LaunchException(job + ": work directory " + workDir + " is not writable");
    return workDir;
  }

  static void outputFile(Path file, String what, String job) throws LaunchException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      try (OutputStream ignored = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        // opened for appending, as the job's process will
      }
    } catch (IOException e) {
      throw new LaunchException(job + ": " + what + " file " + file + " cannot be written: " + e.getMessage(), e);
    }
  }

  static void program(String program, String path, Path workDir, String job) throws LaunchException {
    if (ProgramLookup.find(program, path, workDir).isPresent()) return;
    throw new LaunchException(job + ": program '" + program + "' "
        + (program.contains("/") ? "does not exist or is not executable" : "was not found on the PATH (" + path + ")"));
  }

}
