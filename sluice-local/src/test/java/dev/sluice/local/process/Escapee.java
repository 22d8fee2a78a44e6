package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A process a job starts that leaves the job's process group and session and clears its environment
 * ({@code setsid env -i sleep}), so that neither the group kill nor a look for {@code SLUICE_RUN_DIR} finds it. It is
 * told apart from every other process (the job's shell names it too) by its whole command line, with a number of
 * seconds of its own.
 */
final class Escapee {
  private final String seconds = "3000." + ThreadLocalRandom.current().nextInt(100_000_000, 1_000_000_000);

  /** What a job's shell runs to start it in the background. */
  String start() {
    return "setsid env -i /bin/sleep " + seconds + " & ";
  }

  /** Waits until it runs, checks that it has left {@code jobGroup} and has no environment, and returns its pid. */
  long awaitEscaped(long jobGroup) {
    long pid = await("the escapee to run").atMost(Jobs.WAIT).until(this::find, Optional::isPresent).orElseThrow();
    assertThat(ProcStat.processGroup(pid)).as("its process group").isEqualTo(pid).isNotEqualTo(jobGroup);
    assertThat(environment(pid)).as("its environment").isEmpty();
    return pid;
  }

  /** Waits until it has gone (a zombie has: its command line is empty). */
  void awaitGone() {
    await("the escapee to end").atMost(Jobs.WAIT).until(() -> find().isEmpty());
  }

  /** Kills it if it still runs, so that a failing test leaves nothing behind. */
  void kill() {
    find().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
  }

  private Optional<Long> find() {
    return ProcessHandle.allProcesses().map(ProcessHandle::pid)
        .filter(pid -> read(Path.of("/proc", Long.toString(pid), "cmdline")).equals("/bin/sleep\0" + seconds + "\0")).findFirst();
  }

  private static String environment(long pid) {
    return read(Path.of("/proc", Long.toString(pid), "environ"));
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
