package io.ringbreaker.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A pooled connection to one database, and the transaction discipline of each vendor.
 *
 * <p>SQLite allows one writer at a time: write transactions start with {@code BEGIN IMMEDIATE},
 * which takes the write lock up front and waits on busy_timeout, so concurrent writers queue
 * instead of failing with SQLITE_BUSY half-way through. We issue BEGIN/COMMIT ourselves rather
 * than use sqlite-jdbc's autocommit=false, because its {@code commit()} immediately begins the next
 * (immediate) transaction, holding the write lock after our commit and possibly failing after the
 * commit has succeeded.
 *
 * <p>Writers of this process also take {@link #sqliteWriter} before they ask SQLite for the lock.
 * SQLite's busy handler polls with growing sleeps, so with three writers (the journal writer, the
 * processor, the evidence keeper) one of them could wait seconds while the others took the lock in
 * turn; the journal writer's wait is every event's acknowledgement. A waiter on the Java lock is
 * woken as the holder lets go. Not a fair lock: a fair one handed the lock to the processor and
 * the keeper between the journal's group commits and cost single-event ingest a fifth of its rate.
 */
final class Db implements AutoCloseable {
  enum Vendor { SQLITE, POSTGRES }

  private static final Logger log = LoggerFactory.getLogger(Db.class);
  private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
  private static final int SQLITE_POOL_SIZE = 4;
  private static final int POSTGRES_POOL_SIZE = 8;
  private static final long CONNECTION_TIMEOUT_MS = 10_000;
  private static final int POSTGRES_CONNECT_TIMEOUT_S = 10;

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  final Vendor vendor;
  private final HikariDataSource pool;
  private final ReentrantLock sqliteWriter = new ReentrantLock();
  private final String description;
  private volatile boolean closed;

  private Db(Vendor vendor, HikariDataSource pool, String description) {
    this.vendor = vendor;
    this.pool = pool;
    this.description = description;
  }

