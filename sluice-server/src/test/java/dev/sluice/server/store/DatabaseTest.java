package dev.sluice.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code /healthz} asks the database: nothing wrong while it answers, why not once it cannot. */
class DatabaseTest {
  @TempDir
  Path dataDir;

  @Test
  void aDatabaseThatAnswersHasNoProblemAndOneThatCannotSaysWhy() {
    var db = Database.open(Database.h2Url(dataDir), null, null);
    assertThat(db.problem()).isEmpty();
    db.close();
    assertThat(db.problem()).hasValueSatisfying(problem -> assertThat(problem).isNotBlank());
  }
}
