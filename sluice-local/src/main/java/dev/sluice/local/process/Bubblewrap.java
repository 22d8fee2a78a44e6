package dev.sluice.local.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox made by bubblewrap ({@code bwrap}, Debian package {@code bubblewrap}), which drops its own
 * capabilities and sets no-new-privileges before the job's command runs. It mounts in the order
 * {@link SandboxLayout} gives, each later mount over the earlier ones, and gives the job PID and IPC namespaces of
 * its own (System V IPC and POSIX message queues, with a {@code /dev/mqueue} of its own).
 */
record Bubblewrap(Path bwrap) implements Isolation {
  @Override
  public SandboxMode mode() {
    return SandboxMode.BUBBLEWRAP;
  }

  @Override
  public List<String> confine(SandboxLayout layout, Optional<List<String>> drop, List<String> command) {
    String work = layout.workDir().toString();
    var wrapped = new ArrayList<>(List.of(bwrap.toString(), "--ro-bind", "/", "/", "--bind", work, work));
    wrapped.addAll(List.of("--dev-bind", "/dev", "/dev", "--proc", "/proc"));
    // where the host has none, bwrap would make the directory in the host's /dev
    if (Files.isDirectory(SandboxLayout.MQUEUE)) wrapped.addAll(List.of("--mqueue", SandboxLayout.MQUEUE.toString()));
    for (String dir : SandboxLayout.privateDirectories()) wrapped.addAll(List.of("--perms", "1777", "--tmpfs", dir));
    // bwrap binds from the host, so what it binds back must be hidden again after it
    if (layout.workDirUnderAPrivateDirectory()) wrapped.addAll(List.of("--bind", work, work));
    for (String dir : layout.readOnlyInWorkDir()) wrapped.addAll(List.of("--ro-bind", dir, dir));
    for (String dir : layout.hiddenDirectories()) wrapped.addAll(List.of("--tmpfs", dir));
    wrapped.addAll(List.of("--unshare-pid", "--unshare-ipc", "--die-with-parent", "--chdir", work, "--"));
    drop.ifPresent(wrapped::addAll);
    wrapped.addAll(command);
    return wrapped;
  }
}
