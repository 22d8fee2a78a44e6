package dev.sluice.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes that arrive together share one transaction (group commit): each caller queues its write and waits for the
 * lock; the first to get it writes everything queued by then, its own and the others', in one transaction, and
 * every caller returns only once the transaction holding its write has committed, so a write is as durable when
 * {@link #write} returns as if it had had a transaction of its own. If a shared transaction fails, each of its
 * writes is tried again alone, so one bad write fails alone.
 *
 * @param <T> what is written
 * @param <R> what writing one gives back (e.g. its generated key)
 */
final class GroupCommit<T, R> {
  /** Writes one item on a connection inside the caller's transaction. */
  @FunctionalInterface
  interface Writer<T, R> {
    R write(Connection connection, T item) throws SQLException;
  }

  private static final int MAX_BATCH = 512;
  private final Database db;
  private final Writer<T, R> writer;
  private final ConcurrentLinkedQueue<Entry<T, R>> queued = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writing = new ReentrantLock();

  GroupCommit(Database db, Writer<T, R> writer) {
    this.db = db;
    this.writer = writer;
  }

  /** Writes {@code item}, committed when this returns; throws what writing it alone would have thrown. */
  R write(T item) {
    var entry = new Entry<T, R>(item);
    queued.add(entry);
    writing.lock();
    try {
      if (!entry.done) writeQueued();
    } finally {
      writing.unlock();
    }
    if (entry.failure != null) throw entry.failure;
    return entry.result;
  }

  private void writeQueued() {
    var batch = new ArrayList<Entry<T, R>>();
    for (Entry<T, R> next; batch.size() < MAX_BATCH && (next = queued.poll()) != null; ) batch.add(next);
    try {
      var results = db.inTransaction(c -> {
        var written = new ArrayList<R>(batch.size());
        for (var entry : batch) written.add(writer.write(c, entry.item));
        return written;
      });
      for (int i = 0; i < batch.size(); i++) batch.get(i).succeed(results.get(i));
    } catch (RuntimeException shared) {
      if (batch.size() == 1) batch.getFirst().fail(shared);
      else batch.forEach(this::writeAlone);
    }
  }

  private void writeAlone(Entry<T, R> entry) {
    try {
      entry.succeed(db.inTransaction(c -> writer.write(c, entry.item)));
    } catch (RuntimeException e) {
      entry.fail(e);
    }
  }

  /** One queued write; read and written under the lock only. */
  private static final class Entry<T, R> {
    private final T item;
    private boolean done;
    private R result;
    private RuntimeException failure;

    Entry(T item) {
      this.item = item;
    }

    void succeed(R value) {
      result = value;
      done = true;
    }

    void fail(RuntimeException e) {
      failure = e;
      done = true;
    }
  }
}
