package io.ringbreaker.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.contract.ContractJson;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Synthetic contract events, built as JSON trees so any text is escaped correctly. */
final class Events {
  private static final Instant START = Instant.parse("2019-01-02T09:00:00Z");
  private static final AtomicLong CLOCK = new AtomicLong();

  private Events() {}

  private static ObjectNode envelope(String eventId, String type, String actor) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("event_id", eventId);
    o.put("type", type);
    o.put("occurred_at", START.plusSeconds(CLOCK.incrementAndGet()).toString());
    o.put("actor", actor);
    return o;
  }

  /** A post whose hashtags are given in a list. */
  static ObjectNode post(String eventId, String actor, String postId, String... hashtags) {
    ObjectNode o = envelope(eventId, "post", actor);
    ObjectNode p = o.putObject("post");
    p.put("id", postId);
    p.put("text", "morning walk");
    ArrayNode tags = p.putArray("hashtags");
    for (String t : hashtags) {
      tags.add(t);
    }
    return o;
  }

  /** A post whose hashtags are found in its text. */
  static ObjectNode postText(String eventId, String actor, String postId, String text) {
    ObjectNode o = envelope(eventId, "post", actor);
    ObjectNode p = o.putObject("post");
    p.put("id", postId);
    p.put("text", text);
    return o;
  }

  static ObjectNode account(String eventId, String id, String handle, String displayName, String bio) {
    ObjectNode o = envelope(eventId, "account", id);
    ObjectNode a = o.putObject("account");
    a.put("id", id);
    a.put("handle", handle);
    a.put("display_name", displayName);
    a.put("bio", bio);
    return o;
  }

  static ObjectNode restrictHashtag(String eventId, String tag) {
    ObjectNode o = envelope(eventId, "enforcement", "platform");
    ObjectNode e = o.putObject("enforcement");
    e.put("target_type", "hashtag");
    e.put("target_id", tag);
    e.put("action", "hashtag_restricted");
    return o;
  }

  static ObjectNode follow(String eventId, String actor, String target) {
    ObjectNode o = envelope(eventId, "follow", actor);
    o.putObject("follow").put("target", target);
    return o;
  }

  /** A message the platform cannot read: metadata only. */
  static ObjectNode unreadableMessage(String eventId, String actor, String conversation, String to) {
    ObjectNode o = envelope(eventId, "message", actor);
    ObjectNode m = o.putObject("message");
    m.put("id", "d-" + eventId);
    m.put("conversation_id", conversation);
    m.putArray("to").add(to);
    return o;
  }

  static String json(JsonNode node) {
    return ContractJson.write(node);
  }

  static String array(List<? extends JsonNode> events) {
    ArrayNode a = ContractJson.mapper().createArrayNode();
    events.forEach(a::add);
    return ContractJson.write(a);
  }
}
