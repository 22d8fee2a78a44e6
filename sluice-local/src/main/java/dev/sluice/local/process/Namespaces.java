package dev.sluice.local.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox made with util-linux alone, where bubblewrap is missing: {@code unshare} gives the job a mount, a PID
 * and an IPC namespace of its own (and, under a control plane that is not root, a user namespace in which its user is
 * itself), and {@link #SETUP} lays out the {@link SandboxLayout} in them.
 *
 * <p>{@link #SETUP} runs as the namespaces' first process (PID 1), with the privileges they were made with. It mounts
 * in {@link SandboxLayout}'s order: it binds the work directory to itself, hides each hidden directory under an
 * empty read-only tmpfs, and remounts read-only ({@code /dev} and {@code /proc} aside), with the flags it had (a user
 * namespace locks them), each mount that is visible: one whose mount point, opened, is that mount
 * ({@code /proc/self/fdinfo}'s {@code mnt_id}). A mount covered by another, or inside a hidden directory, is
 * reachable by no path, so it is left as it is, and a mount point stacked many times is remounted once. Any remount
 * that fails ends the setup ({@code set -e}): the job does not run. It then mounts the private directories, binds the
 * work directory back where a private directory now covers it (through its own working directory, which still points
 * at it), gives {@code /dev/mqueue} to the job's own IPC namespace, mounts a fresh {@code /proc}, and runs the job's
 * command after the drop, as its child: when that child ends, so does PID 1, and the kernel kills every process left
 * in the namespace,
 * however fast it forks. A PID 1 receives only the signals it handles: a SIGTERM to the job's group while the
 * namespaces are being laid out ends them (143); once the job runs, PID 1 lets it pass and waits, so the job's own
 * handler has the grace period and its exit code is the one recorded. It stays privileged while the job runs, out of the job's reach: in a PID namespace its first
 * process receives only the signals it handles, and a process without its capabilities cannot trace it.
 *
 * <p>The job gives up every capability ({@code setpriv}: the account switch, or {@link #capabilitiesOnly} where it
 * keeps the launcher's account) and can gain none back (no-new-privileges, an empty bounding set). A job that makes a
 * user namespace of its own gets copies of these mounts locked together, so it cannot unmount the tmpfs over a hidden
 * directory there either. {@code unshare} dies with its parent ({@code setpriv --pdeathsig}), and PID 1 with
 * {@code unshare} ({@code --kill-child}).
 *
 * @param unshare       util-linux's {@code unshare}
 * @param setpriv       util-linux's {@code setpriv}
 * @param userNamespace whether to make a user namespace (a control plane that is not root has no other way to mount)
 */
record Namespaces(Path unshare, Path setpriv, boolean userNamespace) implements Isolation {
  static final String NAME = "sluice-sandbox";
  static final String SETUP = """
      set -eu
      trap 'exit 143' TERM
      work=$1; shift
      mount --rbind "$work" "$work"
      cd "$work"
      while [ "$1" != -- ]; do
        mount -t tmpfs -o ro,nosuid,nodev,noexec,mode=0555,size=4k sluice-hidden "$1"; shift
      done; shift
      work_read_only=
      while [ "$1" != -- ]; do
        if [ "$1" = "$work" ]; then work_read_only=1; else mount --rbind "$1" "$1"; fi; shift
      done; shift
      decode() { case $1 in *\\\\*) printf '%b' "$(printf '%s' "$1" | sed 's/\\\\\\([0-7][0-7][0-7]\\)/\\\\0\\1/g')";; *) printf '%s' "$1";; esac; }
      visible() { [ "$(sed -n 's/^mnt_id:[[:space:]]*//p' /proc/self/fdinfo/3 2>/dev/null 3<"$2" || :)" = "$1" ]; }
      read_only() { set -f; IFS=,; flags=ro; for flag in $1; do case $flag in rw|ro) ;; *) flags=$flags,$flag;; esac; done; printf '%s' "$flags"; }
      while read -r id _ _ _ point options _; do
        point=$(decode "$point"; printf .); point=${point%.}
        case $point in /dev|/dev/*|/proc|/proc/*) continue;; "$work") [ -n "$work_read_only" ] || continue;; esac
        if visible "$id" "$point"; then mount -o "remount,bind,$(read_only "$options")" "$point"; fi
      done </proc/self/mountinfo
      while [ "$1" != -- ]; do
        mount -t tmpfs -o nosuid,nodev,mode=1777 sluice-private "$1"; shift
      done; shift
      if ! [ "$work" -ef . ]; then mkdir -p "$work"; mount --no-canonicalize --rbind /proc/self/cwd "$work"; fi
      if [ -d /dev/mqueue ]; then mount -t mqueue -o nosuid,nodev,noexec sluice-mqueue /dev/mqueue; fi
      mount -t proc -o nosuid,nodev,noexec proc /proc
      cd "$work"
      set +e
      trap : TERM
      "$@"
      exit $?
      """;

  @Override
  public SandboxMode mode() {
    return SandboxMode.NAMESPACES;
  }

  @Override
  public List<String> confine(SandboxLayout layout, Optional<List<String>> drop, List<String> command) {
    var wrapped = new ArrayList<>(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--", unshare.toString()));
    if (userNamespace) wrapped.addAll(List.of("--user", "--map-current-user", "--keep-caps"));
    wrapped.addAll(List.of("--mount", "--propagation", "private", "--pid", "--ipc", "--kill-child", "--",
        JobWrapper.SHELL, "-c", SETUP, NAME, layout.workDir().toString()));
    wrapped.addAll(layout.hiddenDirectories());
    wrapped.add("--");
    wrapped.addAll(layout.readOnlyInWorkDir());
    wrapped.add("--");
    wrapped.addAll(SandboxLayout.privateDirectories());
    wrapped.add("--");
    wrapped.addAll(drop.orElseGet(this::capabilitiesOnly));
    wrapped.addAll(command);
    return wrapped;
  }

  /** The {@code setpriv} prefix that keeps the account but gives up every capability, for good. */
  List<String> capabilitiesOnly() {
    return List.of(setpriv.toString(), "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--no-new-privs", "--");
  }
}
