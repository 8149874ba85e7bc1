package io.ringbreaker.model.contract;

import static io.ringbreaker.model.contract.Schemas.accepted;
import static io.ringbreaker.model.contract.Schemas.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.EnforcementAction;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.TargetType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What EventParser does with bad and odd input: every rejection names the field (or says the
 * JSON itself is malformed) and carries the event_id when that could be read; odd but valid input
 * is accepted and kept exactly.
 */
class EventParserTest {

  private static final ObjectMapper M = JsonMapper.builder().build();
  private static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  /** A fresh, mutable copy of the contract example with this event_id (e1 … e7). */
  static ObjectNode example(String eventId) {
    return Schemas.exampleLines().stream()
        .map(l -> (ObjectNode) Schemas.tree(l))
        .filter(n -> n.get("event_id").asText().equals(eventId))
        .findFirst().orElseThrow();
  }

  static ObjectNode body(ObjectNode event) {
    return (ObjectNode) event.get(event.get("type").asText());
  }

  static ObjectNode with(String eventId, Consumer<ObjectNode> change) {
    ObjectNode e = example(eventId);
    change.accept(e);
    return e;
  }

  /** A post (example e2) whose only media item is this JSON object. */
  static String postWithMedia(String mediaJson) {
    ObjectNode e = example("e2");
    ArrayNode media = body(e).putArray("media");
    media.add(Schemas.tree(mediaJson));
    return e.toString();
  }

  static Media onlyMedia(Event e) {
    return ((EventBody.Post) e.body()).media().getFirst();
  }

  static String text(Event e) {
    return switch (e.body()) {
      case EventBody.Post p -> p.text().orElseThrow();
      case EventBody.Comment c -> c.text();
      default -> throw new AssertionError(e);
    };
  }

  static String comment(String textJsonLiteral) {
    return "{\"event_id\":\"e3\",\"type\":\"comment\",\"occurred_at\":\"2019-01-02T09:07:00Z\",\"actor\":\"u20\","
        + "\"comment\":{\"id\":\"c4\",\"post_id\":\"p9\",\"text\":" + textJsonLiteral + "}}";
  }

  @Nested
  class Envelope {

    @Test
    void missingEventIdIsRejectedWithoutAnId() {
      var r = rejected(with("e5", e -> e.remove("event_id")).toString());
      assertThat(r.reasons()).containsExactly("event_id: required");
      assertThat(r.eventId()).isEmpty();
    }

    @Test
    void nullEventIdIsMissing() {
      var r = rejected(with("e5", e -> e.putNull("event_id")).toString());
      assertThat(r.reasons()).containsExactly("event_id: required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u3000", "\u2028"})
    void blankIdsAreRejected(String blank) {
      var r = rejected(with("e5", e -> e.put("actor", blank)).toString());
      assertThat(r.reasons()).containsExactly("actor: must not be empty");
      assertThat(r.eventId()).contains("e5");
    }

    @Test
    void aNoBreakSpaceIsNotBlankInJava() {
      // Character.isWhitespace excludes U+00A0; the schema's id pattern uses the same class.
      assertThat(accepted(with("e5", e -> e.put("actor", "\u00a0")).toString()).actor()).isEqualTo("\u00a0");
    }

    @Test
    void idsAreKeptExactly() {
      Event e = accepted(with("e5", n -> n.put("actor", " U20 ")).toString());
      assertThat(e.actor()).isEqualTo(" U20 ");
    }

    @Test
    void unknownTypeIsRejectedNamingTheField() {
      var r = rejected(with("e5", e -> e.put("type", "like")).toString());
      assertThat(r.reasons()).containsExactly("type: unknown event type 'like' (expected one of "
          + "account, post, comment, message, follow, report, enforcement, appeal)");
      assertThat(r.eventId()).contains("e5");
    }

    @Test
    void typeIsCaseSensitive() {
      assertThat(rejected(with("e5", e -> e.put("type", "Follow")).toString()).reasons())
          .singleElement().asString().startsWith("type: unknown event type 'Follow'");
    }

