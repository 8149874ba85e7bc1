package io.ringbreaker.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.detect.ring.Ring;
import io.ringbreaker.detect.ring.TagTrends;
import io.ringbreaker.model.contract.ContractJson;

/** The JSON of ring intelligence: rings, tag days and the aftermath of a restriction (scan files and the API). */
public final class IntelJson {
  private IntelJson() {}

  public static ObjectNode ring(Ring r) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("id", r.id());
    o.put("score", Math.round(r.score() * 1000) / 1000.0);
    o.put("size", r.members().size());
    o.put("seeds", r.seeds());
    o.put("found_at", r.foundAt().toString());
    ArrayNode ms = o.putArray("members");
    for (Ring.Member m : r.members()) {
      ms.addObject().put("account", m.account()).put("seed", m.seed())
          .put("share", Math.round(m.share() * 100) / 100.0).put("tied_members", m.tiedMembers());
    }
    r.bonds().forEach(o.putArray("bonds")::add);
    return o;
  }

  public static ObjectNode day(String tag, TagTrends.Day d) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("tag", tag);
    o.put("day", d.day().toString());
    o.put("posts", d.posts());
    o.put("accounts", d.accounts());
    o.put("flagged_share", Math.round(d.flaggedShare() * 1000) / 1000.0);
    o.put("flood_share", Math.round(d.floodShare() * 1000) / 1000.0);
    return o;
  }

  /**
   * A listed or followed tag day by day (posts, accounts, share flagged, share flood) from the
   * stored engine state; empty when the tag is neither listed nor used by a flagged account.
   */
  public static java.util.Optional<ObjectNode> tagSeries(io.ringbreaker.store.Store store, String tag) {
    com.fasterxml.jackson.databind.JsonNode[] row = new com.fasterxml.jackson.databind.JsonNode[1];
    store.state().forEachState(Engine.TAG_STATE, r -> {
      if (r.key().equals(tag)) {
        try {
          row[0] = io.ringbreaker.model.contract.ContractJson.mapper().readTree(r.json());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException("stored tag state of '" + tag + "' does not parse", e);
        }
      }
    });
    if (row[0] == null || !row[0].path("followed").asBoolean()) {
      return java.util.Optional.empty();
    }
    ObjectNode out = io.ringbreaker.model.contract.ContractJson.mapper().createObjectNode().put("tag", tag);
    var days = out.putArray("days");
    row[0].path("days").properties().forEach(e -> {
      var c = e.getValue();
      days.add(day(tag, new TagTrends.Day(java.time.LocalDate.ofEpochDay(Long.parseLong(e.getKey())), c.get(0).asLong(),
          c.get(1).asLong(), c.get(2).asLong(), c.get(3).asLong())).without("tag"));
    });
    return java.util.Optional.of(out);
  }

  public static ObjectNode aftermath(Engine.Aftermath a) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("term", a.term());
    o.put("restricted_at", a.restrictedAt().toString());
    o.put("used_before", a.usedBefore());
    o.put("still_active", a.remaining().size());
    ArrayNode rs = o.putArray("accounts");
    for (Engine.Remaining r : a.remaining()) {
      ObjectNode x = rs.addObject();
      x.put("account", r.account());
      x.put("last_active", r.lastActive().toString());
      r.newTags().forEach(x.putArray("new_tags")::add);
      r.apps().forEach(x.putArray("apps")::add);
      r.payments().forEach(x.putArray("payments")::add);
      x.put("bio_changed", r.bioChanged());
      if (r.ring().isPresent()) {
        x.put("ring", r.ring().get());
      } else {
        x.putNull("ring");
      }
    }
    return o;
  }
}
