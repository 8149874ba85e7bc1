package io.ringbreaker.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.policy.Actions;
import io.ringbreaker.store.OutboxAction;
import io.ringbreaker.store.OutboxState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The platform actions a verdict asks for, as outbox rows committed with the verdict. An action's
 * id is derived from the subject and the action, so deciding a subject again (another event,
 * another policy, a restart) never queues the same action twice. Actions the deciding rule lists
 * as automatic are sent at once; every other one waits for a person.
 */
final class PlatformActions {
  /** Evidence listed in a webhook: kinds and the platform's own event ids, not the values. */
  static final int MAX_EVIDENCE = 20;

  private PlatformActions() {}

  static List<OutboxAction> of(List<Verdict> verdicts, Instant now) {
    List<OutboxAction> out = new ArrayList<>();
    for (Verdict v : verdicts) {
      for (String action : v.actions()) {
        boolean platform = Actions.find(action).map(a -> a.target() == Actions.Target.PLATFORM).orElse(false);
        if (!platform) {
          continue;
        }
        boolean automatic = v.decidedBy().automatic().contains(action);
        String id = actionId(v.subject().type().wire(), v.subject().id(), action);
        out.add(OutboxAction.create(id, v.subject().type().wire(), v.subject().id(), action,
            payload(id, action, automatic, v, now), automatic ? OutboxState.PENDING : OutboxState.AWAITING_PERSON, now));
      }
    }
    return out;
  }

  /** See {@link OutboxAction#derivedId}: the store derives the same ids when a decision approves or cancels. */
  static String actionId(String subjectType, String subjectId, String action) {
    return OutboxAction.derivedId(subjectType, subjectId, action);
  }

  private static String payload(String id, String action, boolean automatic, Verdict v, Instant now) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("action_id", id);
    o.put("action", action);
    ObjectNode s = o.putObject("subject");
    s.put("type", v.subject().type().wire());
    s.put("id", v.subject().id());
    o.put("severity", v.severity().wire());
    o.put("score", Math.round(v.score() * 1000) / 1000.0);
    o.put("approval", automatic ? "automatic" : "person");
    o.put("queued_at", now.toString());
    ObjectNode by = o.putObject("decided_by");
    by.put("policy", v.decidedBy().policy());
    v.decidedBy().rules().forEach(by.putArray("rules")::add);
    v.reasons().forEach(o.putArray("reasons")::add);
    ArrayNode evidence = o.putArray("evidence");
    Set<String> seen = new LinkedHashSet<>();
    for (Signal sig : v.signals()) {
      if (seen.size() >= MAX_EVIDENCE) {
        break;
      }
      if (seen.add(sig.kind() + '\0' + sig.eventId())) {
        evidence.addObject().put("kind", sig.kind()).put("event_id", sig.eventId());
      }
    }
    return ContractJson.write(o);
  }
}