  static Db open(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return openSqlite(jdbcUrl);
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return openPostgres(jdbcUrl);
    }
    int colon = jdbcUrl.indexOf(':', "jdbc:".length());
    String scheme = jdbcUrl.startsWith("jdbc:") && colon > 0 ? jdbcUrl.substring(0, colon) : "not a JDBC URL";
    throw new StoreException(
        "unsupported database URL (" + scheme + "): use jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB");
  }

  String description() {
    return description;
  }

  // ---- SQLite ----

  private static Db openSqlite(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:sqlite:".length());
    int q = rest.indexOf('?');
    String query = q >= 0 ? rest.substring(q) : "";
    String location = q >= 0 ? rest.substring(0, q) : rest;
    if (location.startsWith("file:")) {
      location = location.substring("file:".length());
    }
    if (location.isEmpty() || location.equals(":memory:") || query.contains("mode=memory")) {
      throw new StoreException(
          "in-memory SQLite is not supported (each pooled connection would see its own database): "
              + "use jdbc:sqlite:PATH");
    }
    Path file;
    try {
      file = Path.of(location).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new StoreException("invalid SQLite path \"" + location + "\": " + e.getReason());
    }
    String description = "SQLite " + file;
    Path dir = file.getParent();
    if (dir != null) {
      try {
        Files.createDirectories(dir);
      } catch (FileAlreadyExistsException e) {
        throw new StoreException("cannot create directory " + dir + " for " + description
            + ": a file is in the way", e);
      } catch (IOException e) {
        throw new StoreException("cannot create directory " + dir + " for " + description + ": " + reason(e), e);
      }
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: a commit is fsynced before it returns, so an acknowledged event survives a crash.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // For code that uses autocommit=false (Flyway): take the write lock up front, too.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file + query);

    HikariConfig hc = new HikariConfig();
    hc.setPoolName("ringbreaker-sqlite");
    hc.setDataSource(sqlite);
    hc.setMaximumPoolSize(SQLITE_POOL_SIZE);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    hc.setInitializationFailTimeout(1);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open " + description + ": " + reason(e), e);
    }
    return migrate(new Db(Vendor.SQLITE, pool, description));
  }

  // ---- PostgreSQL ----

  private static Db openPostgres(String jdbcUrl) {
    Properties parsed = Driver.parseURL(jdbcUrl, null);
    if (parsed == null) {
      throw new StoreException("invalid PostgreSQL URL: use jdbc:postgresql://HOST:PORT/DB");
    }
    String location = postgresLocation(parsed);
    String description = "PostgreSQL " + location;
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("ringbreaker-postgres");
    hc.setJdbcUrl(jdbcUrl);
    hc.setMaximumPoolSize(POSTGRES_POOL_SIZE);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    hc.setInitializationFailTimeout(1);
    // Driver properties; a value given in the URL wins over these defaults.
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    if (!parsed.containsKey("connectTimeout")) {
      hc.addDataSourceProperty("connectTimeout", String.valueOf(POSTGRES_CONNECT_TIMEOUT_S));
    }
    if (!parsed.containsKey("ApplicationName")) {
      hc.addDataSourceProperty("ApplicationName", "ringbreaker");
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      String reason = networkReason(e);
      if (reason != null) {
        throw new StoreException("cannot reach PostgreSQL at " + location + ": " + reason, e);
      }
      throw new StoreException("cannot open PostgreSQL at " + location + ": " + reason(e), e);
    }
    return migrate(new Db(Vendor.POSTGRES, pool, description));
  }

  /** host:port/db, as in the URL; never user or password. */
  private static String postgresLocation(Properties p) {
    String[] hosts = p.getProperty("PGHOST", "localhost").split(",");
    String[] ports = p.getProperty("PGPORT", "5432").split(",");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hosts.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(hosts[i]).append(':').append(i < ports.length ? ports[i] : ports[ports.length - 1]);
    }
    return sb.append('/').append(p.getProperty("PGDBNAME", "")).toString();
  }

  private static Db migrate(Db db) {
    String folder = db.vendor == Vendor.SQLITE ? "sqlite" : "postgresql";
    try {
      var result =
          Flyway.configure(Db.class.getClassLoader())
              .dataSource(db.pool)
              .locations("classpath:db/migration/" + folder)
              .loggers("slf4j") // its default ("auto") falls back to java.util.logging without an slf4j binding
              .load()
              .migrate();
      if (result.migrationsExecuted > 0) {
        log.info("{}: applied {} migration(s), schema now at version {}",
            db.description, result.migrationsExecuted, result.targetSchemaVersion);
      }
    } catch (RuntimeException e) {
      db.close();
      throw new StoreException("cannot migrate " + db.description + ": " + reason(e), e);
    }
    log.info("opened {}", db.description);
    return db;
  }

  // ---- transactions ----

  private Connection connection() throws SQLException {
    if (closed) {
      throw new StoreException("store is closed: " + description);
    }
    return pool.getConnection();
  }

  /** Runs {@code work} on an autocommit connection. */
  <T> T read(String what, Work<T> work) {
    try (Connection c = connection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Runs {@code work} so that a result set with a fetch size streams: PostgreSQL only uses a cursor
   * inside a transaction.
   */
  <T> T stream(String what, Work<T> work) {
    if (vendor == Vendor.SQLITE) {
      return read(what, work);
    }
    try (Connection c = connection()) {
      return inTransaction(c, work);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Runs {@code work} in one write transaction, committed when this returns. */
  <T> T write(String what, Work<T> work) {
    if (vendor == Vendor.POSTGRES) {
      try (Connection c = connection()) {
        return inTransaction(c, work);
      } catch (SQLException e) {
        throw failure(what, e);
      }
    }
    // Taken before the connection, so a writer waiting its turn holds none of the pool's few.
    sqliteWriter.lock();
    try (Connection c = connection()) {
      return writeSqlite(c, work);
    } catch (SQLException e) {
      throw failure(what, e);
    } finally {
      sqliteWriter.unlock();
    }
  }

  private <T> T writeSqlite(Connection c, Work<T> work) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
    }
    boolean committed = false;
    try {
      T result = work.run(c);
      try (Statement s = c.createStatement()) {
        s.execute("COMMIT");
      }
      committed = true;
      return result;
    } finally {
      if (!committed) {
        try (Statement s = c.createStatement()) {
          s.execute("ROLLBACK");
        } catch (SQLException e) {
          // A connection that may still hold the write lock must not go back to the pool.
          pool.evictConnection(c);
        }
      }
    }
  }

  private <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } finally {
      endTransaction(c);
    }
  }

  private void endTransaction(Connection c) {
    try {
      c.rollback(); // no-op after a commit
      c.setAutoCommit(true);
    } catch (SQLException e) {
      pool.evictConnection(c);
    }
  }

  boolean healthy() {
    if (closed) {
      return false;
    }
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException e) {
      log.debug("health check of {} failed: {}", description, reason(e));
      return false;
    }
  }

  StoreException failure(String what, Exception e) {
    return new StoreException(what + " failed on " + description + ": " + reason(e), e);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      pool.close();
    }
  }

  // ---- messages ----

  /** Network-level failure in the cause chain, as a few words; null when there is none. */
  private static String networkReason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof SocketTimeoutException) {
        return "connection timed out";
      }
    }
    return null;
  }

  /** The first one-line message in the cause chain that is not a pool's wrapper. */
  static String reason(Throwable e) {
    Throwable best = e;
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      best = t;
      boolean wrapper =
          t.getMessage() == null
              || t.getClass().getName().startsWith("com.zaxxer.hikari")
              || (t instanceof SQLTransientConnectionException && t.getCause() != null);
      if (!wrapper) {
        break;
      }
    }
    if (best instanceof FileSystemException fse) {
      String why =
          fse.getReason() != null ? fse.getReason().toLowerCase(Locale.ROOT)
              : fse instanceof AccessDeniedException ? "permission denied"
              : fse.getClass().getSimpleName();
      return why + ": " + fse.getFile();
    }
    String m = best.getMessage();
    if (m == null || m.isBlank()) {
      return best.getClass().getSimpleName();
    }
    return m.strip().lines().findFirst().orElse(m).strip();
  }
}
