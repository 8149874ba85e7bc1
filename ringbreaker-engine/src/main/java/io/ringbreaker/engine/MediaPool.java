package io.ringbreaker.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Threads that read and hash media for every engine in the process, one per core. Daemon threads,
 * started on first use: an engine has no lifecycle to stop them with, and the work they do (decode,
 * hash, fetch) leaves nothing behind that needs a clean stop.
 */
final class MediaPool {

  static final int THREADS = Runtime.getRuntime().availableProcessors();

  private MediaPool() {}

  static <T> Future<T> submit(Callable<T> work) {
    return Holder.POOL.submit(work);
  }

  private static final class Holder {
    static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS,
        Thread.ofPlatform().daemon().name("ringbreaker-media-", 1).factory());
  }
}
