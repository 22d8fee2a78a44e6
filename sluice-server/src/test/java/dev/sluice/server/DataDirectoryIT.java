package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory left readable by others (an older version, a umask, an operator) is owner-only after a start. */
class DataDirectoryIT {
  @TempDir
  Path parent;

  @Test
  void theDataDirectoryAndEveryFileInItAreOwnerOnlyAfterAStart() throws Exception {
    var data = Files.createDirectory(parent.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    var log = Files.createDirectories(data.resolve("jobs/j-000001")).resolve("stdout.log");
    Files.writeString(log, "old output\n");
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
    var outside = Files.writeString(parent.resolve("outside.txt"), "not ours\n");
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
    Files.createSymbolicLink(data.resolve("link-to-outside"), outside);

    try (var server = SluiceServer.start(ServerConfig.defaults(data).withPort(0).withHostResources(8000, 32_000),
        FixedInventory.simulated(1), new FakeLauncher())) {
      assertThat(mode(data)).isEqualTo("rwx------");
      assertThat(mode(data.resolve("jobs"))).isEqualTo("rwx------");
      assertThat(mode(log)).isEqualTo("rw-------");
      assertThat(mode(data.resolve("sluice.mv.db"))).isEqualTo("rw-------");
      assertThat(mode(server.adminTokenFile())).isEqualTo("rw-------");
    }
    assertThat(mode(outside)).as("a link is not followed").isEqualTo("rw-r--r--");
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }
}
