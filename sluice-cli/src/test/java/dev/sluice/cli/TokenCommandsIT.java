package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice token create|list|revoke} against a real control plane: a revoked token is refused at once. */
class TokenCommandsIT {
  private static final Pattern CREATED = Pattern.compile("^token (\\d+) of admin \\((.*)\\); shown only now:\\n(slc_\\S+)\\n$");

  @TempDir
  static Path dataDir;

  private static RunningSluice sluice;

  @BeforeAll
  static void start() throws Exception {
    sluice = RunningSluice.start(dataDir, "1xH100-80GB");
  }

  @AfterAll
  static void stop() {
    if (sluice != null) sluice.close();
  }

  @Test
  void aTokenIsCreatedListedAndRevokedAndThenRefused() {
    var created = sluice.sluice("token", "create", "--description", "laptop", "--expires-in", "30d");
    assertThat(created.exit()).as(created.err()).isZero();
    var match = CREATED.matcher(created.out());
    assertThat(match.matches()).as(created.out()).isTrue();
    var id = match.group(1);
    assertThat(match.group(2)).startsWith("expires 20");
    var token = match.group(3);

    var listed = sluice.sluice("token", "list", "--token", token);
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("STATE", "EXPIRES", "DESCRIPTION");
    assertThat(listed.out()).containsPattern("(?m)^" + id + " +active +\\S+ +20\\S+ +- +laptop$")
        .containsPattern("(?m)^\\d+ +active .* admin\\.token$").doesNotContain(token);

    var revoked = sluice.sluice("token", "revoke", id, "--token", token);
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    assertThat(revoked.out()).startsWith("revoked token " + id + " of admin at ");

    var refused = sluice.sluice("list", "--token", token);
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err().lines()).hasSize(1);
    assertThat(refused.err()).contains("did not accept the token", "revoked");
    assertThat(sluice.sluice("token", "list").out()).containsPattern("(?m)^" + id + " +revoked ");
  }

  @Test
  void badTokenCommandsAreOneLine() {
    var lifetime = sluice.sluice("token", "create", "--expires-in", "soon");
    assertThat(lifetime.exit()).isEqualTo(2);
    assertThat(lifetime.err()).startsWith("sluice: ").contains("--expires-in", "'soon' is not a lifetime");
    var unknown = sluice.sluice("token", "revoke", "999999");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err().strip()).startsWith("sluice: ").contains("token 999999").doesNotContain("\tat ");
    var description = sluice.sluice("token", "create", "--description", "x".repeat(201));
    assertThat(description.exit()).isEqualTo(2);
    assertThat(description.err()).startsWith("sluice: description: must be at most 200 characters");
  }
}
