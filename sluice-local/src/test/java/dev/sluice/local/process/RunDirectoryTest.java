package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
  @TempDir
  Path root;

  @Test
  void eachLaunchOfAJobGetsItsOwnDirectory() throws IOException {
    var first = RunDirectory.createFor(root, "job-7");
    var second = RunDirectory.createFor(root, "job-7");

    assertThat(first.path()).isEqualTo(root.resolve("job-7").resolve("1"));
    assertThat(second.path()).isEqualTo(root.resolve("job-7").resolve("2"));
  }

  @Test
  void aJobIdCannotLeaveTheRoot() {
    assertThat(RunDirectory.safeName("../../etc")).isEqualTo("_.._.._etc");
    assertThat(RunDirectory.safeName("a/b c")).isEqualTo("a_b_c");
    assertThat(RunDirectory.safeName("..")).isEqualTo("_..");
  }

  @Test
  void readsTheRecordedExitCodeAndJobGroup() throws IOException {
    var run = RunDirectory.createFor(root, "j");
    assertThat(run.exitCode()).isEmpty();
    assertThat(run.jobGroup()).isEmpty();

    Files.writeString(run.path().resolve("exit-code"), "137\n");
    Files.writeString(run.path().resolve("job-pgid"), "4242\n");

    assertThat(run.exitCode()).contains(137);
    assertThat(run.jobGroup()).hasValue(4242);
  }

  @Test
  void aGarbledExitCodeFileIsAnError() throws IOException {
    var run = RunDirectory.createFor(root, "j");
    Files.writeString(run.path().resolve("exit-code"), "x");

    assertThatThrownBy(run::exitCode).isInstanceOf(IllegalStateException.class).hasMessageContaining("unreadable");
  }
}
