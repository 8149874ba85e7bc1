package io.ringbreaker.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One action for the platform and its delivery state. {@code actionId} is the platform's dedupe
 * key: an action may be delivered more than once (see the webhook deliverer), never under two ids.
 * {@code payloadJson} is the request body, delivered byte for byte as given. {@code lastError} is
 * "" when there is none. Instants keep microseconds, as the store does, so a row read back equals
 * the one written.
 */
public record OutboxAction(
    String actionId,
    String subjectType,
    String subjectId,
    String action,
    String payloadJson,
    OutboxState state,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Optional<Instant> deliveredAt,
    String lastError,
    Optional<String> decidedBy) {
  /** The longest action id accepted: it travels in an HTTP header and is a primary key. */
  public static final int MAX_ID_LENGTH = 200;

  public OutboxAction {
    requireText(actionId, "actionId");
    if (actionId.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("actionId is longer than " + MAX_ID_LENGTH + " characters: " + actionId.length());
    }
    for (int i = 0; i < actionId.length(); i++) {
      char c = actionId.charAt(i);
      // It goes into the Ringbreaker-Action-Id header: printable ASCII only.
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("actionId \"" + actionId + "\" has a character other than printable ASCII at "
            + i + " (it is sent in an HTTP header)");
      }
    }
    requireText(subjectType, "subjectType");
    requireText(subjectId, "subjectId");
    requireText(action, "action");
    requireText(payloadJson, "payloadJson");
    Objects.requireNonNull(state, "state");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be 0 or more, got " + attempts);
    }
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    nextAttemptAt = Objects.requireNonNull(nextAttemptAt, "nextAttemptAt").truncatedTo(ChronoUnit.MICROS);
    deliveredAt = Objects.requireNonNull(deliveredAt, "deliveredAt").map(t -> t.truncatedTo(ChronoUnit.MICROS));
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(decidedBy, "decidedBy");
  }

  /**
   * A new action, due at {@code now}: {@link OutboxState#PENDING} to be sent as soon as possible,
   * or {@link OutboxState#AWAITING_PERSON} when a person has to approve it first.
   */
  public static OutboxAction create(String actionId, String subjectType, String subjectId, String action,
                                    String payloadJson, OutboxState state, Instant now) {
    Objects.requireNonNull(state, "state");
    if (state != OutboxState.PENDING && state != OutboxState.AWAITING_PERSON) {
      throw new IllegalArgumentException("a new action starts pending or awaiting_person, not " + state.wire());
    }
    return new OutboxAction(actionId, subjectType, subjectId, action, payloadJson, state, 0, now, now,
        Optional.empty(), "", Optional.empty());
  }

  /**
   * The id of {@code action} on a subject: {@code rb-} and 32 hex digits of SHA-256 over type, id and
   * action: printable, short, and stable, so deciding a subject again never queues the same action twice.
   */
  public static String derivedId(String subjectType, String subjectId, String action) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      d.update((subjectType + '\0' + subjectId + '\0' + action).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "rb-" + java.util.HexFormat.of().formatHex(d.digest(), 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
