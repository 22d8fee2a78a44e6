package dev.sluice.core.queue;

import java.util.List;

/** Queue definitions that cannot form a tree; each problem names its queue and field. */
public final class QueueDefinitionException extends Exception {
  private final List<String> problems;

  public QueueDefinitionException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
