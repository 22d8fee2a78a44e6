package dev.sluice.local.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code /proc/PID/stat} says about processes: their state and process group. Linux only. */
final class ProcStat {
  private ProcStat() {
  }

  /**
   * Whether the process has ended but not been reaped: an adopted wrapper's new parent may be a container's
   * init that never reaps, and the JDK counts such a process as alive. Linux only; elsewhere false.
   */
  static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      int endOfName = stat.lastIndexOf(')');
      return endOfName > 0 && endOfName + 2 < stat.length() && stat.charAt(endOfName + 2) == 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  /** The process group of {@code pid}, or -1 when it cannot be read. */
  static long processGroup(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[2]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Whether a process of group {@code pgid} is alive: one that has ended but was never reaped does not count. */
  static boolean hasLiveMember(long pgid, Signals signals) {
    // a scan races with processes that start and end meanwhile: while the group exists, look again before
    // deciding that only zombies are left (a wrong "no" frees the devices of a job that still runs)
    for (int look = 0; look < 3; look++) {
      if (!signals.groupExists(pgid)) return false;
      if (ProcessHandle.allProcesses().anyMatch(p -> processGroup(p.pid()) == pgid && !isZombie(p.pid()))) return true;
    }
    return false;
  }
}
