package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SandboxModeTest {
  @Test
  void eachModeIsParsedFromItsLabelAndAnythingElseIsRefusedNamingTheChoices() {
    for (var mode : SandboxMode.values()) assertThat(SandboxMode.parse(mode.label())).isEqualTo(mode);
    assertThatThrownBy(() -> SandboxMode.parse("BWRAP")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'BWRAP' is not a sandbox mode; choose one of auto, bubblewrap, namespaces, none");
  }

  @Test
  void bothSandboxesHideTheSameDirectoriesAndRunTheSameCommandLastAfterTheDrop() {
    var layout = new SandboxLayout(Path.of("/work/j"), List.of(Path.of("/")));
    var drop = List.of("/usr/bin/setpriv", "--reuid=1000", "--");
    var command = List.of("/bin/sh", "-c", "true");
    var tail = new java.util.ArrayList<>(drop);
    tail.addAll(command);
    for (Isolation isolation : List.of(new Bubblewrap(Path.of("/usr/bin/bwrap")),
        new Namespaces(Path.of("/usr/bin/unshare"), Path.of("/usr/bin/setpriv"), true))) {
      var line = isolation.confine(layout, Optional.of(drop), command);
      assertThat(line.subList(line.size() - tail.size(), line.size())).as(isolation.mode().label()).isEqualTo(tail);
      assertThat(line).as(isolation.mode().label()).contains("/", "/work/j", "/tmp", "/dev/shm");
    }
  }

  @Test
  void withoutAnAccountToSwitchToTheNamespacesJobStillGivesUpEveryCapability() {
    var namespaces = new Namespaces(Path.of("/usr/bin/unshare"), Path.of("/usr/bin/setpriv"), true);
    var line = namespaces.confine(new SandboxLayout(Path.of("/w"), List.of()), Optional.empty(), List.of("true"));
    assertThat(line).containsSequence("--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", "true");
  }

  @Test
  void aRootServerWithoutSetprivIsToldThatSetprivIsWhatIsMissingNotBubblewrap() {
    var cannotDropRoot = new JobSandbox(Optional.empty(), List.of(), Optional.empty(), true);
    assertThat(cannotDropRoot.describe()).startsWith("none: jobs cannot start, as they would run as root: install"
        + " util-linux's setpriv").doesNotContain("install bubblewrap");
  }
}
