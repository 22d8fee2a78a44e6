package dev.sluice.sim.trace;

import dev.sluice.core.model.PodRequest;
import java.util.Objects;

/**
 * One pod of a trace: its request and its life in the original cluster.
 *
 * @param request       what it asks for
 * @param qos           the trace's QoS class (LS, BE, Burstable, Guaranteed); may be empty
 * @param creationTime  seconds since the trace's start; {@link #ABSENT} when unknown
 * @param scheduledTime seconds; {@link #ABSENT} when it never ran in the window
 * @param deletionTime  seconds; {@link #ABSENT} when it outlived the window
 */
public record TracePod(PodRequest request, String qos, long creationTime, long scheduledTime, long deletionTime) {
  public static final long ABSENT = -1;

  public TracePod {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(qos, "qos");
  }
}
