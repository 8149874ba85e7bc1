package io.ringbreaker.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.store.ApiKeyInfo;
import io.ringbreaker.store.ApiKeys;
import io.ringbreaker.store.Store;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creating and revoking API keys on behalf of a person, the same way from the console
 * ({@code /admin/keys}) and the command line ({@code ringbreaker key}): names checked, every change
 * in the audit log ({@code apikey.create}, {@code apikey.revoke}, target {@code api-key:<name>}),
 * never the secret.
 */
public final class ApiKeyAdmin {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private ApiKeyAdmin() {}

  /** A key just created: the only time its secret is known. */
  public record Created(ApiKeyInfo key, String secret) {
    @Override
    public String toString() {
      return "Created[" + key + ", secret=…]";
    }
  }

  /**
   * Creates a key for {@code scopes}, audited as done by {@code actor}.
   *
   * @throws IllegalArgumentException when the name is not 1 to 64 letters, digits, '.', '_' or '-', a key
   *     not revoked already has it (names tell keys apart in the log and in {@code key revoke}), or a
   *     scope is unknown or none is given
   */
  public static Created create(Store store, String actor, String name, Set<String> scopes) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("API key name \"" + name + "\" must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    Set<String> checked = ApiKeys.checkScopes(scopes);
    if (store.apiKeys().list().stream().anyMatch(k -> !k.revoked() && k.name().equals(name))) {
      throw new IllegalArgumentException("an API key named \"" + name + "\" is in use: revoke it first, or choose "
          + "another name");
    }
    String secret = store.apiKeys().create(name, checked);
    // The store keeps the key's first characters to tell it apart; find the row just written by them.
    ApiKeyInfo info = store.apiKeys().list().reversed().stream()
        .filter(k -> k.name().equals(name) && secret.startsWith(k.prefix())).findFirst()
        .orElseThrow(() -> new IllegalStateException("the API key " + name + " was created but is not listed"));
    ObjectNode detail = detail(info);
    checked.forEach(detail.putArray("scopes")::add);
    store.audit().append(actor, "apikey.create", "api-key:" + name, ContractJson.write(detail));
    return new Created(info, secret);
  }

  /**
   * Revokes the key with this id, audited as done by {@code actor}.
   *
   * @throws IllegalArgumentException when there is no such key or it is revoked already
   */
  public static ApiKeyInfo revoke(Store store, String actor, long id) {
    ApiKeyInfo key = store.apiKeys().list().stream().filter(k -> k.id() == id).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no API key with id " + id));
    if (key.revoked() || !store.apiKeys().revoke(id)) {
      throw new IllegalArgumentException("the API key " + key.name() + " (id " + id + ") is revoked already");
    }
    store.audit().append(actor, "apikey.revoke", "api-key:" + key.name(), ContractJson.write(detail(key)));
    return key;
  }

  /**
   * Revokes the keys named {@code name} that are not revoked yet (one, when they were made here),
   * each audited as done by {@code actor}.
   *
   * @throws IllegalArgumentException when none is
   */
  public static List<ApiKeyInfo> revokeNamed(Store store, String actor, String name) {
    List<ApiKeyInfo> live = store.apiKeys().list().stream().filter(k -> !k.revoked() && k.name().equals(name)).toList();
    if (live.isEmpty()) {
      throw new IllegalArgumentException("no API key named \"" + name + "\" is in use");
    }
    live.forEach(k -> revoke(store, actor, k.id()));
    return live;
  }

  private static ObjectNode detail(ApiKeyInfo k) {
    return ContractJson.mapper().createObjectNode().put("id", k.id()).put("prefix", k.prefix());
  }
}
