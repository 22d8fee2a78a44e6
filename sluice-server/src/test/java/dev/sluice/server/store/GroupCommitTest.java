package dev.sluice.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent writes through a {@link GroupCommit} on the embedded database. */
class GroupCommitTest {
  @TempDir
  Path dir;
  private Database db;

  @BeforeEach
  void open() {
    db = Database.open(Database.h2Url(dir), null, null);
    db.withConnection(c -> c.createStatement().executeUpdate("CREATE TABLE written (item VARCHAR(16) PRIMARY KEY)"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void everyWriteIsCommittedWhenItReturnsAndOneBadWriteFailsAlone() throws Exception {
    var commit = new GroupCommit<String, String>(db, (c, item) -> {
      if (item.equals("bad")) throw new SQLException("refused: " + item);
      try (var st = c.prepareStatement("INSERT INTO written VALUES (?)")) {
        st.setString(1, item);
        st.executeUpdate();
      }
      return item.toUpperCase();
    });
    var go = new CountDownLatch(1);
    var results = new ArrayList<Future<String>>();
    try (var pool = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 400; i++) {
        var item = i == 200 ? "bad" : "w" + i;
        results.add(pool.submit(() -> {
          go.await();
          var written = commit.write(item);
          assertThat(committed(item)).as("committed when " + item + " returns").isTrue();
          return written;
        }));
      }
      go.countDown();
    }
    for (int i = 0; i < 400; i++) {
      var result = results.get(i);
      if (i == 200) {
        assertThat(result).failsWithin(java.time.Duration.ZERO).withThrowableThat().havingRootCause()
            .withMessage("refused: bad");
      } else {
        assertThat(result.get()).isEqualTo("W" + i);
      }
    }
    int rows = db.withConnection(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM written")) {
        rs.next();
        return rs.getInt(1);
      }
    });
    assertThat(rows).isEqualTo(399);
    assertThatThrownBy(() -> commit.write("bad")).isInstanceOf(StoreException.class);
  }

  private boolean committed(String item) {
    return db.withConnection(c -> {
      try (var st = c.prepareStatement("SELECT COUNT(*) FROM written WHERE item = ?")) {
        st.setString(1, item);
        try (var rs = st.executeQuery()) {
          rs.next();
          return rs.getInt(1) == 1;
        }
      }
    });
  }
}
