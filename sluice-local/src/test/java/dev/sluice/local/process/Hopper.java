package dev.sluice.local.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A process that forks and exits in a tight loop: each generation starts the next in the background and ends, so
 * its pid changes all the time and it has no parent but init (a subreaper that lists {@code /proc} and then kills
 * may always be one generation late). Told apart from every other process by its command line, with a marker of
 * its own.
 */
final class Hopper {
  private static final String SCRIPT = "hop.sh";
  private final String marker = "sluice-hopper-" + ThreadLocalRandom.current().nextInt(100_000_000, 1_000_000_000);

  /** Writes the hopping script into the job's work directory. */
  void writeInto(Path workDir) throws IOException {
    Files.writeString(workDir.resolve(SCRIPT), "/bin/sh \"$0\" \"$1\" &\n");
  }

  /** What a job's shell runs, in its work directory, to start it. */
  String start() {
    return "/bin/sh ./" + SCRIPT + " " + marker + " & ";
  }

  void awaitHopping() {
    await("the hopper to run").atMost(Jobs.WAIT).until(() -> !generations().isEmpty());
  }

  /** Waits until no generation has been seen for a whole second (one that hops is missing only for an instant). */
  void awaitGoneForGood() {
    await("the hopper to end").atMost(Jobs.WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> generations().isEmpty() && stillGone(Duration.ofSeconds(1)));
  }

  /** Kills what is left of it, round after round, so that a failing test leaves nothing behind. */
  void kill() {
    for (int round = 0; round < 1_000 && !generations().isEmpty(); round++) {
      generations().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  private boolean stillGone(Duration span) throws InterruptedException {
    long end = System.nanoTime() + span.toNanos();
    while (System.nanoTime() < end) {
      if (!generations().isEmpty()) return false;
      Thread.sleep(5);
    }
    return true;
  }

  private List<Long> generations() {
    String cmdline = "/bin/sh\0./" + SCRIPT + "\0" + marker + "\0";
    return ProcessHandle.allProcesses().map(ProcessHandle::pid)
        .filter(pid -> cmdline(pid).equals(cmdline)).toList();
  }

  private static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
