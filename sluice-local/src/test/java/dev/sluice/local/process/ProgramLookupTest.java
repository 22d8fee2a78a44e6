package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramLookupTest {
  @TempDir
  Path dir;

  @Test
  void findsAProgramOnThePathAndNotOneThatIsNotThere() throws IOException {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path tool = executable(bin.resolve("tool"));

    assertThat(ProgramLookup.find("tool", "/nonexistent:" + bin, dir)).contains(tool);
    assertThat(ProgramLookup.find("tool", "/nonexistent", dir)).isEmpty();
    assertThat(ProgramLookup.find("tool", null, dir)).isEmpty();
  }

  @Test
  void aNameWithASlashIsAPathFromTheWorkDirectory() throws IOException {
    Path script = executable(dir.resolve("run.sh"));

    assertThat(ProgramLookup.find("./run.sh", "", dir)).contains(dir.resolve("./run.sh"));
    assertThat(ProgramLookup.find(script.toString(), "", Path.of("/"))).contains(script);
    assertThat(ProgramLookup.find("./missing.sh", "", dir)).isEmpty();
  }

  @Test
  void aFileThatIsNotExecutableIsNoProgram() throws IOException {
    Files.writeString(dir.resolve("data"), "");

    assertThat(ProgramLookup.find("data", dir.toString(), dir)).isEmpty();
  }

  private static Path executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
