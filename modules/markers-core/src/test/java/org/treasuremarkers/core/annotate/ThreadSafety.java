package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs the same work on one thread and on four concurrent threads and checks the results are equal. */
public final class ThreadSafety {
  private ThreadSafety() {}

  public static <T> void assertSameResults(int items, IntFunction<T> work) throws Exception {
    List<T> expected = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      expected.add(work.apply(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<T>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        Callable<List<T>> task = () -> {
          start.await();
          List<T> out = new ArrayList<>();
          for (int k = 0; k < items; k++) {
            out.add(null);
          }
          for (int k = 0; k < items; k++) {
            int i = (k + offset * items / 4) % items; // each thread in another order
            out.set(i, work.apply(i));
          }
          return out;
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<List<T>> f : results) {
        assertEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