    @Test
    void missingTypeIsRejected() {
      assertThat(rejected(with("e5", e -> e.remove("type")).toString()).reasons()).containsExactly("type: required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"e1", "e2", "e3", "e4", "e5", "e6", "e7"})
    void aTypeWithoutItsBodyIsRejected(String id) {
      ObjectNode e = example(id);
      String type = e.get("type").asText();
      e.remove(type);
      var r = rejected(e.toString());
      assertThat(r.reasons()).containsExactly(type + ": required for an event of type " + type);
      assertThat(r.eventId()).contains(id);
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejected() {
      assertThat(rejected(with("e2", e -> e.putArray("post")).toString()).reasons())
          .containsExactly("post: must be an object, got an array");
      assertThat(rejected(with("e2", e -> e.putNull("post")).toString()).reasons())
          .containsExactly("post: required for an event of type post");
    }

    @Test
    void theBodyOfAnotherTypeIsIgnored() {
      Event plain = accepted(example("e5").toString());
      assertThat(accepted(with("e5", e -> e.put("post", 5).putArray("account")).toString())).isEqualTo(plain);
    }

    @Test
    void missingOccurredAtAndActorAreBothReported() {
      var r = rejected(with("e5", e -> {
        e.remove("occurred_at");
        e.remove("actor");
      }).toString());
      assertThat(r.reasons()).containsExactly("occurred_at: required", "actor: required");
    }

    @Test
    void everyProblemIsReportedEachWithItsPath() {
      var r = rejected(with("e2", e -> {
        e.put("actor", 17);
        body(e).put("hashtags", "#sunrise");
        ((ObjectNode) body(e).get("media").get(0)).put("pdq", "abc").put("pdq_quality", 101);
      }).toString());
      assertThat(r.reasons()).containsExactly(
          "actor: must be a string, got a number",
          "post.hashtags: must be an array of strings, got a string",
          "post.media[0].pdq: must be 64 hex characters, got 'abc'",
          "post.media[0].pdq_quality: must be an integer from 0 to 100, got 101");
      assertThat(r.eventId()).contains("e2");
      assertThat(r.reason()).isEqualTo(String.join("; ", r.reasons()));
    }
  }

  @Nested
  class Types {

    static Stream<Arguments> wrongTypes() {
      return Stream.of(
          Arguments.of("e5", (Consumer<ObjectNode>) e -> e.put("event_id", 42), "event_id: must be a string, got a number"),
          Arguments.of("e5", (Consumer<ObjectNode>) e -> e.put("actor", true), "actor: must be a string, got a boolean"),
          Arguments.of("e5", (Consumer<ObjectNode>) e -> e.putObject("type"), "type: must be a string, got an object"),
          Arguments.of("e5", (Consumer<ObjectNode>) e -> e.put("occurred_at", 1546419660),
              "occurred_at: must be a string, got a number"),
          Arguments.of("e3", (Consumer<ObjectNode>) e -> body(e).put("text", 3.5), "comment.text: must be a string, got a number"),
          Arguments.of("e2", (Consumer<ObjectNode>) e -> body(e).put("hashtags", "#sunrise #nofilter"),
              "post.hashtags: must be an array of strings, got a string"),
          Arguments.of("e2", (Consumer<ObjectNode>) e -> body(e).putArray("hashtags").add("sunrise").add(7),
              "post.hashtags[1]: must be a string, got a number"),
          Arguments.of("e2", (Consumer<ObjectNode>) e -> body(e).putArray("hashtags").addNull(),
              "post.hashtags[0]: must be a string, got null"),
          Arguments.of("e2", (Consumer<ObjectNode>) e -> body(e).put("media", "m3"), "post.media: must be an array, got a string"),
          Arguments.of("e2", (Consumer<ObjectNode>) e -> body(e).putArray("media").add("m3"),
              "post.media[0]: must be an object, got a string"),
          Arguments.of("e4", (Consumer<ObjectNode>) e -> body(e).put("to", "u17"), "message.to: must be an array of strings, got a string"),
          Arguments.of("e1", (Consumer<ObjectNode>) e -> body(e).put("links", "https://example.org"),
              "account.links: must be an array of strings, got a string"),
          Arguments.of("e5", (Consumer<ObjectNode>) e -> body(e).put("active", "false"), "follow.active: must be true or false, got a string"),
          Arguments.of("e5", (Consumer<ObjectNode>) e -> body(e).put("active", 0), "follow.active: must be true or false, got a number"),
          Arguments.of("e6", (Consumer<ObjectNode>) e -> body(e).put("target_type", "user"),
              "report.target_type: unknown value 'user' (expected one of account, post, comment, message, hashtag)"),
          Arguments.of("e7", (Consumer<ObjectNode>) e -> body(e).put("action", "deleted"),
              "enforcement.action: unknown value 'deleted' (expected one of removed, restored, suspended, reinstated, "
                  + "hashtag_restricted, hashtag_blocked, hashtag_allowed)"),
          Arguments.of("e2", (Consumer<ObjectNode>) e -> ((ObjectNode) body(e).get("media").get(0)).put("pdq_quality", "100"),
              "post.media[0].pdq_quality: must be an integer from 0 to 100, got \"100\""));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void aValueOfTheWrongTypeIsRejectedNamingTheField(String example, Consumer<ObjectNode> change, String reason) {
      ObjectNode e = with(example, change);
      var r = rejected(e.toString());
      assertThat(r.reasons()).containsExactly(reason);
      assertThat(r.eventId()).isEqualTo(e.get("event_id").isTextual() ? Optional.of(example) : Optional.empty());
    }

    @Test
    void optionalFieldsSetToNullAreAbsent() {
      Event e = accepted(with("e2", n -> {
        body(n).putNull("text").putNull("hashtags");
        ((ObjectNode) body(n).get("media").get(0)).putNull("mime").putNull("url").putNull("pdq_quality");
      }).toString());
      EventBody.Post p = (EventBody.Post) e.body();
      assertThat(p.text()).isEmpty();
      assertThat(p.hashtags()).isEmpty();
      assertThat(p.media().getFirst().url()).isEmpty();
      assertThat(p.media().getFirst().pdqQuality()).isEmpty();
      assertThat(((EventBody.Follow) accepted(with("e5", n -> body(n).putNull("active")).toString()).body()).active())
          .isTrue();
    }

    @Test
    void requiredBodyFieldsSetToNullAreMissing() {
      assertThat(rejected(with("e3", e -> body(e).putNull("post_id").putNull("text")).toString()).reasons())
          .containsExactly("comment.post_id: required", "comment.text: required");
    }

    @Test
    void unknownFieldsAreIgnoredAtEveryLevel() {
      Event plain = accepted(example("e2").toString());
      ObjectNode extra = with("e2", e -> {
        e.put("schema_version", 9).putObject("platform_meta").put("region", "eu").putArray("x").add(1);
        body(e).put("visibility", "public");
        ((ObjectNode) body(e).get("media").get(0)).put("width", 640).putNull("caption");
      });
      assertThat(accepted(extra.toString())).isEqualTo(plain);
    }

    @Test
    void emptyOptionalTextIsNotAbsent() {
      assertThat(((EventBody.Post) accepted(with("e2", e -> body(e).put("text", "")).toString()).body()).text())
          .contains("");
    }

    @Test
    void followActiveFalseIsAnUnfollow() {
      assertThat(accepted(with("e5", e -> body(e).put("active", false)).toString()).body())
          .isEqualTo(new EventBody.Follow("u17", false));
    }

    @Test
    void parsingATreeGivesTheSameAsParsingText() {
      for (String line : Schemas.exampleLines()) {
        assertThat(EventParser.parse(Schemas.tree(line))).isEqualTo(EventParser.parse(line));
      }
      ObjectNode bad = with("e5", e -> e.put("type", "like"));
      assertThat(EventParser.parse(bad)).isEqualTo(EventParser.parse(bad.toString()));
    }
  }

  @Nested
  class Timestamps {

    @ParameterizedTest
    @ValueSource(strings = {
        "2019-01-02T09:00:00",         // no offset
        "2019-01-02",                  // no time
        "garbage",
        "",
        "2019-01-02 09:00:00Z",        // space for T
        "2019-02-30T09:00:00Z",        // no such day
        "2019-01-02T24:00:00Z",
        "2016-12-31T23:59:60Z",        // leap second
        "2019-01-02T09:00:00.1234567891Z", // 10 fraction digits
        "2019-01-02T09:00:00+0100",    // offset without colon
        "2019-01-02T09:00:00+19:00",   // beyond +18:00
        "1546419600",
        "2019-01-02T09:00:00Z[Europe/Paris]"})
    void aTimestampThatIsNotRfc3339WithAnOffsetIsRejected(String ts) {
      var r = rejected(with("e5", e -> e.put("occurred_at", ts)).toString());
      assertThat(r.reasons()).containsExactly("occurred_at: must be an RFC 3339 timestamp with a time zone, "
          + "like 2019-01-02T09:00:00Z; got '" + ts + "'");
      assertThat(r.eventId()).contains("e5");
    }

    @Test
    void aLongTimestampIsRejectedByLength() {
      String ts = "2019-01-02T09:00:00." + "0".repeat(60) + "Z";
      assertThat(rejected(with("e5", e -> e.put("occurred_at", ts)).toString()).reasons())
          .containsExactly("occurred_at: longer than 64 characters (" + ts.length() + ")");
    }

    @Test
    void createdAtFollowsTheSameRules() {
      assertThat(rejected(with("e1", e -> body(e).put("created_at", "2018-05-01T12:00:00")).toString()).reasons())
          .containsExactly("account.created_at: must be an RFC 3339 timestamp with a time zone, "
              + "like 2019-01-02T09:00:00Z; got '2018-05-01T12:00:00'");
    }

    @ParameterizedTest
    @CsvSource({
        "2019-01-02T09:00:00Z, 2019-01-02T09:00:00Z",
        "2019-01-02T10:30:00+01:30, 2019-01-02T09:00:00Z",
        "2019-01-01T23:00:00-10:00, 2019-01-02T09:00:00Z",
        "2019-01-02t09:00:00z, 2019-01-02T09:00:00Z",
        "2019-01-02T09:00:00.5Z, 2019-01-02T09:00:00.500Z",
        "2019-01-02T09:00:00.123456789+00:00, 2019-01-02T09:00:00.123456789Z",
        "2019-01-02T09:00:00+18:00, 2019-01-01T15:00:00Z"})
    void aTimestampWithAnOffsetIsReadAsAnInstant(String ts, String instant) {
      Event e = accepted(with("e5", n -> n.put("occurred_at", ts)).toString());
      assertThat(e.occurredAt()).isEqualTo(Instant.parse(instant));
      // Written back in UTC: the offset is not kept.
      assertThat(Schemas.tree(ContractJson.eventLine(e)).get("occurred_at").asText()).isEqualTo(instant);
    }
  }

  @Nested
  class MediaItems {

    @ParameterizedTest
    @CsvSource({
        "pdq, f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b2, 64",       // 63 chars
        "pdq, f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22a, 64",     // 65 chars
        "pdq, g8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22, 64",      // not hex
        "pdq, f8f8f0cee0f4a84f 6370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22, 64",      // space
        "md5, d41d8cd98f00b204e9800998ecf8427, 32",
        "md5, d41d8cd98f00b204e9800998ecf8427z, 32",
        "sha256, e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85, 64",
        "sha256, 0xb0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, 64"})
    void aBadHexHashIsRejectedNamingTheField(String field, String value, int length) {
      var r = rejected(postWithMedia("{\"id\":\"m1\",\"" + field + "\":\"" + value + "\"}"));
      assertThat(r.reasons()).containsExactly(
          "post.media[0]." + field + ": must be " + length + " hex characters, got '" + value + "'");
      assertThat(r.eventId()).contains("e2");
    }

    @Test
    void aFarTooLongHashIsRejectedByLength() {
      String value = "ab".repeat(50);
      assertThat(rejected(postWithMedia("{\"id\":\"m1\",\"pdq\":\"" + value + "\"}")).reasons())
          .containsExactly("post.media[0].pdq: longer than 65 characters (100)");
    }

    @Test
    void hexHashesAreReadInAnyCaseAndKeptInLowerCase() {
      Media m = onlyMedia(accepted(postWithMedia("{\"id\":\"m1\",\"pdq\":\"" + PDQ.toUpperCase() + "\","
          + "\"md5\":\"D41D8CD98F00B204E9800998ECF8427E\",\"sha256\":\"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\"}")));
      assertThat(m.pdq()).contains(PDQ);
      assertThat(m.md5()).contains("d41d8cd98f00b204e9800998ecf8427e");
      assertThat(m.sha256()).contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "50.5", "1e400", "true", "\"50\"", "[50]"})
    void pdqQualityOutOfRangeOrNotAnIntegerIsRejected(String quality) {
      var r = rejected(postWithMedia("{\"id\":\"m1\",\"pdq\":\"" + PDQ + "\",\"pdq_quality\":" + quality + "}"));
      assertThat(r.reasons()).singleElement().asString()
          .startsWith("post.media[0].pdq_quality: must be an integer from 0 to 100, got ");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 99, 100})
    void pdqQualityFromZeroToHundredIsAccepted(int quality) {
      Media m = onlyMedia(accepted(postWithMedia("{\"id\":\"m1\",\"pdq\":\"" + PDQ + "\",\"pdq_quality\":" + quality + "}")));
      assertThat(m.pdqQuality()).hasValue(quality);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"m1\"}", "{\"id\":\"m1\",\"mime\":\"image/jpeg\"}",
        "{\"id\":\"m1\",\"pdq_quality\":100}", "{\"id\":\"m1\",\"sha1\":\"da39a3ee5e6b4b0d3255bfef95601890afd80709\"}"})
    void mediaWithNoneOfUrlDataOrHashesIsRejected(String media) {
      assertThat(rejected(postWithMedia(media)).reasons())
          .containsExactly("post.media[0]: needs at least one of url, data_base64, pdq, md5, sha256");
    }

    @Test
    void mediaInAMessageIsCheckedTheSameWay() {
      var r = rejected(with("e4", e -> body(e).putArray("media").addObject().put("id", "m9")).toString());
      assertThat(r.reasons()).containsExactly("message.media[0]: needs at least one of url, data_base64, pdq, md5, sha256");
    }

    @Test
    void mediaNeedsAnId() {
      assertThat(rejected(postWithMedia("{\"md5\":\"d41d8cd98f00b204e9800998ecf8427e\"}")).reasons())
          .containsExactly("post.media[0].id: required");
    }

    @Test
    void atMostAThousandMediaItems() {
      ObjectNode e = example("e2");
      ArrayNode media = body(e).putArray("media");
      for (int i = 0; i < 1001; i++) {
        media.addObject().put("id", "m" + i).put("md5", "d41d8cd98f00b204e9800998ecf8427e");
      }
      assertThat(rejected(e.toString()).reasons()).containsExactly("post.media: at most 1000 items, got 1001");
      media.remove(1000);
      assertThat(((EventBody.Post) accepted(e.toString()).body()).media()).hasSize(1000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ftp://example.org/m3.jpg | post.media[0].url: scheme must be file, http or https, got 'ftp://example.org/m3.jpg'",
        "example.org/m3.jpg | post.media[0].url: scheme must be file, http or https, got 'example.org/m3.jpg'",
        "//example.org/m3.jpg | post.media[0].url: scheme must be file, http or https, got '//example.org/m3.jpg'",
        "javascript:alert(1) | post.media[0].url: scheme must be file, http or https, got 'javascript:alert(1)'",
        "http://exa mple.org/m3.jpg | post.media[0].url: not a valid URL (Illegal character in authority)",
        "https: | post.media[0].url: not a valid URL (Expected scheme-specific part)"})
    void aBadUrlIsRejectedNamingTheField(String url, String reason) {
      assertThat(rejected(postWithMedia("{\"id\":\"m1\",\"url\":\"" + url + "\"}")).reasons()).containsExactly(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org/m3.jpg", "http://127.0.0.1:8080/a?b=c#d", "file:///tmp/m3.png",
        "HTTPS://EXAMPLE.ORG/M3.JPG", "file:m3.png"})
    void aFileHttpOrHttpsUrlIsAcceptedAndKeptAsSent(String url) {
      assertThat(onlyMedia(accepted(postWithMedia("{\"id\":\"m1\",\"url\":\"" + url + "\"}"))).url())
          .contains(URI.create(url))
          .hasValueSatisfying(u -> assertThat(u.toString()).isEqualTo(url));
    }

    @Test
    void aUrlLongerThan4096CharactersIsRejected() {
      String url = "https://example.org/" + "a".repeat(4096 - 20);
      assertThat(onlyMedia(accepted(postWithMedia("{\"id\":\"m1\",\"url\":\"" + url + "\"}"))).url()).isPresent();
      assertThat(rejected(postWithMedia("{\"id\":\"m1\",\"url\":\"" + url + "a\"}")).reasons())
          .containsExactly("post.media[0].url: longer than 4096 characters (4097)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "QQ", "QUI", "QUJD", "QQ==", "QUI=", "QUJDRA==", "-_-_", "QUJD\\r\\nRA==", "QU\\nJD\\n"})
    void base64InEitherAlphabetWithLineBreaksIsAccepted(String data) {
      Media m = onlyMedia(accepted(postWithMedia("{\"id\":\"m1\",\"data_base64\":\"" + data + "\"}")));
      assertThat(m.dataBase64()).contains(data.replace("\\r", "\r").replace("\\n", "\n"));
      assertThat(m.hasBytes()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q", "QUJDR", "Q===", "QQ=", "QUI==", "QQ==QQ==", "QQ==\\n", "QU JD", "QUJD!", "QUJD\\t", "Zm9v\u00e9"})
    void badBase64IsRejected(String data) {
      assertThat(rejected(postWithMedia("{\"id\":\"m1\",\"data_base64\":\"" + data + "\"}")).reasons())
          .containsExactly("post.media[0].data_base64: not valid base64");
    }
  }

  @Nested
  class MalformedJson {

    static Stream<Arguments> malformed() {
      String ok = Schemas.exampleLines().get(4);
      return Stream.of(
          Arguments.of("truncated", ok.substring(0, ok.length() - 10), "malformed JSON: Unexpected end-of-input"),
          Arguments.of("cut after a value", ok.substring(0, ok.length() - 1), "malformed JSON: Unexpected end-of-input"),
          Arguments.of("trailing garbage", ok + " x", "malformed JSON: Unrecognized token 'x'"),
          Arguments.of("trailing comma", ok.substring(0, ok.length() - 1) + ",}", "malformed JSON: Unexpected character ('}'"),
          Arguments.of("two events on one line", ok + ok, "malformed JSON: Trailing token (of type START_OBJECT)"),
          Arguments.of("trailing array", ok + " []", "malformed JSON: Trailing token (of type START_ARRAY)"),
          Arguments.of("single quotes", ok.replace("\"e5\"", "'e5'"), "malformed JSON: Unexpected character ('''"),
          Arguments.of("comment", "/* hi */" + ok, "malformed JSON: Unexpected character ('/'"),
          Arguments.of("NaN", ok.replace("\"u17\"}", "\"u17\",\"x\":NaN}"), "malformed JSON: Non-standard token 'NaN'"),
          Arguments.of("raw control character", ok.replace("u17", "u\u000117"), "malformed JSON: Illegal unquoted character"),
          Arguments.of("bad escape", ok.replace("u17", "u\\x17"), "malformed JSON: Unrecognized character escape 'x'"),
          Arguments.of("unquoted key", ok.replace("\"actor\"", "actor"), "malformed JSON: Unexpected character ('a'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedJsonIsRejectedAsAWholeWithoutAnId(String what, String json, String reasonStart) {
      var r = rejected(json);
      assertThat(r.reasons()).singleElement().asString().startsWith(reasonStart).contains("(at column ");
      // The id is not guessed from broken JSON, even where it could be seen.
      assertThat(r.eventId()).isEmpty();
    }

    @Test
    void whiteSpaceAroundTheObjectIsFine() {
      assertThat(accepted(" \t" + Schemas.exampleLines().get(4) + " \r\n").eventId()).isEqualTo("e5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "null | event: must be a JSON object, got null",
        "[] | event: must be a JSON object, got an array",
        "\"e5\" | event: must be a JSON object, got a string",
        "42 | event: must be a JSON object, got a number",
        "true | event: must be a JSON object, got a boolean"})
    void jsonThatIsNotAnObjectIsRejected(String json, String reason) {
      assertThat(rejected(json).reasons()).containsExactly(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n"})
    void emptyInputIsRejected(String json) {
      assertThat(rejected(json).reasons()).containsExactly("empty input: expected an event object");
    }

    @Test
    void aDuplicateKeyIsRejected() {
      String ok = Schemas.exampleLines().get(4);
      var r = rejected(ok.replace("{\"event_id\":\"e5\",", "{\"event_id\":\"e5\",\"event_id\":\"e6\","));
      assertThat(r.reasons()).singleElement().asString().startsWith("malformed JSON: Duplicate field 'event_id'");
      assertThat(r.eventId()).isEmpty();
    }

    @Test
    void aDuplicateKeyInsideTheBodyOrAnIgnoredFieldIsRejected() {
      String ok = Schemas.exampleLines().get(4);
      assertThat(rejected(ok.replace("{\"target\":\"u17\"}", "{\"target\":\"u17\",\"target\":\"u18\"}")).reasons())
          .singleElement().asString().startsWith("malformed JSON: Duplicate field 'target'");
      assertThat(rejected(ok.replace("{\"event_id\"", "{\"x\":{\"a\":1,\"a\":1},\"event_id\"")).reasons())
          .singleElement().asString().startsWith("malformed JSON: Duplicate field 'a'");
    }

    static String nested(int depth) {
      // The event object is level 1; "x" holds depth - 1 more levels of arrays.
      String ok = Schemas.exampleLines().get(4);
      return ok.substring(0, ok.length() - 1) + ",\"x\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    @Test
    void nestingIsLimitedTo32Levels() {
      assertThat(accepted(nested(32)).eventId()).isEqualTo("e5");
      assertThat(rejected(nested(33)).reasons()).singleElement().asString()
          .startsWith("malformed JSON: Document nesting depth (33) exceeds the maximum allowed (32");
    }

    @Test
    void hundredLevelsOfNestingAreRejected() {
      var r = rejected(nested(100));
      assertThat(r.reasons()).singleElement().asString().startsWith("malformed JSON: Document nesting depth (33)");
      assertThat(r.eventId()).isEmpty();
      String objects = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
      assertThat(rejected(objects).reasons()).singleElement().asString().contains("nesting depth");
    }
  }

  @Nested
  class Sizes {

    static Stream<Arguments> limits() {
      return Stream.of(
          Arguments.of("e5", "event_id", 256),
          Arguments.of("e5", "actor", 256),
          Arguments.of("e5", "follow.target", 256),
          Arguments.of("e1", "account.handle", 256),
          Arguments.of("e1", "account.display_name", 256),
          Arguments.of("e1", "account.bio", 1 << 20),
          Arguments.of("e2", "post.id", 256),
          Arguments.of("e2", "post.text", 1 << 20),
          Arguments.of("e3", "comment.text", 1 << 20),
          Arguments.of("e4", "message.conversation_id", 256),
          Arguments.of("e4", "message.text", 1 << 20),
          Arguments.of("e6", "report.reason", 256),
          Arguments.of("e6", "report.text", 1 << 20),
          Arguments.of("e6", "report.target_id", 256));
    }

    static ObjectNode withValue(String example, String path, String value) {
      ObjectNode e = example(example);
      String[] parts = path.split("\\.");
      (parts.length == 1 ? e : body(e)).put(parts[parts.length - 1], value);
      return e;
    }

    @ParameterizedTest(name = "{1} at most {2}")
    @MethodSource("limits")
    void aStringOverItsLimitIsRejectedNotTruncated(String example, String path, int limit) {
      String atLimit = "a".repeat(limit);
      Event e = accepted(withValue(example, path, atLimit).toString());
      assertThat(ContractJson.eventLine(e)).contains("\"" + atLimit + "\"");
      var r = rejected(withValue(example, path, atLimit + "b").toString());
      assertThat(r.reasons()).containsExactly(path + ": longer than " + limit + " characters (" + (limit + 1) + ")");
      assertThat(r.eventId()).isEqualTo(path.equals("event_id") ? Optional.empty() : Optional.of(example));
    }

    @Test
    void listItemsHaveTheirOwnLimits() {
      String tag = "t".repeat(257);
      assertThat(rejected(with("e2", e -> body(e).putArray("hashtags").add("ok").add(tag)).toString()).reasons())
          .containsExactly("post.hashtags[1]: longer than 256 characters");
      assertThat(rejected(with("e4", e -> body(e).putArray("to").add(tag)).toString()).reasons())
          .containsExactly("message.to[0]: longer than 256 characters");
      String link = "https://example.org/" + "l".repeat(4096 - 19);
      assertThat(rejected(with("e1", e -> body(e).putArray("links").add(link)).toString()).reasons())
          .containsExactly("account.links[0]: longer than 4096 characters");
    }

    @Test
    void twentyThousandHashtagsAreRejected() {
      ObjectNode e = example("e2");
      ArrayNode tags = body(e).putArray("hashtags");
      IntStream.range(0, 20_000).forEach(i -> tags.add("tag" + i));
      var r = rejected(e.toString());
      assertThat(r.reasons()).containsExactly("post.hashtags: at most 10000 items, got 20000");
      assertThat(r.eventId()).contains("e2");
    }

    @Test
    void tenThousandHashtagsAreAccepted() {
      ObjectNode e = example("e2");
      ArrayNode tags = body(e).putArray("hashtags");
      IntStream.range(0, 10_000).forEach(i -> tags.add("tag" + i));
      assertThat(((EventBody.Post) accepted(e.toString()).body()).hashtags()).hasValueSatisfying(l -> assertThat(l).hasSize(10_000));
    }

    @Test
    void recipientsAndLinksAreLimitedTo10000Items() {
      ObjectNode m = example("e4");
      ArrayNode to = body(m).putArray("to");
      IntStream.range(0, 10_001).forEach(i -> to.add("u" + i));
      assertThat(rejected(m.toString()).reasons()).containsExactly("message.to: at most 10000 items, got 10001");
      ObjectNode a = example("e1");
      ArrayNode links = body(a).putArray("links");
      IntStream.range(0, 10_001).forEach(i -> links.add("https://example.org/" + i));
      assertThat(rejected(a.toString()).reasons()).containsExactly("account.links: at most 10000 items, got 10001");
    }
  }

  @Nested
  class Hashtags {

    @Test
    void absentOrNullHashtagsAreLeftToTheText() {
      assertThat(((EventBody.Post) accepted(example("e2").toString()).body()).hashtags()).isEmpty();
      assertThat(((EventBody.Post) accepted(with("e2", e -> body(e).putNull("hashtags")).toString()).body()).hashtags())
          .isEmpty();
    }

    @Test
    void anEmptyListSaysThePostHasNone() {
      Event e = accepted(with("e2", n -> body(n).putArray("hashtags")).toString());
      assertThat(((EventBody.Post) e.body()).hashtags()).contains(List.of());
      assertThat(ContractJson.eventLine(e)).contains("\"hashtags\":[]");
      assertThat(accepted(ContractJson.eventLine(e))).isEqualTo(e);
    }

    @Test
    void hashtagsAreKeptExactlyAsSent() {
      List<String> sent = List.of("#Sunrise", "sunrise", "SUNRISE", "sunrise", "#", "", "ѕunrise", "日の出", "😀tag", "su\u200bnrise");
      ObjectNode n = example("e2");
      ArrayNode tags = body(n).putArray("hashtags");
      sent.forEach(tags::add);
      Event e = accepted(n.toString());
      assertThat(((EventBody.Post) e.body()).hashtags()).contains(sent);
      assertThat(accepted(ContractJson.eventLine(e))).isEqualTo(e);
    }
  }

  @Nested
  class Message {

    @Test
    void toIsRequiredAndNeedsARecipient() {
      assertThat(rejected(with("e4", e -> body(e).remove("to")).toString()).reasons())
          .containsExactly("message.to: required (array of account ids)");
      assertThat(rejected(with("e4", e -> body(e).putArray("to")).toString()).reasons())
          .containsExactly("message.to: must name at least one recipient");
    }

    @Test
    void anUnreadableMessageHasNoText() {
      Event e = accepted(with("e4", n -> body(n).remove("text")).toString());
      assertThat(((EventBody.Message) e.body()).text()).isEmpty();
      assertThat(ContractJson.eventLine(e)).doesNotContain("\"text\"");
    }
  }

  @Nested
  class Enforcement {

    static Stream<Arguments> hashtagActionsOnOtherTargets() {
      return Stream.of(EnforcementAction.values())
          .filter(a -> a.tagState().isPresent())
          .flatMap(a -> Stream.of(TargetType.values()).filter(t -> t != TargetType.HASHTAG).map(t -> Arguments.of(a, t)));
    }

    @ParameterizedTest
    @MethodSource("hashtagActionsOnOtherTargets")
    void hashtagActionsOnAnythingButAHashtagAreRejected(EnforcementAction action, TargetType target) {
      var r = rejected(with("e7", e -> body(e).put("action", action.wire()).put("target_type", target.wire())).toString());
      assertThat(r.reasons()).containsExactly(
          "enforcement.action: " + action.wire() + " applies to target_type hashtag, not " + target.wire());
      assertThat(r.eventId()).contains("e7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashtag_restricted", "hashtag_blocked", "hashtag_allowed"})
    void hashtagActionsOnAHashtagAreAccepted(String action) {
      Event e = accepted(with("e7", n -> body(n).put("action", action)).toString());
      assertThat(((EventBody.Enforcement) e.body()).action().wire()).isEqualTo(action);
    }

    @ParameterizedTest
    @CsvSource({"removed, post", "restored, comment", "suspended, account", "reinstated, account", "removed, hashtag"})
    void otherActionsAreNotCheckedAgainstTheTarget(String action, String target) {
      Event e = accepted(with("e7", n -> body(n).put("action", action).put("target_type", target)).toString());
      assertThat(e.body()).isEqualTo(new EventBody.Enforcement(TargetType.fromWire(target).orElseThrow(), "sometag",
          EnforcementAction.fromWire(action).orElseThrow()));
    }
  }

  @Nested
  class Unicode {

    static Stream<Arguments> oddText() {
      return Stream.of(
          Arguments.of("emoji", "sunrise 🌅 with 👨‍👩‍👧 and 🏳️‍🌈"),
          Arguments.of("right-to-left", "שלום \u200fمرحبا\u200e ok"),
          Arguments.of("bidi overrides", "abc\u202edcba\u202c end"),
          Arguments.of("combining marks", "cafe\u0301 Z\u0351\u0352\u0353o"),
          Arguments.of("zero-width and BOM", "a\u200bb\u200dc\ufeffd"),
          Arguments.of("escaped control characters", "nul\u0000 bell\u0007 esc\u001b"),
          Arguments.of("noncharacters", "\uffff\ufffe"),
          Arguments.of("line separators", "a\u2028b\u2029c\r\nd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddText")
    void oddButValidUnicodeIsAcceptedAndKeptExactly(String what, String text) throws Exception {
      // Written by Jackson, so non-ASCII goes as UTF-8 and controls as \\u escapes.
      String json = comment(M.writeValueAsString(text));
      Event e = accepted(json);
      assertThat(text(e)).isEqualTo(text);
      assertThat(accepted(ContractJson.eventLine(e))).isEqualTo(e);
      byte[] utf8 = ContractJson.mapper().writeValueAsBytes(ContractJson.event(e));
      assertThat(accepted(new String(utf8, StandardCharsets.UTF_8))).isEqualTo(e);
    }

    @Test
    void escapedAndLiteralCharactersAreTheSameText() {
      assertThat(text(accepted(comment("\"\\u00e9\\ud83c\\udf05\"")))).isEqualTo(text(accepted(comment("\"é🌅\""))))
          .isEqualTo("é🌅");
    }

    @Test
    void textIsNotNormalised() {
      String composed = "caf\u00e9";
      String decomposed = "cafe\u0301";
      assertThat(text(accepted(comment("\"" + composed + "\"")))).isEqualTo(composed);
      assertThat(text(accepted(comment("\"" + decomposed + "\"")))).isEqualTo(decomposed).isNotEqualTo(composed);
      assertThat(text(accepted(comment("\"  Lovely Light \"")))).isEqualTo("  Lovely Light ");
    }

    @Test
    void sizesOfPlainTextCountCharactersNotBytes() {
      // 256 two-byte characters: 512 bytes of UTF-8, still 256 characters.
      String id = "é".repeat(256);
      assertThat(accepted(Schemas.exampleLines().get(4).replace("\"e5\"", "\"" + id + "\"")).eventId()).isEqualTo(id);
    }
  }
}
