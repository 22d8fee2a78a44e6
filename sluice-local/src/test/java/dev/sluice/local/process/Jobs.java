package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.spi.LaunchRequest;
import dev.sluice.core.spi.ProcessRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Requests and bounded waits for the process tests. */
final class Jobs {
  static final Duration WAIT = Duration.ofSeconds(20);

  private Jobs() {
  }

  /** A shell job: {@code /bin/sh -c script}, its output in {@code dir/<id>.out} and {@code .err}. */
  static LaunchRequest shell(Path dir, String jobId, String script) {
    return request(dir, jobId, List.of("/bin/sh", "-c", script), Map.of(), List.of(), 1000, 0);
  }

  static LaunchRequest request(Path dir, String jobId, List<String> command, Map<String, String> env,
                               List<Integer> gpus, int milli, long memoryMib) {
    return new LaunchRequest(jobId, command, env, gpus, milli, memoryMib, dir.resolve("work"),
        dir.resolve(jobId + ".out"), dir.resolve(jobId + ".err"));
  }

  /** Waits, at most {@link #WAIT}, for the job's wrapper to end (it has recorded the exit code by then). */
  static void awaitEnd(ProcessRef ref) throws InterruptedException {
    awaitEnd(ref.pid());
  }

  /**
   * Waits, at most {@link #WAIT}, for the process {@code pid} to end. An orphan is reaped by whatever init the
   * machine has, and some containers' init never reaps: a zombie counts as ended.
   */
  static void awaitEnd(long pid) throws InterruptedException {
    awaitTrue("process " + pid + " to end", () -> !isRunning(pid));
  }

  /** Whether {@code pid} is a live process that has not ended (a zombie has). */
  static boolean isRunning(long pid) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && !ProcStat.isZombie(pid);
  }

  /** Polls {@code condition} every 20 ms for at most {@link #WAIT}; fails the test if it never holds. */
  static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waited %s for %s", WAIT, what).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
