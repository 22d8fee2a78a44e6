package dev.sluice.local.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * Sends POSIX signals with the C library's {@code int kill(pid_t pid, int sig)}, called through the FFM API:
 * unlike {@link ProcessHandle#destroy()} it reaches a whole process group (a negative pid).
 */
final class Signals {
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;
  private static final int PROBE = 0;
  private final MethodHandle kill;

  Signals() {
    Linker linker = Linker.nativeLinker();
    kill = linker.downcallHandle(linker.defaultLookup().findOrThrow("kill"),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  }

  /** Sends {@code signal} to one process; false when there is no such process (or it is not ours). */
  boolean toProcess(long pid, int signal) {
    return call(checkedPid(pid), signal);
  }

  /** Sends {@code signal} to every process of the group {@code pgid}; false when the group is empty. */
  boolean toGroup(long pgid, int signal) {
    return call(-checkedPid(pgid), signal);
  }

  /** Whether any process is left in the group {@code pgid}. */
  boolean groupExists(long pgid) {
    return toGroup(pgid, PROBE);
  }

  private boolean call(int pid, int signal) {
    try {
      return (int) kill.invokeExact(pid, signal) == 0;
    } catch (Throwable t) {
      throw new IllegalStateException("kill(" + pid + ", " + signal + ") could not be called", t);
    }
  }

  private static int checkedPid(long pid) {
    if (pid <= 1 || pid > Integer.MAX_VALUE) throw new IllegalArgumentException("not a signallable pid: " + pid);
    return (int) pid;
  }
}
