package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkDirectoryRuleTest {
  private final WorkDirectoryRule rule = new WorkDirectoryRule(List.of(Path.of("/srv/sluice/data"), Path.of("/home/op/.sluice")),
      Path.of("/home/op"), List.of(Path.of("/opt/sluice/lib"), Path.of("/opt/jdk-25")),
      List.of(Path.of("/opt/checkout")));

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "/                           | is the root: a job may write only in its own directory",
      "/proc/self                  | is inside /proc, a kernel file system",
      "/sys                        | is inside /sys, a kernel file system",
      "/dev/shm                    | is inside /dev, a kernel file system",
      "/tmp                        | is /tmp, which each job gets empty and its own",
      "/srv/sluice/data/runs       | is inside /srv/sluice/data, which jobs cannot see",
      "/home/op/.sluice            | is inside /home/op/.sluice, which jobs cannot see",
      "/opt/sluice/lib             | is the server's installation /opt/sluice/lib, whose code runs outside the sandbox",
      "/opt/sluice/lib/plugins     | is inside the server's installation /opt/sluice/lib, whose code runs outside the sandbox",
      "/opt                        | holds the server's installation /opt/sluice/lib, whose code runs outside the sandbox",
      "/opt/jdk-25/bin             | is inside the server's installation /opt/jdk-25, whose code runs outside the sandbox",
      "/opt/checkout/scripts       | is inside /opt/checkout, Sluice's checkout, whose scripts and sources run outside the sandbox",
      "/home/op                    | is the server's home directory /home/op, whose start-up files run outside the sandbox",
      "/home                       | holds the server's home directory /home/op, whose start-up files run outside the sandbox",
      "/home/op/.m2/repository     | is inside /home/op/.m2, a dot-directory of the server's home, whose files run outside the sandbox",
      "/home/op/../op/.ssh         | is inside /home/op/.ssh, a dot-directory of the server's home, whose files run outside the sandbox",
  })
  void aWorkDirectoryThatWouldLetAJobWriteWhatTheSandboxGuardsIsRefusedSayingWhy(String workDir, String why) {
    assertThat(rule.refusal(Path.of(workDir))).hasValue("work directory " + Path.of(workDir).normalize() + " " + why);
  }

  @ParameterizedTest
  @CsvSource({"/home/op/project", "/srv/sluice", "/tmp/job-7", "/srv/sluice/data-other", "/home/opal", "/opt/checkout"})
  void aProjectDirectoryEvenOneHoldingTheDataDirectoryIsAllowed(String workDir) {
    assertThat(rule.refusal(Path.of(workDir))).isEmpty();
  }

  @Test
  void aLinkDoesNotLeadAroundTheRule(@TempDir Path dir) throws Exception {
    var home = Files.createDirectories(dir.resolve("home"));
    Files.createDirectories(home.resolve(".config"));
    var link = Files.createSymbolicLink(dir.resolve("innocent"), home.resolve(".config"));
    var linked = new WorkDirectoryRule(List.of(), home, List.of(Path.of("/opt/sluice")), List.of());
    assertThat(linked.refusal(link.resolve("autostart"))).get().asString()
        .endsWith("is inside " + home.resolve(".config") + ", a dot-directory of the server's home, whose files run outside the sandbox");
    var toHome = Files.createSymbolicLink(dir.resolve("to-home"), home);
    assertThat(linked.refusal(toHome)).get().asString().contains("is the server's home directory " + home);
  }

  /** The JDK this server runs on: every job's wrapper runs its java outside the sandbox (found by a review). */
  @Test
  void theServersOwnJdkIsNoWorkDirectory() {
    assertThat(WorkDirectoryRule.forThisServer(List.of()).refusal(Path.of(System.getProperty("java.home"), "bin"))).isPresent();
  }

  /**
   * Run from its checkout ({@code ./sluice up} there, the README's way), the server's jar lies in the checkout, which
   * the sandbox keeps read-only in a work directory that is or holds it: the checkout itself is a work directory (the
   * default there), a directory inside the jar's is not.
   */
  @Test
  void theCheckoutHoldingTheJarIsAWorkDirectoryAsTheSandboxKeepsItReadOnly() {
    var checkout = Path.of("/srv/checkout");
    var fromCheckout = new WorkDirectoryRule(List.of(checkout.resolve("sluice-data")), Path.of("/home/op"),
        List.of(checkout.resolve("sluice-cli/target")), List.of(checkout));
    assertThat(fromCheckout.refusal(checkout)).isEmpty();
    assertThat(fromCheckout.refusal(Path.of("/srv"))).isEmpty();
    assertThat(fromCheckout.refusal(checkout.resolve("sluice-cli/target/classes"))).isPresent();
    assertThat(new WorkDirectoryRule(List.of(), Path.of("/home/op"), List.of(checkout.resolve("sluice-cli/target")), List.of())
        .refusal(checkout)).hasValueSatisfying(why -> assertThat(why).contains("holds the server's installation"));
  }
}
