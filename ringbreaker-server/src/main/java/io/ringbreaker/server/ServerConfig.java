package io.ringbreaker.server;

import java.nio.file.Path;

/**
 * How to run the HTTP server. Binds 127.0.0.1 unless told otherwise: the API carries verdicts
 * about people and must not be reachable from the network by accident.
 */
public record ServerConfig(String host, int port, long maxBodyBytes, int maxEventsPerRequest, Path dataDir) {
  public static final long DEFAULT_MAX_BODY = 16L << 20;
  public static final int DEFAULT_MAX_EVENTS = 10_000;

  public static ServerConfig defaults(Path dataDir, int port) {
    return new ServerConfig("127.0.0.1", port, DEFAULT_MAX_BODY, DEFAULT_MAX_EVENTS, dataDir);
  }
}
