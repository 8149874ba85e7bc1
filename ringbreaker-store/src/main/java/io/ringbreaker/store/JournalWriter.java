package io.ringbreaker.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: many threads submit, one writer thread appends what is queued in batches of up to
 * {@code maxBatch} records, so each acknowledgement is durable but costs a fraction of a commit.
 *
 * <p>A future completes after its batch has committed. A batch that fails (the database is gone)
 * fails every future in it with a {@link StoreException}; the writer goes on, and later batches
 * succeed once the database is back. The queue holds at most {@code queueCapacity} records: past
 * that, submit throws {@code StoreException("journal queue full")} at once instead of blocking.
 *
 * <p>Futures complete on the writer thread: keep dependent actions short, or use the
 * {@code *Async} variants, or they delay every later batch.
 */
public final class JournalWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);

  private record Pending(List<JournalRecord> records, CompletableFuture<List<Appended>> done) {}

  private final Journal journal;
  private final int maxBatch;
  private final int queueCapacity;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final Thread thread;
  private int queuedRecords;
  private boolean closed;

  public JournalWriter(Journal journal, int maxBatch, int queueCapacity) {
    this.journal = Objects.requireNonNull(journal, "journal");
    if (maxBatch <= 0) {
      throw new IllegalArgumentException("maxBatch must be > 0, got " + maxBatch);
    }
    if (queueCapacity <= 0) {
      throw new IllegalArgumentException("queueCapacity must be > 0, got " + queueCapacity);
    }
    this.maxBatch = maxBatch;
    this.queueCapacity = queueCapacity;
    this.thread = new Thread(this::run, "ringbreaker-journal-writer");
    // Daemon: what is still queued was never acknowledged, so exiting without close() loses nothing promised.
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues one record.
   *
   * @throws StoreException at once when the queue is full or the writer is closed
   */
  public CompletableFuture<Appended> submit(JournalRecord r) {
    Objects.requireNonNull(r, "record");
    return submitAll(List.of(r)).thenApply(list -> list.get(0));
  }

  /**
   * Queues records to be appended together: they share one transaction when they fit in
   * {@code maxBatch} (a larger list is appended alone, still in one transaction). Results are in
   * input order.
   *
   * @throws StoreException at once when the queue is full or the writer is closed
   */
  public CompletableFuture<List<Appended>> submitAll(List<JournalRecord> rs) {
    List<JournalRecord> records = List.copyOf(rs);
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    if (records.size() > queueCapacity) {
      throw new StoreException("journal submission of " + records.size()
          + " records exceeds the queue capacity of " + queueCapacity);
    }
    Pending p = new Pending(records, new CompletableFuture<>());
    lock.lock();
    try {
      if (closed) {
        throw new StoreException("journal writer is closed");
      }
      if (queuedRecords + records.size() > queueCapacity) {
        throw new StoreException("journal queue full");
      }
      queue.addLast(p);
      queuedRecords += records.size();
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
    return p.done;
  }

  /** Runs on the writer thread after each committed batch (e.g. to wake the processor). */
  public void addListener(Runnable afterCommit) {
    listeners.add(Objects.requireNonNull(afterCommit, "afterCommit"));
  }

  /** Records queued and not yet taken by the writer. */
  public int queued() {
    lock.lock();
    try {
      return queuedRecords;
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (true) {
      List<Pending> batch = next();
      if (batch == null) {
        return;
      }
      try {
        write(batch);
      } catch (Throwable t) {
        // Keep the writer alive: a dead writer would leave every later future pending forever.
        log.error("journal writer: unexpected failure", t);
        StoreException e = new StoreException("journal writer failed: " + Db.reason(t), t);
        batch.forEach(p -> p.done.completeExceptionally(e));
      }
    }
  }

  /** Waits for work; then takes what is queued, up to maxBatch records. Null once closed and drained. */
  private List<Pending> next() {
    lock.lock();
    try {
      while (queue.isEmpty()) {
        if (closed) {
          return null;
        }
        notEmpty.awaitUninterruptibly();
      }
      List<Pending> batch = new ArrayList<>();
      int size = 0;
      // The first is taken whatever its size: a caller's list is never split.
      do {
        Pending p = queue.pollFirst();
        batch.add(p);
        size += p.records.size();
      } while (!queue.isEmpty() && size + queue.peekFirst().records.size() <= maxBatch);
      queuedRecords -= size;
      return batch;
    } finally {
      lock.unlock();
    }
  }

  private void write(List<Pending> batch) {
    List<JournalRecord> all = new ArrayList<>();
    for (Pending p : batch) {
      all.addAll(p.records);
    }
    List<Appended> results;
    try {
      results = journal.append(all);
      if (results.size() != all.size()) {
        throw new IllegalStateException(
            "journal returned " + results.size() + " results for " + all.size() + " records");
      }
    } catch (Throwable t) {
      StoreException e = t instanceof StoreException se ? se
          : new StoreException("journal append of " + all.size() + " record(s) failed: " + Db.reason(t), t);
      log.warn("{}", e.getMessage());
      for (Pending p : batch) {
        p.done.completeExceptionally(e);
      }
      return;
    }
    int from = 0;
    for (Pending p : batch) {
      int to = from + p.records.size();
      p.done.complete(List.copyOf(results.subList(from, to)));
      from = to;
    }
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (Exception e) {
        log.warn("journal listener failed", e);
      }
    }
  }

  /** Stops accepting submissions, appends everything already queued, then stops the writer. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
    if (Thread.currentThread() != thread) {
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
