package dev.sluice.k8s.write;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;

/** API calls made many at once on virtual threads, at most {@code limit} in flight, waiting for all. */
final class Parallel {
  private Parallel() {
  }

  /**
   * The results of {@code calls} in their order; a call that throws gives {@code onFailure(index, cause)}.
   */
  static <T> List<T> run(List<Callable<T>> calls, int limit, BiFunction<Integer, Throwable, T> onFailure) throws InterruptedException {
    var permits = new Semaphore(limit);
    var futures = new ArrayList<Future<T>>(calls.size());
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var call : calls) {
        futures.add(executor.submit(() -> {
          permits.acquire();
          try {
            return call.call();
          } finally {
            permits.release();
          }
        }));
      }
      var results = new ArrayList<T>(calls.size());
      for (int i = 0; i < futures.size(); i++) {
        try {
          results.add(futures.get(i).get());
        } catch (ExecutionException e) {
          results.add(onFailure.apply(i, e.getCause()));
        }
      }
      return results;
    }
  }
}
