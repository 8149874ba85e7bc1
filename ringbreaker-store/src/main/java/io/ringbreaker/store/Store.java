package io.ringbreaker.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Ringbreaker's durable storage: one schema on SQLite (embedded default) or PostgreSQL
 * (production), migrated on open. Thread-safe; close it to release the connection pool.
 */
public final class Store implements AutoCloseable {
  /** The file name {@link #openDefault} uses in its data directory. */
  public static final String DEFAULT_FILE_NAME = "ringbreaker.db";

  private final Db db;
  private final Journal journal;
  private final StateStore state;
  private final ApiKeys apiKeys;
  private final Lists lists;
  private final Outbox outbox;
  private final Evidence evidence;
  private final Cases cases;
  private final Users users;
  private final Sessions sessions;
  private final AuditLog audit;

  private Store(Db db) {
    this.db = db;
    this.journal = new SqlJournal(db);
    this.state = new SqlStateStore(db);
    this.apiKeys = new SqlApiKeys(db);
    this.lists = new SqlLists(db);
    this.outbox = new SqlOutbox(db);
    this.evidence = new SqlEvidence(db);
    this.cases = new SqlCases(db);
    this.users = new SqlUsers(db);
    this.sessions = new SqlSessions(db);
    this.audit = new SqlAuditLog(db);
  }

  /**
   * Opens {@code jdbc:sqlite:PATH} (creating the file and its parent directories) or
   * {@code jdbc:postgresql://HOST:PORT/DB[?...]}, and migrates its schema.
   *
   * @throws StoreException with a one-line message, e.g. "cannot reach PostgreSQL at
   *     127.0.0.1:5432/test: connection refused", when the database cannot be opened or migrated
   */
  public static Store open(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    return new Store(Db.open(jdbcUrl.strip()));
  }

  /** Opens {@code jdbc:sqlite:<dataDir>/ringbreaker.db}. */
  public static Store openDefault(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    return open(sqliteUrl(dataDir.resolve(DEFAULT_FILE_NAME)));
  }

  /** The JDBC URL of a SQLite file. */
  public static String sqliteUrl(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath().normalize();
  }

  /** "SQLite /abs/path/ringbreaker.db" or "PostgreSQL host:port/db"; never a user or password. */
  public String describe() {
    return db.description();
  }

  public boolean isPostgres() {
    return db.vendor == Db.Vendor.POSTGRES;
  }

  public Journal journal() {
    return journal;
  }

  public StateStore state() {
    return state;
  }

  public ApiKeys apiKeys() {
    return apiKeys;
  }

  /** Lexicon terms and bank entries. */
  public Lists lists() {
    return lists;
  }

  /** Actions for the platform and their delivery state. */
  public Outbox outbox() {
    return outbox;
  }

  /** Preserved evidence, sealed; see {@link Evidence}. */
  public Evidence evidence() {
    return evidence;
  }

  /** The review queue: cases, claims and decisions. */
  public Cases cases() {
    return cases;
  }

  /** The people who sign in to the console. */
  public Users users() {
    return users;
  }

  /** Console sessions of {@link #users()}. */
  public Sessions sessions() {
    return sessions;
  }

  /** The append-only, hash-chained record of what people and integrations did. */
  public AuditLog audit() {
    return audit;
  }

  /** True when a trivial query succeeds (may wait for the pool's connection timeout when the database is gone). */
  public boolean healthy() {
    return db.healthy();
  }

  Db db() {
    return db;
  }

  /** Table name to its column names in order, for comparing the two vendors' migrations. */
  Map<String, List<String>> schema() {
    return db.read("schema listing", c -> {
      Map<String, List<String>> out = new TreeMap<>();
      String tables = isPostgres()
          ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
              + "AND table_type = 'BASE TABLE'"
          : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'";
      try (PreparedStatement ps = c.prepareStatement(tables); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new ArrayList<>());
        }
      }
      for (Map.Entry<String, List<String>> t : out.entrySet()) {
        String columns = isPostgres()
            ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                + "AND table_name = ? ORDER BY ordinal_position"
            : "SELECT name FROM pragma_table_info(?) ORDER BY cid";
        try (PreparedStatement ps = c.prepareStatement(columns)) {
          ps.setString(1, t.getKey());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              t.getValue().add(rs.getString(1));
            }
          }
        }
      }
      out.replaceAll((k, v) -> Collections.unmodifiableList(v));
      return Collections.unmodifiableMap(out);
    });
  }

  /** Closes the connection pool; later calls fail with a {@link StoreException}. Idempotent. */
  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return "Store[" + describe() + "]";
  }
}
