package dev.sluice.local.process;

import dev.sluice.core.spi.LaunchRequest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The environment a job starts with: the control plane's own, the request's variables over it, and the
 * launcher's over both, so that a job cannot widen the GPUs or share it was given. The programs that start the
 * job get only the first and the last ({@link #starting}); the request's own ({@link #requested}) reach the job's
 * command alone.
 *
 * <ul>
 *   <li>{@code CUDA_VISIBLE_DEVICES} — the job's GPU indices, comma-separated; empty (no GPU visible) for a
 *       CPU-only job. {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} so that CUDA numbers GPUs as NVML and nvidia-smi do.
 *   <li>{@code SLUICE_JOB_ID}, {@code SLUICE_GPU_FRACTION} (e.g. {@code 0.5}; {@code 0} without GPUs) and
 *       {@code SLUICE_GPU_MEMORY_MIB} (only when the memory is limited), always.
 *   <li>{@code SLUICE_RUN_DIR} — the launch's run directory (set by the launcher): how a restart finds, in
 *       {@code /proc}, what of a launch still runs even where its run directory says nothing.
 *   <li>With an MPS daemon running and GPUs given: {@code CUDA_MPS_ACTIVE_THREAD_PERCENTAGE} (the fraction in
 *       per cent, rounded up, at least 1) and {@code CUDA_MPS_PINNED_DEVICE_MEM_LIMIT} as {@code 0=20480M,1=20480M}
 *       for each device the job sees (MPS numbers them as the job does, after CUDA_VISIBLE_DEVICES), from the
 *       request's memory or else from the fraction of the device's memory when that is known.
 * </ul>
 */
final class JobEnvironment {
  static final String VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";
  static final String DEVICE_ORDER = "CUDA_DEVICE_ORDER";
  static final String THREAD_PERCENTAGE = "CUDA_MPS_ACTIVE_THREAD_PERCENTAGE";
  static final String PINNED_MEMORY_LIMIT = "CUDA_MPS_PINNED_DEVICE_MEM_LIMIT";
  static final String JOB_ID = "SLUICE_JOB_ID";
  static final String GPU_FRACTION = "SLUICE_GPU_FRACTION";
  static final String GPU_MEMORY_MIB = "SLUICE_GPU_MEMORY_MIB";
  static final String RUN_DIR = "SLUICE_RUN_DIR";
  private static final List<String> SET_BY_LAUNCHER = List.of(VISIBLE_DEVICES, DEVICE_ORDER, THREAD_PERCENTAGE,
      PINNED_MEMORY_LIMIT, JOB_ID, GPU_FRACTION, GPU_MEMORY_MIB, RUN_DIR);

  private JobEnvironment() {
  }

  /**
   * @param base         the control plane's environment
   * @param mpsRunning   whether an MPS control daemon runs
   * @param deviceMemory the memory in MiB of the GPU with a given index, when known
   */
  static Map<String, String> of(LaunchRequest request, Map<String, String> base, boolean mpsRunning,
                                IntFunction<OptionalLong> deviceMemory) {
    var env = new HashMap<>(starting(request, base, mpsRunning, deviceMemory));
    env.putAll(requested(request));
    return env;
  }

  /**
   * The environment the programs that start the job run with (the wrapper, the sandbox, the switch of account):
   * the control plane's own, less its secrets, and the launcher's variables; not the request's own, which reach
   * only the job's command ({@link JobWrapper#APPLY_REQUESTED}).
   */
  static Map<String, String> starting(LaunchRequest request, Map<String, String> base, boolean mpsRunning,
                                      IntFunction<OptionalLong> deviceMemory) {
    Map<String, String> env = new HashMap<>(base);
    SET_BY_LAUNCHER.forEach(env::remove);
    env.keySet().removeIf(JobEnvironment::isControlPlaneSecret);
    boolean hasGpus = !request.gpuIndices().isEmpty();
    env.put(VISIBLE_DEVICES, request.gpuIndices().stream().map(String::valueOf).collect(Collectors.joining(",")));
    env.put(DEVICE_ORDER, "PCI_BUS_ID");
    env.put(JOB_ID, request.jobId());
    env.put(GPU_FRACTION, hasGpus ? fraction(request.gpuMilli()) : "0");
    if (request.gpuMemoryMib() > 0) env.put(GPU_MEMORY_MIB, Long.toString(request.gpuMemoryMib()));
    else env.remove(GPU_MEMORY_MIB);
    env.remove(THREAD_PERCENTAGE);
    env.remove(PINNED_MEMORY_LIMIT);
    if (mpsRunning && hasGpus) {
      env.put(THREAD_PERCENTAGE, Integer.toString(Math.clamp((request.gpuMilli() + 9) / 10, 1, 100)));
      pinnedMemoryLimit(request, deviceMemory).ifPresent(limit -> env.put(PINNED_MEMORY_LIMIT, limit));
    }
    return env;
  }

  /**
   * The control plane's own credentials (database user and password, API token) stay out of a job's
   * environment: a job runs with the rights of whoever submitted it, not of the control plane.
   */
  static boolean isControlPlaneSecret(String name) {
    return name.startsWith("SLUICE_DB_") || name.equals("SLUICE_TOKEN");
  }

  /**
   * The request's own variables, which only the job's command gets (not the programs that start it and drop
   * privileges): not those the launcher sets, nor unsafe ones ({@link LaunchRequest#isUnsafeVariable}).
   */
  static Map<String, String> requested(LaunchRequest request) {
    var vars = new java.util.TreeMap<String, String>();
    request.environment().forEach((name, value) -> {
      if (!SET_BY_LAUNCHER.contains(name) && !LaunchRequest.isUnsafeVariable(name)) vars.put(name, value);
    });
    return vars;
  }

  /** {@code requested} as lines a POSIX shell evaluates: {@code export NAME='value'}, quotes escaped. */
  static String asShell(Map<String, String> requested) {
    var lines = new StringBuilder();
    requested.forEach((name, value) -> {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("not a variable name: " + name);
      lines.append("export ").append(name).append("='").append(value.replace("'", "'\\''")).append("'\n");
    });
    return lines.toString();
  }

  /** Thousandths as a plain decimal: 500 → "0.5", 1000 → "1", 125 → "0.125". */
  static String fraction(int milli) {
    return BigDecimal.valueOf(milli, 3).stripTrailingZeros().toPlainString();
  }

  private static Optional<String> pinnedMemoryLimit(LaunchRequest request, IntFunction<OptionalLong> deviceMemory) {
    StringJoiner limits = new StringJoiner(",");
    List<Integer> gpus = request.gpuIndices();
    for (int ordinal = 0; ordinal < gpus.size(); ordinal++) {
      OptionalLong mib = limitMib(request, deviceMemory.apply(gpus.get(ordinal)));
      if (mib.isPresent()) limits.add(ordinal + "=" + mib.getAsLong() + "M");
    }
    return limits.length() == 0 ? Optional.empty() : Optional.of(limits.toString());
  }

  private static OptionalLong limitMib(LaunchRequest request, OptionalLong deviceMib) {
    if (request.gpuMemoryMib() > 0) return OptionalLong.of(request.gpuMemoryMib());
    if (request.gpuMilli() >= 1000 || deviceMib.isEmpty() || deviceMib.getAsLong() == 0) return OptionalLong.empty();
    return OptionalLong.of(Math.max(1, deviceMib.getAsLong() * request.gpuMilli() / 1000));
  }
}
