package io.ringbreaker.model.contract;

import static io.ringbreaker.model.contract.Schemas.accepted;
import static io.ringbreaker.model.contract.Schemas.errors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.ringbreaker.model.EnforcementAction;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.HashtagOpinion;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Span;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.TagState;
import io.ringbreaker.model.TargetType;
import io.ringbreaker.model.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every example of docs/contract/events.md is accepted, valid against its schema, and stable. */
class ContractExamplesTest {

  private static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  static Stream<Arguments> examples() {
    List<String> lines = Schemas.exampleLines();
    List<Event> expected = List.of(
        new Event("e1", Instant.parse("2019-01-02T09:00:00Z"), "u17",
            new EventBody.Account("u17", "sunny.days", Optional.empty(), Optional.of("photos and coffee"), List.of(),
                Optional.of(Instant.parse("2018-05-01T12:00:00Z")))),
        new Event("e2", Instant.parse("2019-01-02T09:05:00Z"), "u17",
            new EventBody.Post("p9", Optional.of("morning walk #sunrise #nofilter"), Optional.empty(),
                List.of(new Media("m3", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(PDQ),
                    OptionalInt.of(100), Optional.empty(), Optional.empty())))),
        new Event("e3", Instant.parse("2019-01-02T09:07:00Z"), "u20", new EventBody.Comment("c4", "p9", "lovely light")),
        new Event("e4", Instant.parse("2019-01-02T09:10:00Z"), "u20",
            new EventBody.Message("d1", "k7", List.of("u17"), Optional.of("where was this taken?"), List.of())),
        new Event("e5", Instant.parse("2019-01-02T09:11:00Z"), "u20", new EventBody.Follow("u17", true)),
        new Event("e6", Instant.parse("2019-01-02T09:12:00Z"), "u31",
            new EventBody.Report("r1", TargetType.ACCOUNT, "u40", Optional.of("child_safety"), Optional.empty())),
        new Event("e7", Instant.parse("2019-01-02T09:30:00Z"), "platform",
            new EventBody.Enforcement(TargetType.HASHTAG, "sometag", EnforcementAction.HASHTAG_RESTRICTED)),
        new Event("e8", Instant.parse("2019-01-05T10:00:00Z"), "u40",
            new EventBody.Appeal("a1", TargetType.ACCOUNT, "u40", Optional.of("rb-5d41402abc4b2a76b9719d911017c592"),
                Optional.of("suspend"), Optional.of("placeholder appeal text"))));
    assertThat(lines).hasSameSizeAs(expected);
    return Stream.iterate(0, i -> i + 1).limit(lines.size()).map(i -> Arguments.of(lines.get(i), expected.get(i)));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleIsAcceptedWithItsFields(String line, Event expected) {
    assertThat(accepted(line)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleIsValidAgainstTheEventSchema(String line, Event expected) {
    assertThat(errors(Schemas.EVENT, line)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleRoundTripsThroughContractJson(String line, Event expected) {
    Event parsed = accepted(line);
    String written = ContractJson.eventLine(parsed);
    assertThat(accepted(written)).isEqualTo(parsed);
    // The examples are written the way Ringbreaker writes events: same fields, same order.
    assertThat(written).isEqualTo(line);
  }

  @Test
  void theExamplesCoverEveryEventType() {
    assertThat(Schemas.exampleLines().stream().map(l -> accepted(l).type()).distinct())
        .containsExactlyInAnyOrder(io.ringbreaker.model.EventType.values());
  }

  @Test
  void theTestExamplesAreTheOnesInTheContractDocument() {
    String doc = Schemas.docsText("events.md");
    assertThat(doc).contains("```json\n" + Schemas.resourceText("contract-examples.jsonl") + "```");
    assertThat(doc).contains("```json\n" + Schemas.resourceText("contract-verdict-example.json") + "```");
    assertThat(doc).contains("```json\n" + Schemas.resourceText("contract-hashtag-example.json") + "```");
    assertThat(doc).containsIgnoringCase("contract version 1");
  }

  @Test
  void verdictExampleIsValidAndReadable() {
    String json = Schemas.resourceText("contract-verdict-example.json");
    assertThat(errors(Schemas.VERDICT, json)).isEmpty();
    Verdict v = ContractJson.readVerdict(Schemas.tree(json));
    assertThat(v.subject()).isEqualTo(Subject.account("u40"));
    assertThat(v.severity()).isEqualTo(Severity.HIGH);
    assertThat(v.signals()).extracting(Signal::eventId).containsExactly("e812", "e815");
    assertThat(v.ring()).contains("ring-2");
    assertThat(v.firstFlaggedAt()).contains(Instant.parse("2019-01-03T11:00:00Z"));
  }

  @Test
  void theDraftVerdictExampleLacksWhatVersionOneAlwaysWrites() {
    // The draft contract showed signals without "at" and a verdict without "reasons".
    List<String> errs = errors(Schemas.VERDICT, Schemas.resourceText("contract-draft-verdict-example.json"));
    assertThat(errs).hasSize(3)
        .anySatisfy(e -> assertThat(e).contains("reasons"))
        .anySatisfy(e -> assertThat(e).contains("/signals/0").contains("at"))
        .anySatisfy(e -> assertThat(e).contains("/signals/1").contains("at"));
  }

  @Test
  void hashtagExampleIsValidAndReadable() {
    String json = Schemas.resourceText("contract-hashtag-example.json");
    assertThat(errors(Schemas.HASHTAG, json)).isEmpty();
    HashtagOpinion h = ContractJson.readHashtag(Schemas.tree(json));
    assertThat(h).isEqualTo(new HashtagOpinion("dr0pbox_links", Optional.of("dropboxlinks"), TagState.RESTRICTED,
        Optional.of(TagState.BLOCKED), "…", 412, 37, true));
  }

  @Test
  void whatContractJsonWritesForVerdictsIsValid() {
    Instant at = Instant.parse("2019-01-03T11:00:00.123456789Z");
    Signal plain = new Signal("hashtag.lexicon", "sometag", "e1", at, Optional.empty(), Map.of());
    Signal full = new Signal("text.phrase", "placeholder", "e2", at, Optional.of(new Span("post.text", 0, 11)),
        Map.of("term", "placeholder", "list", "demo"));
    Verdict flagged = new Verdict(Subject.account("u1"), Severity.CRITICAL, 1.0, List.of("review", "preserve"),
        List.of(plain, full), 250, List.of("placeholder reason"), Optional.of("ring-1"), Optional.of(at),
        new io.ringbreaker.model.DecidedBy("default/3#0123abcd", List.of("known-image"), Optional.of("child-safety"), 100,
            List.of("preserve")));
    Verdict quiet = new Verdict(new Subject(io.ringbreaker.model.SubjectType.LINK, "example.org/x"), Severity.NONE,
        0.0, List.of(), List.of(), 0, List.of(), Optional.empty(), Optional.empty(), io.ringbreaker.model.DecidedBy.UNKNOWN);
    for (Verdict v : List.of(flagged, quiet)) {
      JsonNode written = ContractJson.verdict(v);
      assertThat(errors(Schemas.VERDICT, written)).as(written.toString()).isEmpty();
      assertThat(ContractJson.readVerdict(written)).isEqualTo(v);
    }
    assertThat(ContractJson.verdict(flagged).get("signal_count").asInt()).isEqualTo(250);
    assertThat(ContractJson.verdict(quiet).has("signal_count")).isFalse();
  }

  @Test
  void whatContractJsonWritesForHashtagsIsValid() {
    for (TagState state : TagState.values()) {
      HashtagOpinion listed = new HashtagOpinion("s0metag", Optional.of("sometag"), state, Optional.of(TagState.BLOCKED),
          "placeholder", 3, 1, false);
      HashtagOpinion emerging = new HashtagOpinion("newtag", Optional.empty(), state, Optional.empty(), "", 0, 0, true);
      for (HashtagOpinion h : List.of(listed, emerging)) {
        JsonNode written = ContractJson.hashtag(h);
        assertThat(errors(Schemas.HASHTAG, written)).as(written.toString()).isEmpty();
        assertThat(ContractJson.readHashtag(written)).isEqualTo(h);
      }
    }
  }

  @Test
  void verdictAndHashtagSchemasRejectWhatIsNotInTheContract() {
    assertThat(errors(Schemas.VERDICT, Schemas.resourceText("contract-verdict-example.json")
        .replace("\"high\"", "\"severe\""))).singleElement().asString().contains("severity");
    assertThat(errors(Schemas.VERDICT, Schemas.resourceText("contract-verdict-example.json")
        .replace("0.93", "1.5"))).singleElement().asString().contains("score");
    assertThat(errors(Schemas.HASHTAG, Schemas.resourceText("contract-hashtag-example.json")
        .replace("\"restricted\"", "\"hidden\""))).singleElement().asString().contains("state");
    assertThat(errors(Schemas.HASHTAG, Schemas.resourceText("contract-hashtag-example.json")
        .replace("\"posts\":412,", ""))).singleElement().asString().contains("posts");
  }

  @ParameterizedTest
  @ValueSource(strings = {"events.schema.json", "verdict.schema.json", "hashtag.schema.json"})
  void theJarCarriesTheSchemaFromDocsUnchanged(String name) {
    assertThat(Schemas.resourceText(Schemas.RESOURCE_DIR + name)).isEqualTo(Schemas.docsText(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"events.schema.json", "verdict.schema.json", "hashtag.schema.json"})
  void schemaIsAValidDraft202012Schema(String name) {
    JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(SchemaLocation.of(SchemaId.V202012));
    JsonNode schema = Schemas.tree(Schemas.resourceText(Schemas.RESOURCE_DIR + name));
    assertThat(errors(meta, schema)).isEmpty();
    assertThat(schema.get("$schema").asText()).isEqualTo(SchemaId.V202012);
    assertThat(schema.get("$id").asText()).isEqualTo("https://ringbreaker.io/contract/1/" + name);
  }
}
