package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The namespaces sandbox of a control plane that is not root, whose jobs run as its own user in a user namespace:
 * the command line {@link Namespaces} builds for it, run as {@code nobody} (the test switches with {@code setpriv},
 * so it needs root), next to another process of {@code nobody}'s. Without the sandbox that account reads the
 * world-readable secret and signals its other process; inside it, neither, nor any of the other attacks. Skipped
 * unless this test runs as root and {@code nobody} may make user namespaces here.
 */
class UnprivilegedNamespacesIT {
  private static final String ATTACKS = """
      try() { if sh -c "$2" >/dev/null 2>&1; then echo "$1: succeeded"; else echo "$1: failed"; fi; }
      try read-secret 'cat "$DATA/admin.token"'
      try unmount-what-hides-the-data 'umount "$DATA"; cat "$DATA/admin.token"'
      try unmount-from-a-user-namespace 'unshare -Urm sh -c "umount \\"$DATA\\"; cat \\"$DATA/admin.token\\""'
      try signal-own-accounts-process 'kill -s 0 "$VICTIM"'
      try read-control-plane-cmdline 'cat "/proc/$CONTROL_PLANE/cmdline"'
      try write-outside 'echo x > "$OUTSIDE/f"'
      try regain-capabilities 'grep -q "^CapEff:.*[1-9a-f]" /proc/self/status'
      try write-own-work-dir 'echo mine > own-file'
      """;
  private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=" + JobSandbox.NOBODY,
      "--regid=" + JobSandbox.NOBODY, "--clear-groups", "--");

  @TempDir
  Path dir;
  private Path data;
  private Path work;
  private Path outside;
  private Namespaces namespaces;
  private Process victim;

  @BeforeEach
  void nobodysFiles() throws Exception {
    assumeTrue(JobSandbox.runsAsRoot(), "switching to nobody needs root");
    var path = ProgramLookup.withSystemDirectories(System.getenv("PATH"));
    var unshare = ProgramLookup.find("unshare", path, Path.of("/"));
    var setpriv = ProgramLookup.find("setpriv", path, Path.of("/"));
    assumeTrue(unshare.isPresent() && setpriv.isPresent(), "util-linux's unshare and setpriv are needed");
    namespaces = new Namespaces(unshare.get(), setpriv.get(), true);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("admin.token"), "slc_secret\n");
    work = open(dir.resolve("work"));
    outside = open(dir.resolve("outside"));
    assumeTrue(run(confined(List.of("true"))).exitCode() == 0, "nobody cannot make user namespaces here");
    victim = new ProcessBuilder(concat(AS_NOBODY, List.of("sleep", "60"))).start();
  }

  @AfterEach
  void stopVictim() {
    if (victim != null) victim.destroyForcibly();
  }

  @Test
  void withoutTheSandboxTheAccountReachesItsSecretsAndProcesses() throws Exception {
    var report = run(concat(AS_NOBODY, List.of("/bin/sh", "-c", ATTACKS))).output();
    assertThat(report.lines()).contains("read-secret: succeeded", "signal-own-accounts-process: succeeded",
        "read-control-plane-cmdline: succeeded", "write-outside: succeeded");
  }

  @Test
  void insideItEveryAttackFailsAndTheJobRunsAsItsOwnUserWithoutCapabilities() throws Exception {
    var report = run(confined(List.of("/bin/sh", "-c", "id -u; " + ATTACKS))).output();
    assertThat(report.lines()).containsExactly(Integer.toString(JobSandbox.NOBODY), "read-secret: failed",
        "unmount-what-hides-the-data: failed", "unmount-from-a-user-namespace: failed",
        "signal-own-accounts-process: failed", "read-control-plane-cmdline: failed", "write-outside: failed",
        "regain-capabilities: failed", "write-own-work-dir: succeeded");
    assertThat(outside.resolve("f")).doesNotExist();
    assertThat(work.resolve("own-file")).hasContent("mine");
  }

  private List<String> confined(List<String> command) {
    var layout = new SandboxLayout(work, List.of(data));
    return concat(AS_NOBODY, namespaces.confine(layout, Optional.empty(), command));
  }

  private record Outcome(int exitCode, String output) {
  }

  private Outcome run(List<String> command) throws IOException, InterruptedException {
    var builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
    builder.environment().putAll(java.util.Map.of("DATA", data.toString(), "OUTSIDE", outside.toString(),
        "VICTIM", victim == null ? "0" : Long.toString(victim.pid()),
        "CONTROL_PLANE", Long.toString(ProcessHandle.current().pid())));
    var process = builder.start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(Jobs.WAIT.toSeconds(), TimeUnit.SECONDS)).as("the command ends").isTrue();
    return new Outcome(process.exitValue(), output);
  }

  private static Path open(Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    return directory;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    var all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
