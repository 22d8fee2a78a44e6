package dev.sluice.core.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a launcher needs to start one job on this host.
 *
 * @param jobId        the job's id, unique for the life of the store
 * @param command      the program and its arguments; not empty
 * @param environment  extra environment variables for the job (the launcher adds the GPU ones)
 * @param gpuIndices   the host's GPUs the job may use, by index; empty for a CPU-only job
 * @param gpuMilli     the share of each of those GPUs in thousandths: 1000 for whole GPUs
 * @param gpuMemoryMib the GPU memory the job may use on each GPU; 0 when not limited
 * @param workDir      the job's working directory
 * @param stdout       file the job's standard output is appended to
 * @param stderr       file the job's standard error is appended to
 * @param runAs        the Unix account the job runs as (a launcher running as root switches to it; never root);
 *                     null: the launcher's own
 */
public record LaunchRequest(String jobId, List<String> command, Map<String, String> environment,
                            List<Integer> gpuIndices, int gpuMilli, long gpuMemoryMib, Path workDir,
                            Path stdout, Path stderr, String runAs) {
  /**
   * Variables a job may not set: they change how programs load (the dynamic loader's {@code LD_*},
   * {@code GCONV_PATH}, {@code GLIBC_TUNABLES}, locale and resolver files) or how a shell reads its input, and the
   * job's environment reaches the programs that start it (the wrapper, the sandbox, the switch of account) before
   * it gives up the launcher's privileges.
   */
  public static boolean isUnsafeVariable(String name) {
    return name.startsWith("LD_") || UNSAFE.contains(name);
  }

  private static final java.util.Set<String> UNSAFE = java.util.Set.of("GCONV_PATH", "GLIBC_TUNABLES", "LOCPATH", "NLSPATH",
      "HOSTALIASES", "RESOLV_HOST_CONF", "LOCALDOMAIN", "RES_OPTIONS", "MALLOC_CHECK_", "MALLOC_PERTURB_", "BASH_ENV", "ENV", "IFS",
      "CDPATH", "SHELLOPTS", "BASHOPTS", "PS4");

  /** A job run as the launcher's own account. */
  public LaunchRequest(String jobId, List<String> command, Map<String, String> environment, List<Integer> gpuIndices,
                       int gpuMilli, long gpuMemoryMib, Path workDir, Path stdout, Path stderr) {
    this(jobId, command, environment, gpuIndices, gpuMilli, gpuMemoryMib, workDir, stdout, stderr, null);
  }

  public LaunchRequest {
    Objects.requireNonNull(jobId, "jobId");
    command = List.copyOf(command);
    if (command.isEmpty()) throw new IllegalArgumentException("job " + jobId + ": command must not be empty");
    environment = Map.copyOf(environment);
    gpuIndices = List.copyOf(gpuIndices);
    if (gpuMilli < 0 || gpuMilli > 1000) {
      throw new IllegalArgumentException("job " + jobId + ": gpuMilli must be in 0..1000, was " + gpuMilli);
    }
    if (gpuMemoryMib < 0) throw new IllegalArgumentException("job " + jobId + ": gpuMemoryMib must be >= 0");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }
}
