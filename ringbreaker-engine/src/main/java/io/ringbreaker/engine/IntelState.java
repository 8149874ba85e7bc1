package io.ringbreaker.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.detect.ring.AccountGraph;
import io.ringbreaker.detect.ring.FloodWatch;
import io.ringbreaker.detect.ring.Ring;
import io.ringbreaker.detect.ring.TagTrends;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.store.StateBatch;
import io.ringbreaker.store.StateRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Ring intelligence as engine-state rows, so the graph, the rings, tag trends, floods, suspensions
 * and restrictions survive a restart: what changed goes out with each state commit, and a restart
 * reads it all back. The window of recent posts a flood is recognised from is not kept (it refills
 * within hours).
 */
final class IntelState {
  static final String ACCOUNT = "intel.account";
  static final String TIE = "intel.tie";
  static final String IDENTITY = "intel.identity";
  static final String POST = "intel.post";
  static final String RING = "intel.ring";
  static final String TAG = "intel.tag";
  static final String TOTALS = "intel.totals";
  static final String FLOOD = "intel.flood";
  static final String SUSPENDED = "intel.suspended";
  static final String RESTRICTION = "intel.restriction";
  static final String TAGS_AFTER = "intel.tags_after";
  static final String FLOOD_POSTER = "intel.flood_poster";
  /** Separates the parts of a composite key; ids and tags never hold it. */
  private static final char SEP = '\u001f';

  static final List<String> KINDS = List.of(ACCOUNT, TIE, IDENTITY, POST, RING, TAG, TOTALS, FLOOD, SUSPENDED,
      RESTRICTION, TAGS_AFTER, FLOOD_POSTER);

  private IntelState() {}

  /** Everything changed since the last drain, as rows to upsert and keys to delete. */
  static void drain(RingIntel intel, List<StateRow> rows, List<StateBatch.StateKey> deleted) {
    intel.graph.drainUnsaved(new AccountGraph.Sink() {
      @Override
      public void account(String account, Instant firstSeen, Instant lastActive, Optional<String> lastTieEvent) {
        ArrayNode a = ContractJson.mapper().createArrayNode().add(firstSeen.getEpochSecond())
            .add(lastActive.getEpochSecond());
        lastTieEvent.ifPresentOrElse(a::add, a::addNull);
        rows.add(new StateRow(ACCOUNT, account, ContractJson.write(a)));
      }

      @Override
      public void tie(String a, String b, Instant at, float[] weights) {
        ArrayNode w = ContractJson.mapper().createArrayNode().add(at.getEpochSecond());
        for (float x : weights) {
          w.add(x);
        }
        rows.add(new StateRow(TIE, a + SEP + b, ContractJson.write(w)));
      }

      @Override
      public void identity(String identity, String account) {
        rows.add(new StateRow(IDENTITY, identity + SEP + account, "1"));
      }

      @Override
      public void post(long postKey, String author) {
        rows.add(new StateRow(POST, Long.toString(postKey), ContractJson.write(ContractJson.mapper().getNodeFactory()
            .textNode(author))));
      }
    });
    for (String id : intel.unsavedRings) {
      intel.finder.rings().stream().filter(r -> r.id().equals(id)).findFirst().ifPresentOrElse(
          r -> rows.add(new StateRow(RING, id, ContractJson.write(IntelJson.ring(r)))),
          () -> deleted.add(new StateBatch.StateKey(RING, id)));
    }
    intel.unsavedRings.clear();
    for (TagTrends.Saved t : intel.trends.drainUnsaved()) {
      ObjectNode o = ContractJson.mapper().createObjectNode();
      o.put("posts", t.posts()).put("co_listed", t.coListed()).put("followed", t.followed());
      t.users().forEach(o.putArray("users")::add);
      ObjectNode days = o.putObject("days");
      t.days().forEach((d, c) -> {
        ArrayNode a = days.putArray(Long.toString(d));
        for (long x : c) {
          a.add(x);
        }
      });
      t.firstProposed().ifPresent(at -> o.put("first_proposed", at.toString()));
      rows.add(new StateRow(TAG, t.tag(), ContractJson.write(o)));
    }
    TagTrends.Totals totals = intel.trends.totals();
    rows.add(new StateRow(TOTALS, "tags", ContractJson.write(ContractJson.mapper().createArrayNode()
        .add(totals.taggedPosts()).add(totals.listedPosts()).add(intel.now.getEpochSecond()))));
    intel.flood.drainUnsaved().forEach((term, f) -> rows.add(new StateRow(FLOOD, term, ContractJson.write(
        ContractJson.mapper().createArrayNode().add(f.from().toString()).add(f.lastSeen().toString())))));
    for (String a : intel.unsavedSuspended) {
      rows.add(new StateRow(SUSPENDED, a, ContractJson.write(ContractJson.mapper().getNodeFactory()
          .textNode(intel.suspended.get(a).toString()))));
    }
    intel.unsavedSuspended.clear();
    for (String term : intel.unsavedRestrictions) {
      RingIntel.Restriction r = intel.restrictions.get(term);
      ObjectNode o = ContractJson.mapper().createObjectNode().put("at", r.at().toString());
      r.usedBefore().stream().sorted().forEach(o.putArray("used_before")::add);
      rows.add(new StateRow(RESTRICTION, term, ContractJson.write(o)));
    }
    intel.unsavedRestrictions.clear();
    for (String a : intel.unsavedTagsAfter) {
      ArrayNode arr = ContractJson.mapper().createArrayNode();
      intel.tagsAfter.getOrDefault(a, java.util.Set.of()).forEach(arr::add);
      rows.add(new StateRow(TAGS_AFTER, a, ContractJson.write(arr)));
    }
    intel.unsavedTagsAfter.clear();
    intel.unsavedFloodPosters.forEach(a -> rows.add(new StateRow(FLOOD_POSTER, a, "1")));
    intel.unsavedFloodPosters.clear();
  }

