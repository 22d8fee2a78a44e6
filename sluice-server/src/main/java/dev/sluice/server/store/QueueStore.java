package dev.sluice.server.store;

import java.util.List;
import java.util.Optional;

/** The queues. */
public interface QueueStore {
  /** Every queue, by name. */
  List<QueueRecord> list();

  Optional<QueueRecord> find(String name);

  /** Stores a new queue; false (and nothing stored) when one of that name exists. */
  boolean create(QueueRecord queue);
}
