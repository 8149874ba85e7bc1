package io.ringbreaker.server;

import io.ringbreaker.server.webhook.WebhookConfig;
import io.ringbreaker.store.EvidenceKeys;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the HTTP server. Binds 127.0.0.1 unless told otherwise: the API carries verdicts
 * about people and must not be reachable from the network by accident. Without {@code webhook},
 * actions still queue in the outbox (and show in {@code /v1/actions}); nothing is sent.
 * {@code policy} is where a policy applied from the console is saved (by default the saved policy
 * in {@code dataDir}). With {@code evidenceKeys}, leads open preserved evidence in the console.
 */
public record ServerConfig(String host, int port, long maxBodyBytes, int maxEventsPerRequest, Path dataDir,
                           Optional<WebhookConfig> webhook, PolicyHome policy, Optional<EvidenceKeys> evidenceKeys) {
  public static final long DEFAULT_MAX_BODY = 16L << 20;
  public static final int DEFAULT_MAX_EVENTS = 10_000;

  public ServerConfig {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(evidenceKeys, "evidenceKeys");
  }

  /** The policy saved in {@code dataDir}; no evidence keys (the console lists evidence but cannot open it). */
  public ServerConfig(String host, int port, long maxBodyBytes, int maxEventsPerRequest, Path dataDir,
                      Optional<WebhookConfig> webhook) {
    this(host, port, maxBodyBytes, maxEventsPerRequest, dataDir, webhook, PolicyHome.saved(dataDir), Optional.empty());
  }

  /** No webhook delivery. */
  public ServerConfig(String host, int port, long maxBodyBytes, int maxEventsPerRequest, Path dataDir) {
    this(host, port, maxBodyBytes, maxEventsPerRequest, dataDir, Optional.empty());
  }

  public static ServerConfig defaults(Path dataDir, int port) {
    return new ServerConfig("127.0.0.1", port, DEFAULT_MAX_BODY, DEFAULT_MAX_EVENTS, dataDir);
  }

  /** This config, delivering actions as {@code webhook} says. */
  public ServerConfig withWebhook(WebhookConfig webhook) {
    return new ServerConfig(host, port, maxBodyBytes, maxEventsPerRequest, dataDir, Optional.of(webhook), policy,
        evidenceKeys);
  }

  /** This config, keeping the policy as {@code policy} says. */
  public ServerConfig withPolicy(PolicyHome policy) {
    return new ServerConfig(host, port, maxBodyBytes, maxEventsPerRequest, dataDir, webhook, policy, evidenceKeys);
  }

  /** This config, opening preserved evidence in the console with {@code keys}. */
  public ServerConfig withEvidenceKeys(EvidenceKeys keys) {
    return new ServerConfig(host, port, maxBodyBytes, maxEventsPerRequest, dataDir, webhook, policy, Optional.of(keys));
  }
}