  /** Reads one row back (rows of one kind may come in any order; accounts before ties is not needed). */
  static void restore(RingIntel intel, StateRow row) {
    JsonNode n = read(row);
    switch (row.kind()) {
      case ACCOUNT -> intel.graph.restoreAccount(row.key(), Instant.ofEpochSecond(n.get(0).asLong()),
          Instant.ofEpochSecond(n.get(1).asLong()),
          n.get(2).isNull() ? Optional.empty() : Optional.of(n.get(2).asText()));
      case TIE -> {
        int sep = row.key().indexOf(SEP);
        float[] w = new float[n.size() - 1];
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) n.get(i + 1).asDouble();
        }
        intel.graph.restoreTie(row.key().substring(0, sep), row.key().substring(sep + 1),
            Instant.ofEpochSecond(n.get(0).asLong()), w);
      }
      case IDENTITY -> {
        int sep = row.key().lastIndexOf(SEP);
        intel.graph.restoreIdentity(row.key().substring(0, sep), row.key().substring(sep + 1));
      }
      case POST -> intel.graph.restorePost(Long.parseLong(row.key()), n.asText());
      case RING -> {
        List<Ring.Member> members = new ArrayList<>();
        n.get("members").forEach(m -> members.add(new Ring.Member(m.get("account").asText(), m.get("seed").asBoolean(),
            m.get("share").asDouble(), m.get("tied_members").asInt())));
        List<String> bonds = new ArrayList<>();
        n.path("bonds").forEach(b -> bonds.add(b.asText()));
        Ring r = new Ring(row.key(), members, n.get("score").asDouble(), bonds, Instant.parse(n.get("found_at").asText()));
        intel.finder.restore(r);
        intel.applied.put(r.id(), new HashSet<>(r.accounts()));
      }
      case TAG -> {
        List<String> users = new ArrayList<>();
        n.path("users").forEach(u -> users.add(u.asText()));
        Map<Long, long[]> days = new TreeMap<>();
        n.path("days").properties().forEach(e -> {
          long[] c = new long[e.getValue().size()];
          for (int i = 0; i < c.length; i++) {
            c[i] = e.getValue().get(i).asLong();
          }
          days.put(Long.parseLong(e.getKey()), c);
        });
        intel.trends.restore(new TagTrends.Saved(row.key(), n.get("posts").asLong(), n.get("co_listed").asLong(),
            n.get("followed").asBoolean(), users, days,
            n.hasNonNull("first_proposed") ? Optional.of(Instant.parse(n.get("first_proposed").asText())) : Optional.empty()));
      }
      case TOTALS -> {
        intel.trends.restore(new TagTrends.Totals(n.get(0).asLong(), n.get(1).asLong()));
        intel.now = Instant.ofEpochSecond(n.path(2).asLong(0));
        intel.lastCluster = intel.now;
      }
      case FLOOD -> intel.flood.restore(row.key(), new FloodWatch.Flood(Instant.parse(n.get(0).asText()),
          Instant.parse(n.get(1).asText())));
      case SUSPENDED -> intel.suspended.put(row.key(), Instant.parse(n.asText()));
      case RESTRICTION -> {
        LinkedHashSet<String> before = new LinkedHashSet<>();
        n.path("used_before").forEach(u -> before.add(u.asText()));
        intel.restrictions.put(row.key(), new RingIntel.Restriction(row.key(), Instant.parse(n.get("at").asText()), before));
      }
      case TAGS_AFTER -> {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        n.forEach(t -> tags.add(t.asText()));
        intel.tagsAfter.put(row.key(), tags);
      }
      case FLOOD_POSTER -> intel.floodPosters.add(row.key());
      default -> throw new IllegalStateException("unknown ring-intelligence state kind " + row.kind());
    }
  }

  private static JsonNode read(StateRow row) {
    try {
      return ContractJson.mapper().readTree(row.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + row.kind() + " '" + row.key() + "' does not parse: "
          + e.getOriginalMessage(), e);
    }
  }
}
