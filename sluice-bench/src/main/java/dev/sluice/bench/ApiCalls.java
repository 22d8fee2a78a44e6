package dev.sluice.bench;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a Kubernetes client sent, as its HTTP layer sees it: the calls answered, by kind, and each
 * {@code pods/binding} call's time from being sent to its answer.
 */
final class ApiCalls implements Interceptor {
  private static final String SENT = "X-Sluice-Bench-Sent-Nanos";
  private final ConcurrentLinkedQueue<Long> bindNanos = new ConcurrentLinkedQueue<>();
  private final LongAdder events = new LongAdder();
  private final LongAdder others = new LongAdder();
  private final LongAdder refused = new LongAdder();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    builder.header(SENT, Long.toString(System.nanoTime()));
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    long answered = System.nanoTime();
    if (response.code() / 100 != 2) refused.increment();
    String path = request.uri().getPath();
    String sent = request.header(SENT);
    if (path.endsWith("/binding") && sent != null) bindNanos.add(answered - Long.parseLong(sent));
    else if (path.endsWith("/events")) events.increment();
    else others.increment();
  }

  /** Forgets every call so far. */
  void clear() {
    bindNanos.clear();
    events.reset();
    others.reset();
    refused.reset();
  }

  /** The binds' times from sent to answered, in milliseconds, shortest first. */
  double[] bindMillisSorted() {
    double[] millis = bindNanos.stream().mapToDouble(n -> n / 1e6).toArray();
    Arrays.sort(millis);
    return millis;
  }

  int events() {
    return events.intValue();
  }

  /** Calls other than binds and Events (the Queues' statuses). */
  int others() {
    return others.intValue();
  }

  /** Calls answered with other than 2xx. */
  int refused() {
    return refused.intValue();
  }
}
