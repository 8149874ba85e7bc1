package io.ringbreaker.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.contract.ContractJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who is who in a simulated scenario, and what happened when: the answer key that detection is
 * evaluated against. Written as {@code truth.json} (snake_case fields, absent values as null).
 *
 * @param disguises   the disguised spellings of the listed tag the rings use, exactly as written
 * @param emergingTags the invented tags the rings moved to after the restriction
 * @param suspensions ring accounts the platform suspended, and who came back in their place
 * @param knownMedia  the media hashes put in {@code bank.csv}; only ring accounts share them
 * @param accounts    every account, ordered by id
 */
public record Truth(SimConfig config, String listedTag, List<Disguise> disguises, List<EmergingTag> emergingTags,
                    Restriction restriction, Flood flood, List<Suspension> suspensions, List<KnownMedia> knownMedia,
                    List<Ring> rings, List<Account> accounts) {

  public Truth {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(listedTag, "listedTag");
    Objects.requireNonNull(restriction, "restriction");
    Objects.requireNonNull(flood, "flood");
    disguises = List.copyOf(disguises);
    emergingTags = List.copyOf(emergingTags);
    suspensions = List.copyOf(suspensions);
    knownMedia = List.copyOf(knownMedia);
    rings = List.copyOf(rings);
    accounts = List.copyOf(accounts);
  }

  public enum Role {
    ORDINARY, RING, FLOODER, LOOKALIKE_CARDS, LOOKALIKE_DOCS, EVADER;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String s) {
      for (Role r : values()) {
        if (r.wire().equals(s)) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }

    /** Ring members and those who came back for them. */
    public boolean isRing() {
      return this == RING || this == EVADER;
    }
  }

  /** {@code kind}: leet, separator, repeat, fullwidth, homoglyph, zero_width, decoration, case. */
  public record Disguise(String spelling, String kind) {}

  /** Days are counted from 0 at {@code config.start}; {@code startedAt} is the start of that day. */
  public record EmergingTag(String tag, String ring, int startedDay, Instant startedAt) {}

  /** When the platform restricted the listed tag ({@code day} counted from 0). */
  public record Restriction(String tag, int day, Instant at) {}

  /** Ordinary users posting memes with the listed tag, days inclusive; the memes' base PDQ hashes. */
  public record Flood(String tag, int startDay, int endDay, List<String> memePdq) {
    public Flood {
      memePdq = List.copyOf(memePdq);
    }
  }

  /**
   * @param evader     the new account the suspended one came back as, when it did within the scenario
   * @param reused     what the evader reuses of the suspended account, each shown in its profile or
   *                   messages: identity kinds ({@code kik}, {@code telegram}, {@code whatsapp},
   *                   {@code snapchat}, {@code paypal}, {@code cashapp}, {@code btc}, {@code folder}),
   *                   and {@code media} when it shares the ring's known media; empty without an evader
   */
  public record Suspension(String account, String ring, Instant at, Optional<String> evader,
                           Optional<Instant> returnedAt, List<String> reused) {
    public Suspension {
      reused = List.copyOf(reused);
    }
  }

  public record KnownMedia(String label, String ring, String pdq, String md5, String sha256) {}

  /** {@code members}: every account of the ring, evaders included. */
  public record Ring(String id, List<String> members) {
    public Ring {
      members = List.copyOf(members);
    }
  }

  /**
   * A trace off the platform, exactly as it appears in bios and messages: kind {@code kik},
   * {@code telegram}, {@code snapchat} (a name), {@code whatsapp} ({@code wa.me/…}), {@code paypal}
   * ({@code paypal.me/…}), {@code cashapp} ({@code $…}), {@code btc} (an address), {@code folder}
   * (the folder's https link; messages also write it without scheme or spelled out).
   */
  public record Identity(String kind, String value) {}

  /**
   * @param ring           {@code ring-1}…, for ring members and evaders
   * @param replaces       for an evader: the suspended account it came back for
   * @param messagingOnly  a ring member with no public posts or comments
   * @param identities     traces off the platform (ring members, evaders, card traders)
   */
  public record Account(String id, String handle, Role role, Optional<String> ring, Optional<String> replaces,
                        boolean messagingOnly, boolean sharesKnownMedia, List<Identity> identities) {
    public Account {
      identities = List.copyOf(identities);
    }
  }

  // ---- queries --------------------------------------------------------------------------------

  public Optional<Account> account(String id) {
    for (Account a : accounts) {
      if (a.id().equals(id)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  public List<Account> withRole(Role role) {
    return accounts.stream().filter(a -> a.role() == role).toList();
  }

  /** Ids of ring members and evaders. */
  public List<String> ringAccountIds() {
    return accounts.stream().filter(a -> a.role().isRing()).map(Account::id).toList();
  }

  // ---- JSON -----------------------------------------------------------------------------------

  public void write(Path file) throws IOException {
    ObjectMapper m = ContractJson.mapper();
    Files.writeString(file, m.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n");
  }

  public static Truth read(Path file) throws IOException {
    JsonNode n = ContractJson.mapper().readTree(file.toFile());
    try {
      return fromJson(n);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a truth.json written by the simulator: " + e.getMessage(), e);
    }
  }

  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    ObjectNode c = o.putObject("config");
    c.put("seed", config.seed());
    c.put("ordinary_accounts", config.ordinaryAccounts());
    c.put("rings", config.rings());
    c.put("ring_size", config.ringSize());
    c.put("days", config.days());
    c.put("start", config.start().toString());
    o.put("listed_tag", listedTag);
    ArrayNode ds = o.putArray("disguises");
    disguises.forEach(d -> ds.addObject().put("spelling", d.spelling()).put("kind", d.kind()));
    ArrayNode es = o.putArray("emerging_tags");
    emergingTags.forEach(e -> es.addObject().put("tag", e.tag()).put("ring", e.ring())
        .put("started_day", e.startedDay()).put("started_at", e.startedAt().toString()));
    o.putObject("restriction").put("tag", restriction.tag()).put("day", restriction.day())
        .put("at", restriction.at().toString());
    ObjectNode fl = o.putObject("flood").put("tag", flood.tag()).put("start_day", flood.startDay())
        .put("end_day", flood.endDay());
    ArrayNode memes = fl.putArray("meme_pdq");
    flood.memePdq().forEach(memes::add);
    ArrayNode ss = o.putArray("suspensions");
    for (Suspension s : suspensions) {
      ObjectNode so = ss.addObject().put("account", s.account()).put("ring", s.ring()).put("at", s.at().toString());
      so.put("evader", s.evader().orElse(null));
      so.put("returned_at", s.returnedAt().map(Instant::toString).orElse(null));
      ArrayNode reused = so.putArray("reused");
      s.reused().forEach(reused::add);
    }
    ArrayNode ks = o.putArray("known_media");
    knownMedia.forEach(k -> ks.addObject().put("label", k.label()).put("ring", k.ring()).put("pdq", k.pdq())
        .put("md5", k.md5()).put("sha256", k.sha256()));
    ArrayNode rs = o.putArray("rings");
    for (Ring r : rings) {
      ArrayNode ms = rs.addObject().put("id", r.id()).putArray("members");
      r.members().forEach(ms::add);
    }
    ArrayNode as = o.putArray("accounts");
    for (Account a : accounts) {
      ObjectNode ao = as.addObject().put("id", a.id()).put("handle", a.handle()).put("role", a.role().wire());
      ao.put("ring", a.ring().orElse(null));
      ao.put("replaces", a.replaces().orElse(null));
      ao.put("messaging_only", a.messagingOnly());
      ao.put("shares_known_media", a.sharesKnownMedia());
      ArrayNode is = ao.putArray("identities");
      a.identities().forEach(i -> is.addObject().put("kind", i.kind()).put("value", i.value()));
    }
    return o;
  }

  public static Truth fromJson(JsonNode o) {
    JsonNode c = req(o, "config");
    SimConfig config = new SimConfig(req(c, "seed").asLong(), req(c, "ordinary_accounts").asInt(),
        req(c, "rings").asInt(), req(c, "ring_size").asInt(), req(c, "days").asInt(),
        Instant.parse(text(c, "start")));
    List<Disguise> disguises = list(o, "disguises", d -> new Disguise(text(d, "spelling"), text(d, "kind")));
    List<EmergingTag> emerging = list(o, "emerging_tags", e -> new EmergingTag(text(e, "tag"), text(e, "ring"),
        req(e, "started_day").asInt(), Instant.parse(text(e, "started_at"))));
    JsonNode r = req(o, "restriction");
    Restriction restriction = new Restriction(text(r, "tag"), req(r, "day").asInt(), Instant.parse(text(r, "at")));
    JsonNode fl = req(o, "flood");
    Flood flood = new Flood(text(fl, "tag"), req(fl, "start_day").asInt(), req(fl, "end_day").asInt(),
        list(fl, "meme_pdq", JsonNode::asText));
    List<Suspension> suspensions = list(o, "suspensions", s -> new Suspension(text(s, "account"), text(s, "ring"),
        Instant.parse(text(s, "at")), optional(s, "evader"), optional(s, "returned_at").map(Instant::parse),
        list(s, "reused", JsonNode::asText))); // absent in files written before it was recorded
    List<KnownMedia> known = list(o, "known_media", k -> new KnownMedia(text(k, "label"), text(k, "ring"),
        text(k, "pdq"), text(k, "md5"), text(k, "sha256")));
    List<Ring> rings = list(o, "rings", g -> new Ring(text(g, "id"), list(g, "members", JsonNode::asText)));
    List<Account> accounts = list(o, "accounts", a -> new Account(text(a, "id"), text(a, "handle"),
        Role.fromWire(text(a, "role")).orElseThrow(() -> new IllegalArgumentException("unknown role " + text(a, "role"))),
        optional(a, "ring"), optional(a, "replaces"), a.path("messaging_only").asBoolean(),
        a.path("shares_known_media").asBoolean(),
        list(a, "identities", i -> new Identity(text(i, "kind"), text(i, "value")))));
    return new Truth(config, text(o, "listed_tag"), disguises, emerging, restriction, flood, suspensions, known,
        rings, accounts);
  }

  private static JsonNode req(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return n;
  }

  private static String text(JsonNode o, String field) {
    return req(o, field).asText();
  }

  private static Optional<String> optional(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  private static <T> List<T> list(JsonNode o, String field, Function<JsonNode, T> read) {
    List<T> out = new ArrayList<>();
    JsonNode arr = o.get(field);
    if (arr != null && arr.isArray()) {
      arr.forEach(n -> out.add(read.apply(n)));
    }
    return out;
  }
}
