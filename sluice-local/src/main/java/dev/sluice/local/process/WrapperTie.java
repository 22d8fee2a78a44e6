package dev.sluice.local.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ties a sandbox's life to the wrapper that starts it, from its first instant. The sandbox's own "die with my parent"
 * ({@code bwrap --die-with-parent}, {@code unshare --kill-child}) is armed by each of its processes once it runs, and
 * the launch returns as soon as the job's group exists, which is before that: a wrapper killed in between (seen under
 * load) left bubblewrap's PID-namespace init, cloned but not yet armed, running the job on, untracked.
 *
 * <p>So a small shell stands between the wrapper and the sandbox, in the job's process group. {@code setpriv
 * --pdeathsig USR1} starts it, so the kernel sends it SIGUSR1 when the wrapper dies; it checks that its parent is
 * still the wrapper (whose pid the run directory names: the wrapper writes it before it starts anything; a wrapper
 * already gone has handed it to another reaper) and only then, with its handler in place, starts the sandbox and
 * waits for it. On SIGUSR1, once its parent is no longer the wrapper (a SIGUSR1 from anyone else is ignored), it
 * SIGKILLs its whole process group, the sandbox's processes in it, the namespace's init among them, and so everything
 * in the namespace. A SIGTERM the launcher sends the job's group leaves it waiting (the sandbox handles it as before);
 * it traps SIGTERM only once the sandbox is forked (a child forked with the trap in place would keep the handler until
 * it execs, and swallow a SIGTERM that came then; one that comes before ends the shell, and the wrapper, a subreaper,
 * ends the sandbox). It exits with the sandbox's status, which the wrapper records.
 */
final class WrapperTie {
  static final String NAME = "sluice-tie";
  static final String SCRIPT = """
      read -r wrapper < "$1/wrapper-pid" && [ "$PPID" = "$wrapper" ] || exit 137
      shift
      orphaned() { read -r stat < "/proc/$$/stat"; set -- ${stat##*") "}; [ "$2" != "$wrapper" ]; }
      trap 'orphaned && kill -s KILL 0' USR1
      "$@" &
      sandbox=$!
      trap : TERM
      while :; do
        wait "$sandbox"; code=$?
        kill -0 "$sandbox" 2>/dev/null || break
      done
      exit "$code"
      """;

  private WrapperTie() {}

  /** {@code sandboxed}, started so that it ends with the wrapper of the run in {@code runDir}. */
  static List<String> tie(Path setpriv, Path runDir, List<String> sandboxed) {
    var command = new ArrayList<>(List.of(setpriv.toString(), "--pdeathsig", "USR1", "--", JobWrapper.SHELL, "-c", SCRIPT, NAME,
        runDir.toString()));
    command.addAll(sandboxed);
    return command;
  }
}
