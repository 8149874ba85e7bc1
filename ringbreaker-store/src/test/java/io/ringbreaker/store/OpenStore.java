package io.ringbreaker.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A store on a fresh database of one vendor, and what a test needs around it; closing drops it. */
final class OpenStore implements AutoCloseable {
  final Vendor vendor;
  final String url;
  final Store store;
  private final TestDatabases.PostgresSchema schema;

  private OpenStore(Vendor vendor, String url, TestDatabases.PostgresSchema schema) {
    this.vendor = vendor;
    this.url = url;
    this.schema = schema;
    this.store = Store.open(url);
  }

  static OpenStore open(Vendor vendor, Path dir) {
    if (vendor == Vendor.SQLITE) {
      return new OpenStore(vendor, TestDatabases.sqliteUrl(dir), null);
    }
    TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
    try {
      return new OpenStore(vendor, schema.url(), schema);
    } catch (RuntimeException e) {
      schema.close();
      throw e;
    }
  }

  /** Runs a statement on a connection of its own, outside the store (e.g. to break a table). */
  void sql(String statement) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    store.close();
    if (schema != null) {
      schema.close();
    }
  }
}
