package dev.sluice.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSourceTest {
  @TempDir
  Path home;
  @TempDir
  Path workDir;

  private void writeHomeToken(String token) throws IOException {
    Files.createDirectories(home.resolve(".sluice"));
    Files.writeString(home.resolve(".sluice/token"), token);
  }

  private void writeDataDirToken(String token) throws IOException {
    Files.createDirectories(workDir.resolve("sluice-data"));
    Files.writeString(workDir.resolve("sluice-data/admin.token"), token);
  }

  @Test
  void theOptionComesFirst() throws IOException {
    writeHomeToken("from-home");
    var source = TokenSource.resolve("from-option", Map.of("SLUICE_TOKEN", "from-env"), home, workDir);
    assertThat(source.token()).contains("from-option");
    assertThat(source.origin()).isEqualTo("--token");
  }

  @Test
  void thenTheEnvironment() throws IOException {
    writeHomeToken("from-home");
    var source = TokenSource.resolve(null, Map.of("SLUICE_TOKEN", "from-env"), home, workDir);
    assertThat(source.token()).contains("from-env");
  }

  @Test
  void thenTheHomeFileThenTheDataDirectory() throws IOException {
    writeDataDirToken("from-data-dir\n");
    assertThat(TokenSource.resolve(null, Map.of(), home, workDir).token()).contains("from-data-dir");
    writeHomeToken("  from-home\n");
    var source = TokenSource.resolve("", Map.of("SLUICE_TOKEN", " "), home, workDir);
    assertThat(source.token()).contains("from-home");
    assertThat(source.origin()).endsWith(".sluice/token");
  }

  @Test
  void noneFoundSaysWhereItLooked() {
    var source = TokenSource.resolve(null, Map.of(), home, workDir);
    assertThat(source.token()).isEmpty();
    assertThat(source.origin()).contains("--token", "$SLUICE_TOKEN", "~/.sluice/token", "./sluice-data/admin.token");
  }
}
