package io.ringbreaker.model.contract;

import static io.ringbreaker.model.contract.EventParserTest.body;
import static io.ringbreaker.model.contract.EventParserTest.example;
import static io.ringbreaker.model.contract.EventParserTest.onlyMedia;
import static io.ringbreaker.model.contract.EventParserTest.postWithMedia;
import static io.ringbreaker.model.contract.Schemas.accepted;
import static io.ringbreaker.model.contract.Schemas.errors;
import static io.ringbreaker.model.contract.Schemas.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parser bugs found by checking EventParser against the contract's schema, kept as regression
 * tests: each also shows that the schema says the same as the parser now does.
 */
@DisplayName("parser bugs found against the contract, fixed in 0.1.0")
class EventParserRegressionTest {

  private static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  /**
   * Input: a media item whose sources are all null, {"id":"m1","url":null,"data_base64":null,"pdq":null,"md5":null,"sha256":null}.
   * Expected: rejected, "post.media[0]: needs at least one of url, data_base64, pdq, md5, sha256"
   * (null is absent). Actual: accepted, a Media with no url, no data and no hash. Cause:
   * EventParser.Reader.media checks {@code !m.has("url")}, which is false for a null value.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"id\":\"m1\",\"url\":null}",
      "{\"id\":\"m1\",\"pdq\":null,\"pdq_quality\":100}",
      "{\"id\":\"m1\",\"url\":null,\"data_base64\":null,\"pdq\":null,\"md5\":null,\"sha256\":null}"})
  void mediaWhoseSourcesAreAllNullIsRejected(String media) {
    String json = postWithMedia(media);
    assertThat(errors(Schemas.EVENT, json)).isNotEmpty();
    assertThat(rejected(json).reasons())
        .containsExactly("post.media[0]: needs at least one of url, data_base64, pdq, md5, sha256");
  }

  /**
   * Input: example e4 with "to": null. Expected: rejected with "message.to: required (array of
   * account ids)". Actual: rejected with the reason "invalid event", which names no field. Cause:
   * EventParser.Reader.body (MESSAGE) adds the error only when {@code !b.has("to")}.
   */
  @Test
  void toNullIsRejectedNamingTheField() {
    ObjectNode e = example("e4");
    body(e).putNull("to");
    assertThat(errors(Schemas.EVENT, e.toString())).isNotEmpty();
    var r = rejected(e.toString());
    assertThat(r.reasons()).containsExactly("message.to: required (array of account ids)");
    assertThat(r.eventId()).contains("e4");
  }

  /**
   * Input: an event_id of 200 emoji (200 code points, 400 UTF-16 units). Expected: accepted, as
   * JSON Schema's maxLength (code points) accepts it. Actual: rejected, "event_id: longer than 256
   * characters (400)". Cause: EventParser.Reader.string compares {@code s.length()} (UTF-16 units)
   * with the limit; {@code s.codePointCount(0, s.length())} would agree with the schema (and with
   * the reason's word "characters"). The same holds for every limit (text 1 MiB, hashtags, to, links).
   */
  @Test
  void sizesAreCountedInCodePointsAsJsonSchemaDoes() {
    String id = "😀".repeat(200);
    String json = Schemas.exampleLines().get(4).replace("\"e5\"", "\"" + id + "\"");
    assertThat(errors(Schemas.EVENT, json)).isEmpty();
    assertThat(accepted(json).eventId()).isEqualTo(id);

    String tooLong = "😀".repeat(257);
    var r = rejected(Schemas.exampleLines().get(4).replace("\"e5\"", "\"" + tooLong + "\""));
    assertThat(r.reasons()).containsExactly("event_id: longer than 256 characters (257)");
  }

  /**
   * Input: "pdq_quality": 50.0 (or 5e1). Expected: accepted as 50: JSON does not tell 50.0 from 50,
   * JSON Schema's "integer" accepts it, and common encoders (Python's json for a float) write it.
   * Actual: rejected, "post.media[0].pdq_quality: must be an integer from 0 to 100, got 50.0".
   * Cause: EventParser.Reader.media tests {@code q.isIntegralNumber()} (the token type) instead of
   * whether the value is a whole number ({@code q.isNumber() && q.canConvertToExactIntegral()}).
   */
  @ParameterizedTest
  @ValueSource(strings = {"50.0", "5e1", "5.0E1"})
  void aWholeNumberWrittenAsAFloatIsAnInteger(String quality) {
    String json = postWithMedia("{\"id\":\"m1\",\"pdq\":\"" + PDQ + "\",\"pdq_quality\":" + quality + "}");
    assertThat(errors(Schemas.EVENT, json)).isEmpty();
    assertThat(onlyMedia(accepted(json)).pdqQuality()).hasValue(50);
  }

  /**
   * Input: a string holding a \\uD800-style escape that is not half of a surrogate pair, e.g. a
   * comment text "x\\ud800y", an actor "u\\udc00", a post_id "\\udc00\\ud800p9". Expected: rejected
   * with a reason naming the field (I-JSON, RFC 7493 section 2.1: such strings are not Unicode
   * text). Actual: accepted and kept as a lone UTF-16 unit. It then cannot be written as UTF-8:
   * {@code Files.newBufferedWriter(..., UTF_8)}, which Scan uses for verdicts.jsonl and
   * hashtags.jsonl, throws MalformedInputException on it, and {@code String.getBytes(UTF_8)}
   * turns it into '?'. Fix: in EventParser.Reader.string, reject a string with an unpaired
   * surrogate (e.g. "comment.text: not valid Unicode (unpaired surrogate at 1)"). Escaped pairs
   * ("\\ud83c\\udf05") stay accepted: EventParserTest.Unicode checks that.
   */
  @ParameterizedTest
  @ValueSource(strings = {"comment.text|x\\ud800y", "comment.text|\\udfff", "actor|u\\udc00",
      "comment.post_id|\\udc00\\ud800"})
  void anUnpairedSurrogateIsRejectedNamingTheField(String fieldAndEscaped) {
    String field = fieldAndEscaped.substring(0, fieldAndEscaped.indexOf('|'));
    String escaped = fieldAndEscaped.substring(fieldAndEscaped.indexOf('|') + 1);
    String json = Schemas.exampleLines().get(2).replace(
        field.equals("actor") ? "\"actor\":\"u20\"" : "\"" + field.substring(8) + "\":\"",
        field.equals("actor") ? "\"actor\":\"" + escaped + "\"" : "\"" + field.substring(8) + "\":\"" + escaped);
    assertThat(json).contains(escaped);
    var r = rejected(json);
    assertThat(r.reasons()).singleElement().asString().startsWith(field + ": ");
    assertThat(r.eventId()).contains("e3");
  }

}
