package io.ringbreaker.model.contract;

import static io.ringbreaker.model.contract.Schemas.errors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated events (seeded, so a failure names its seed and can be replayed): what Ringbreaker
 * writes it reads back equal, the schema accepts what the parser accepts, and both reject the
 * same broken events.
 */
class EventRoundTripPropertyTest {

  private static final int EVENTS_PER_SEED = 400;

  /** Optional fields per type, as paths in the written JSON ("[]" for array items). */
  private static final Map<EventType, List<String>> OPTIONAL = Map.of(
      EventType.ACCOUNT, List.of("account.display_name", "account.bio", "account.links", "account.created_at"),
      EventType.POST, List.of("post.text", "post.hashtags", "post.media", "post.media[].mime", "post.media[].url",
          "post.media[].data_base64", "post.media[].pdq", "post.media[].pdq_quality", "post.media[].md5",
          "post.media[].sha256"),
      EventType.MESSAGE, List.of("message.text", "message.media", "message.media[].url"),
      EventType.FOLLOW, List.of("follow.active"),
      EventType.REPORT, List.of("report.reason", "report.text"));

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2019, 31_337, 0xC0FFEE, -7})
  void whatIsWrittenIsReadBackEqualAndMatchesTheSchema(long seed) {
    RandomEvents gen = new RandomEvents(seed);
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    Set<String> present = new HashSet<>();
    Set<String> absent = new HashSet<>();
    for (int i = 0; i < EVENTS_PER_SEED; i++) {
      Event e = gen.next();
      String line = ContractJson.eventLine(e);
      assertThat(EventParser.parse(line)).as("seed %d event %d: %s", seed, i, line).isEqualTo(new ParseResult.Accepted(e));
      assertThat(errors(Schemas.EVENT, line)).as("seed %d event %d: %s", seed, i, line).isEmpty();
      // Written the same way again: the JSON form is canonical.
      assertThat(ContractJson.eventLine(Schemas.accepted(line))).isEqualTo(line);
      types.add(e.type());
      Set<String> paths = paths(Schemas.tree(line));
      for (String optional : OPTIONAL.getOrDefault(e.type(), List.of())) {
        String parent = optional.contains("[]") ? optional.substring(0, optional.indexOf("[]")) : null;
        if (parent == null || paths.contains(parent + "[]")) {
          (paths.contains(optional) ? present : absent).add(optional);
        }
      }
    }
    assertThat(types).as("every type generated").containsExactlyInAnyOrder(EventType.values());
    List<String> all = OPTIONAL.values().stream().flatMap(List::stream).toList();
    assertThat(present).as("optional fields seen present").containsAll(all);
    assertThat(absent).as("optional fields seen absent").containsAll(all);
  }

  /** A change that breaks a valid event, and the start of the reason the parser must give. */
  record Breakage(String name, Function<ObjectNode, Optional<String>> apply, boolean idReadable) {
    static Breakage of(String name, Function<ObjectNode, Optional<String>> apply) {
      return new Breakage(name, apply, true);
    }
  }

  private static final String RFC3339 = ": must be an RFC 3339 timestamp";

  static List<Breakage> breakages() {
    List<Breakage> b = new ArrayList<>();
    for (String field : List.of("event_id", "type", "occurred_at", "actor")) {
      b.add(new Breakage("remove " + field, e -> {
        e.remove(field);
        return Optional.of(field + ": required");
      }, !field.equals("event_id")));
    }
    b.add(new Breakage("event_id a number", e -> {
      e.put("event_id", 42);
      return Optional.of("event_id: must be a string, got a number");
    }, false));
    b.add(new Breakage("event_id too long", e -> {
      e.put("event_id", "x".repeat(257));
      return Optional.of("event_id: longer than 256 characters");
    }, false));
    b.add(Breakage.of("actor blank", e -> {
      e.put("actor", " \t");
      return Optional.of("actor: must not be empty");
    }));
    b.add(Breakage.of("unknown type", e -> {
      e.put("type", "like");
      return Optional.of("type: unknown event type 'like'");
    }));
    b.add(Breakage.of("type in capitals", e -> {
      e.put("type", e.get("type").asText().toUpperCase());
      return Optional.of("type: unknown event type");
    }));
    b.add(Breakage.of("remove the body", e -> {
      String t = e.get("type").asText();
      e.remove(t);
      return Optional.of(t + ": required for an event of type " + t);
    }));
    b.add(Breakage.of("body an array", e -> {
      String t = e.get("type").asText();
      e.putArray(t);
      return Optional.of(t + ": must be an object, got an array");
    }));
    b.add(Breakage.of("occurred_at without offset", e -> {
      String ts = e.get("occurred_at").asText();
      e.put("occurred_at", ts.substring(0, ts.length() - 1));
      return Optional.of("occurred_at" + RFC3339);
    }));
    b.add(Breakage.of("occurred_at with a space", e -> {
      e.put("occurred_at", e.get("occurred_at").asText().replace('T', ' '));
      return Optional.of("occurred_at" + RFC3339);
    }));
    b.add(Breakage.of("occurred_at garbage", e -> {
      e.put("occurred_at", "yesterday");
      return Optional.of("occurred_at" + RFC3339);
    }));
    b.add(Breakage.of("occurred_at a leap second", e -> {
      e.put("occurred_at", "2016-12-31T23:59:60Z");
      return Optional.of("occurred_at" + RFC3339);
    }));
    b.add(Breakage.of("remove a required body field", e -> {
      String t = e.get("type").asText();
      String f = requiredBodyFields(t).getFirst();
      ((ObjectNode) e.get(t)).remove(f);
      return Optional.of(t + "." + f + ": required");
    }));
    b.add(Breakage.of("a required body field a number", e -> {
      String t = e.get("type").asText();
      List<String> fields = requiredBodyFields(t);
      String f = fields.getLast();
      ((ObjectNode) e.get(t)).put(f, 7);
      return Optional.of(t + "." + f + ": must be " + (f.equals("to") ? "an array of strings" : "a string") + ", got a number");
    }));
    b.add(Breakage.of("a required id blank", e -> {
      String t = e.get("type").asText();
      String f = requiredBodyFields(t).stream().filter(EventRoundTripPropertyTest::isId).findFirst().orElseThrow();
      ((ObjectNode) e.get(t)).put(f, "");
      return Optional.of(t + "." + f + ": must not be empty");
    }));
    b.add(Breakage.of("display_name too long", e -> onType(e, "account", body -> {
      body.put("display_name", "d".repeat(257));
      return "account.display_name: longer than 256 characters";
    })));
    b.add(Breakage.of("created_at without time", e -> onType(e, "account", body -> {
      body.put("created_at", "2018-05-01");
      return "account.created_at" + RFC3339;
    })));
    b.add(Breakage.of("links a string", e -> onType(e, "account", body -> {
      body.put("links", "https://example.org");
      return "account.links: must be an array of strings, got a string";
    })));
    b.add(Breakage.of("hashtags a string", e -> onType(e, "post", body -> {
      body.put("hashtags", "#sunrise");
      return "post.hashtags: must be an array of strings, got a string";
    })));
    b.add(Breakage.of("a hashtag a number", e -> onType(e, "post", body -> {
      body.putArray("hashtags").add(5);
      return "post.hashtags[0]: must be a string, got a number";
    })));
    b.add(Breakage.of("a hashtag too long", e -> onType(e, "post", body -> {
      body.putArray("hashtags").add("h".repeat(257));
      return "post.hashtags[0]: longer than 256 characters";
    })));
    b.add(Breakage.of("media without a source", e -> onMedia(e, (m, p) -> {
      List.of("url", "data_base64", "pdq", "md5", "sha256").forEach(m::remove);
      return p + ": needs at least one of url, data_base64, pdq, md5, sha256";
    })));
    b.add(Breakage.of("media without an id", e -> onMedia(e, (m, p) -> {
      m.remove("id");
      return p + ".id: required";
    })));
    b.add(Breakage.of("pdq 63 hex", e -> onMedia(e, (m, p) -> {
      m.put("pdq", "a".repeat(63));
      return p + ".pdq: must be 64 hex characters";
    })));
    b.add(Breakage.of("md5 not hex", e -> onMedia(e, (m, p) -> {
      m.put("md5", "x".repeat(32));
      return p + ".md5: must be 32 hex characters";
    })));
    b.add(Breakage.of("sha256 too long", e -> onMedia(e, (m, p) -> {
      m.put("sha256", "b".repeat(65));
      return p + ".sha256: must be 64 hex characters";
    })));
    b.add(Breakage.of("pdq_quality 101", e -> onMedia(e, (m, p) -> {
      m.put("pdq_quality", 101);
      return p + ".pdq_quality: must be an integer from 0 to 100";
    })));
    b.add(Breakage.of("pdq_quality negative", e -> onMedia(e, (m, p) -> {
      m.put("pdq_quality", -1);
      return p + ".pdq_quality: must be an integer from 0 to 100";
    })));
    b.add(Breakage.of("pdq_quality a fraction", e -> onMedia(e, (m, p) -> {
      m.put("pdq_quality", 50.5);
      return p + ".pdq_quality: must be an integer from 0 to 100";
    })));
    b.add(Breakage.of("url ftp", e -> onMedia(e, (m, p) -> {
      m.put("url", "ftp://example.org/m.jpg");
      return p + ".url: scheme must be file, http or https";
    })));
    b.add(Breakage.of("url without scheme", e -> onMedia(e, (m, p) -> {
      m.put("url", "example.org/m.jpg");
      return p + ".url: scheme must be file, http or https";
    })));
    b.add(Breakage.of("data_base64 bad character", e -> onMedia(e, (m, p) -> {
      m.put("data_base64", "QUJD!");
      return p + ".data_base64: not valid base64";
    })));
    b.add(Breakage.of("too many media", e -> onMedia(e, (m, p) -> {
      ArrayNode media = (ArrayNode) e.get(e.get("type").asText()).get("media");
      while (media.size() <= 1000) {
        media.add(m.deepCopy());
      }
      return p.substring(0, p.length() - 3) + ": at most 1000 items, got 1001";
    })));
    b.add(Breakage.of("to empty", e -> onType(e, "message", body -> {
      body.putArray("to");
      return "message.to: must name at least one recipient";
    })));
    b.add(Breakage.of("to with a number", e -> onType(e, "message", body -> {
      ((ArrayNode) body.get("to")).add(3);
      return "message.to[";
    })));
    b.add(Breakage.of("active a string", e -> onType(e, "follow", body -> {
      body.put("active", "yes");
      return "follow.active: must be true or false, got a string";
    })));
    b.add(Breakage.of("report of an unknown target type", e -> onType(e, "report", body -> {
      body.put("target_type", "user");
      return "report.target_type: unknown value 'user'";
    })));
    b.add(Breakage.of("unknown enforcement action", e -> onType(e, "enforcement", body -> {
      body.put("action", "deleted");
      return "enforcement.action: unknown value 'deleted'";
    })));
    b.add(Breakage.of("hashtag action on an account", e -> onType(e, "enforcement", body -> {
      body.put("action", "hashtag_blocked").put("target_type", "account");
      return "enforcement.action: hashtag_blocked applies to target_type hashtag, not account";
    })));
    return b;
  }

  static List<String> requiredBodyFields(String type) {
    return switch (type) {
      case "account" -> List.of("id", "handle");
      case "post" -> List.of("id");
      case "comment" -> List.of("id", "post_id", "text");
      case "message" -> List.of("id", "conversation_id", "to");
      case "follow" -> List.of("target");
      case "report", "appeal" -> List.of("id", "target_type", "target_id");
      case "enforcement" -> List.of("target_type", "target_id", "action");
      default -> throw new IllegalArgumentException(type);
    };
  }

  static boolean isId(String field) {
    return !List.of("text", "to", "target_type", "action").contains(field);
  }

  static Optional<String> onType(ObjectNode e, String type, Function<ObjectNode, String> change) {
    return e.get("type").asText().equals(type) ? Optional.of(change.apply((ObjectNode) e.get(type))) : Optional.empty();
  }

  interface MediaChange {
    String apply(ObjectNode media, String path);
  }

  static Optional<String> onMedia(ObjectNode e, MediaChange change) {
    String t = e.get("type").asText();
    JsonNode media = e.path(t).path("media");
    if (!media.isArray() || media.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(change.apply((ObjectNode) media.get(0), t + ".media[0]"));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {5, 77, 1234})
  void schemaAndParserRejectTheSameBrokenEvents(long seed) {
    RandomEvents gen = new RandomEvents(seed);
    List<Breakage> breakages = breakages();
    Set<String> applied = new TreeSet<>();
    for (int i = 0; i < 120; i++) {
      Event valid = gen.next();
      ObjectNode original = (ObjectNode) Schemas.tree(ContractJson.eventLine(valid));
      for (Breakage br : breakages) {
        ObjectNode broken = original.deepCopy();
        Optional<String> reason = br.apply().apply(broken);
        if (reason.isEmpty()) {
          continue;
        }
        applied.add(br.name());
        String json = broken.toString();
        String what = "seed " + seed + " event " + i + ", " + br.name() + ": " + Schemas.clip(json);
        assertThat(errors(Schemas.EVENT, broken)).as("schema rejects " + what).isNotEmpty();
        ParseResult r = EventParser.parse(json);
        assertThat(r).as("parser rejects " + what).isInstanceOf(ParseResult.Rejected.class);
        ParseResult.Rejected rej = (ParseResult.Rejected) r;
        assertThat(rej.reasons()).as(what).anySatisfy(x -> assertThat(x).startsWith(reason.get()));
        assertThat(rej.eventId()).as("event_id of the rejection, " + what)
            .isEqualTo(br.idReadable() ? Optional.of(valid.eventId()) : Optional.empty());
      }
    }
    assertThat(applied).as("every breakage was tried").containsExactlyInAnyOrderElementsOf(
        breakages.stream().map(Breakage::name).toList());
  }

  @Test
  void schemaAndParserAgreeOnWhichIdsAreBlank() {
    String pattern = Schemas.tree(Schemas.docsText("events.schema.json")).at("/$defs/id/pattern").asText();
    Pattern notBlank = Pattern.compile(pattern);
    ObjectNode e = (ObjectNode) Schemas.tree(Schemas.exampleLines().get(4));
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      if (Character.isSurrogate(c)) {
        continue;
      }
      String id = "" + c + c;
      e.put("actor", id);
      boolean parserAccepts = EventParser.parse(e) instanceof ParseResult.Accepted;
      assertThat(notBlank.matcher(id).find()).as("schema pattern on U+%04X", (int) c).isEqualTo(parserAccepts);
      if (c <= 0x20 || Character.isSpaceChar(c) || Character.isWhitespace(c)) {
        assertThat(errors(Schemas.EVENT, e).isEmpty()).as("schema on U+%04X", (int) c).isEqualTo(parserAccepts);
      }
    }
  }

  @Test
  void rfc3339TimestampsAreAcceptedByBoth() {
    for (String ts : List.of("2019-01-02T09:00:00Z", "2019-01-02T09:00:00.1Z", "2019-01-02T09:00:00.123456789Z",
        "2019-01-02t09:00:00z", "2019-01-02T09:00:00+05:30", "2019-01-02T09:00:00-18:00", "2020-02-29T23:59:59+01:00",
        "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z")) {
      String json = occurredAt(ts);
      assertThat(errors(Schemas.EVENT, json)).as(ts).isEmpty();
      assertThat(EventParser.parse(json)).as(ts).isInstanceOf(ParseResult.Accepted.class);
    }
  }

  @Test
  void theParserToleratesSomeTimestampsTheSchemaRejects() {
    // Documented in events.md ("The parser also tolerates…"): not part of the contract.
    for (String ts : List.of("2019-01-02T09:00Z", "2019-01-02T09:00:00+01", "2019-01-02T09:00:00+01:00:30",
        "2019-01-02T09:00:00-00:00", "2019-01-02T09:00:00.Z", "+10000-01-02T09:00:00Z")) {
      String json = occurredAt(ts);
      assertThat(errors(Schemas.EVENT, json)).as(ts).isNotEmpty();
      assertThat(EventParser.parse(json)).as(ts).isInstanceOf(ParseResult.Accepted.class);
    }
  }

  @Test
  void theSchemaDoesNotCheckUrlSyntaxOrBase64Length() {
    // Documented in events.md ("Schema and parser"): JSON Schema cannot say these.
    for (String media : List.of("{\"id\":\"m1\",\"url\":\"http://exa mple.org/m.jpg\"}",
        "{\"id\":\"m1\",\"data_base64\":\"QUJDR\"}", "{\"id\":\"m1\",\"data_base64\":\"QQ=\"}")) {
      String json = EventParserTest.postWithMedia(media);
      assertThat(errors(Schemas.EVENT, json)).as(media).isEmpty();
      assertThat(EventParser.parse(json)).as(media).isInstanceOf(ParseResult.Rejected.class);
    }
  }

  static String occurredAt(String ts) {
    ObjectNode e = (ObjectNode) Schemas.tree(Schemas.exampleLines().get(4));
    e.put("occurred_at", ts);
    return e.toString();
  }

  /** Every field path in an event's JSON; array items as "[]". */
  static Set<String> paths(JsonNode event) {
    Set<String> out = new HashSet<>();
    event.properties().forEach(p -> walk(p.getKey(), p.getValue(), out));
    return out;
  }

  private static void walk(String path, JsonNode n, Set<String> out) {
    out.add(path);
    if (n.isObject()) {
      n.properties().forEach(p -> walk(path + "." + p.getKey(), p.getValue(), out));
    } else if (n.isArray()) {
      n.forEach(item -> {
        if (item.isObject()) {
          walk(path + "[]", item, out);
        }
      });
    }
  }
}
