package dev.sluice.local.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox made by bubblewrap ({@code bwrap}, Debian package {@code bubblewrap}), which drops its own
 * capabilities and sets no-new-privileges before the job's command runs.
 */
record Bubblewrap(Path bwrap) implements Isolation {
  @Override
  public SandboxMode mode() {
    return SandboxMode.BUBBLEWRAP;
  }

  @Override
  public List<String> confine(SandboxLayout layout, Optional<List<String>> drop, List<String> command) {
    String work = layout.workDir().toString();
    var wrapped = new ArrayList<>(List.of(bwrap.toString(), "--ro-bind", "/", "/", "--dev-bind", "/dev", "/dev", "--proc", "/proc"));
    for (String dir : SandboxLayout.privateDirectories()) wrapped.addAll(List.of("--perms", "1777", "--tmpfs", dir));
    wrapped.addAll(List.of("--bind", work, work, "--unshare-pid", "--die-with-parent"));
    for (String dir : layout.hiddenDirectories()) wrapped.addAll(List.of("--tmpfs", dir));
    wrapped.addAll(List.of("--chdir", work, "--"));
    drop.ifPresent(wrapped::addAll);
    wrapped.addAll(command);
    return wrapped;
  }
}
