package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.spi.LaunchRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class JobEnvironmentTest {
  private static final IntFunction<OptionalLong> UNKNOWN_MEMORY = index -> OptionalLong.empty();
  private static final IntFunction<OptionalLong> H100_MEMORY = index -> OptionalLong.of(81_920);

  @Test
  void aCpuOnlyJobSeesNoGpuAndAShareOfZero() {
    var env = JobEnvironment.of(request(List.of(), 1000, 0, Map.of()), Map.of("PATH", "/bin"), true, H100_MEMORY);

    assertThat(env).containsEntry("CUDA_VISIBLE_DEVICES", "").containsEntry("SLUICE_GPU_FRACTION", "0")
        .containsEntry("SLUICE_JOB_ID", "job-1").containsEntry("PATH", "/bin")
        .doesNotContainKeys("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "SLUICE_GPU_MEMORY_MIB");
  }

  @Test
  void variablesThatChangeHowProgramsLoadNeverReachTheWrapper() {
    var requested = Map.of("LD_PRELOAD", "/tmp/mal.so", "LD_LIBRARY_PATH", "/tmp", "GCONV_PATH", "/tmp", "MY_SETTING", "1");
    var env = JobEnvironment.of(request(List.of(), 1000, 0, requested), Map.of("PATH", "/bin"), false, UNKNOWN_MEMORY);

    assertThat(env).doesNotContainKeys("LD_PRELOAD", "LD_LIBRARY_PATH", "GCONV_PATH").containsEntry("MY_SETTING", "1");
  }

  @Test
  void wholeGpusAreListedInPciOrder() {
    var env = JobEnvironment.of(request(List.of(2, 5), 1000, 0, Map.of()), Map.of(), false, UNKNOWN_MEMORY);

    assertThat(env).containsEntry("CUDA_VISIBLE_DEVICES", "2,5").containsEntry("CUDA_DEVICE_ORDER", "PCI_BUS_ID")
        .containsEntry("SLUICE_GPU_FRACTION", "1");
  }

  @Test
  void theRequestAddsVariablesButCannotWidenItsGpusOrShare() {
    var requested = Map.of("FOO", "bar", "CUDA_VISIBLE_DEVICES", "0,1,2,3", "SLUICE_GPU_FRACTION", "1");
    var base = Map.of("FOO", "base", "SLUICE_GPU_MEMORY_MIB", "99", "CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "100");

    var env = JobEnvironment.of(request(List.of(1), 250, 0, requested), base, false, UNKNOWN_MEMORY);

    assertThat(env).containsEntry("FOO", "bar").containsEntry("CUDA_VISIBLE_DEVICES", "1")
        .containsEntry("SLUICE_GPU_FRACTION", "0.25")
        .doesNotContainKeys("SLUICE_GPU_MEMORY_MIB", "CUDA_MPS_ACTIVE_THREAD_PERCENTAGE");
  }

  @Test
  void theControlPlanesCredentialsStayOutOfTheJob() {
    var base = Map.of("PATH", "/bin", "SLUICE_DB_PASSWORD", "s3cret", "SLUICE_DB_USER", "sluice", "SLUICE_TOKEN", "t");

    var env = JobEnvironment.of(request(List.of(), 1000, 0, Map.of()), base, false, UNKNOWN_MEMORY);

    assertThat(env).containsEntry("PATH", "/bin").doesNotContainKeys("SLUICE_DB_PASSWORD", "SLUICE_DB_USER", "SLUICE_TOKEN");
  }

  @Test
  void underMpsAHalfGpuWithAMemoryLimitGetsBothCaps() {
    var env = JobEnvironment.of(request(List.of(3, 4), 500, 20_480, Map.of()), Map.of(), true, H100_MEMORY);

    assertThat(env).containsEntry("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "50")
        .containsEntry("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "0=20480M,1=20480M")
        .containsEntry("SLUICE_GPU_MEMORY_MIB", "20480").containsEntry("SLUICE_GPU_FRACTION", "0.5");
  }

  @Test
  void underMpsTheMemoryLimitFollowsTheFractionOfAKnownDevice() {
    var env = JobEnvironment.of(request(List.of(0), 250, 0, Map.of()), Map.of(), true, H100_MEMORY);

    assertThat(env).containsEntry("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "0=20480M")
        .containsEntry("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "25").doesNotContainKey("SLUICE_GPU_MEMORY_MIB");
  }

  @Test
  void underMpsAWholeGpuOrAnUnknownDeviceGetsNoMemoryLimit() {
    var whole = JobEnvironment.of(request(List.of(0), 1000, 0, Map.of()), Map.of(), true, H100_MEMORY);
    var unknown = JobEnvironment.of(request(List.of(0), 300, 0, Map.of()), Map.of(), true, UNKNOWN_MEMORY);

    assertThat(whole).containsEntry("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "100").doesNotContainKey("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT");
    assertThat(unknown).containsEntry("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "30").doesNotContainKey("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT");
  }

  @Test
  void aTinyShareStillGetsOnePerCentOfTheThreads() {
    var env = JobEnvironment.of(request(List.of(0), 1, 0, Map.of()), Map.of(), true, UNKNOWN_MEMORY);

    assertThat(env).containsEntry("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "1").containsEntry("SLUICE_GPU_FRACTION", "0.001");
  }

  @Test
  void fractionsArePlainDecimals() {
    assertThat(JobEnvironment.fraction(500)).isEqualTo("0.5");
    assertThat(JobEnvironment.fraction(125)).isEqualTo("0.125");
    assertThat(JobEnvironment.fraction(1000)).isEqualTo("1");
    assertThat(JobEnvironment.fraction(0)).isEqualTo("0");
  }

  private static LaunchRequest request(List<Integer> gpus, int milli, long memoryMib, Map<String, String> env) {
    Path dir = Path.of("/tmp/sluice-test");
    return new LaunchRequest("job-1", List.of("true"), env, gpus, milli, memoryMib, dir, dir.resolve("out"), dir.resolve("err"));
  }
}
