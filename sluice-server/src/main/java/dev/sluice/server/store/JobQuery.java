package dev.sluice.server.store;

import java.util.Set;

/**
 * Which jobs to list, newest first.
 *
 * @param visibleQueues only jobs of these queues; null for every queue
 * @param queue         only this queue; null for any
 * @param state         only this state; null for any
 * @param beforeSeq     only jobs stored before this number (paging); 0 for no bound
 * @param limit         at most this many
 */
public record JobQuery(Set<String> visibleQueues, String queue, JobState state, long beforeSeq, int limit) {
  public JobQuery {
    if (visibleQueues != null) visibleQueues = Set.copyOf(visibleQueues);
    if (limit < 1) throw new IllegalArgumentException("limit must be >= 1");
  }
}
