package dev.sluice.server.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most {@link #limit()} requests in flight per token, so that one token (a script gone wrong, a stolen
 * token) cannot take every server thread: the next one is refused with 429 until one of them ends. Keys are
 * token hashes, known only once a request is authenticated, so the map holds at most one entry per valid token.
 */
final class TokenConcurrency {
  /** Enough for the API benchmark's 16 clients on one token, with room to spare. */
  static final int DEFAULT_LIMIT = 64;
  private final int limit;
  private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();

  TokenConcurrency(int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    this.limit = limit;
  }

  int limit() {
    return limit;
  }

  /** A place for one more request with this token, to close when it ends; empty when the token has none left. */
  Optional<Permit> tryEnter(String tokenHash) {
    var permits = inFlight.computeIfAbsent(tokenHash, key -> new Semaphore(limit));
    return permits.tryAcquire() ? Optional.of(new Permit(permits)) : Optional.empty();
  }

  /** One request's place; closing it (once) frees the place. */
  static final class Permit implements AutoCloseable {
    private final Semaphore permits;
    private boolean closed;

    private Permit(Semaphore permits) {
      this.permits = permits;
    }

    @Override
    public void close() {
      if (closed) return;
      closed = true;
      permits.release();
    }
  }
}
