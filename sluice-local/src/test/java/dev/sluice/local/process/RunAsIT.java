package dev.sluice.local.process;

import static dev.sluice.local.process.Jobs.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.core.spi.LaunchException;
import dev.sluice.core.spi.LaunchRequest;
import dev.sluice.core.spi.ProcessStatus;
import dev.sluice.local.gpu.FixedGpuInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root launcher runs a job as the Unix account it names (Debian's {@code daemon} here), never as root:
 * the job has that account's identity and no capabilities, and cannot read the control plane's owner-only
 * files. Skipped unless this test runs as root.
 */
class RunAsIT {
  @TempDir
  Path dir;
  private ProcessLauncher launcher;

  @BeforeEach
  void rootLauncher() throws Exception {
    assumeTrue(JobSandbox.runsAsRoot(), "running jobs as another Unix account needs a root launcher");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    launcher = new ProcessLauncher(dir.resolve("runs"), FixedGpuInventory.none(), MpsProbe.never());
  }

  @AfterEach
  void close() {
    if (launcher != null) launcher.close();
  }

  private LaunchRequest as(String account, String id, String script) throws Exception {
    var work = Files.createDirectories(dir.resolve("work-" + id));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
    return new LaunchRequest(id, List.of("/bin/sh", "-c", script), Map.of(), List.of(), 1000, 0, work,
        dir.resolve(id + ".out"), dir.resolve(id + ".err"), account);
  }

  @Test
  void theJobRunsAsTheNamedAccountWithoutCapabilities() throws Exception {
    var secret = Files.writeString(dir.resolve("admin.token"), "slc_secret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    var ref = launcher.launch(as("daemon", "as-daemon", "id -un; grep CapEff /proc/self/status; cat " + secret
        + " >/dev/null 2>&1 && echo read || echo refused"));
    awaitEnd(ref);

    assertThat(launcher.status(ref)).isEqualTo(new ProcessStatus.Exited(0));
    assertThat(Files.readAllLines(dir.resolve("as-daemon.out")))
        .containsExactly("daemon", "CapEff:\t0000000000000000", "refused");
  }

  @Test
  void rootAndUnknownAccountsAreRefused() throws Exception {
    var root = as("root", "as-root", "true");
    var unknown = as("sluice-no-such-user", "as-nobody-known", "true");
    assertThatThrownBy(() -> launcher.launch(root)).isInstanceOf(LaunchException.class)
        .hasMessageContaining("never runs as root");
    assertThatThrownBy(() -> launcher.launch(unknown)).isInstanceOf(LaunchException.class)
        .hasMessageContaining("there is no Unix account 'sluice-no-such-user'");
  }
}
