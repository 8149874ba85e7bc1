package io.ringbreaker.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ringbreaker.model.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The contract's schemas as the jar carries them (class-path resources next to EventParser), and
 * the test resources. The schemas are read the way a platform would use them: a plain JSON reader
 * (not EventParser's strict one), draft 2020-12, with {@code format} asserted.
 */
final class Schemas {

  static final String RESOURCE_DIR = "io/ringbreaker/model/contract/";
  /** The one source of the schemas; surefire runs in the module directory. */
  static final Path DOCS = Path.of("..", "docs", "contract");

  private static final ObjectMapper PLAIN = JsonMapper.builder().build();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .formatAssertionsEnabled(true)
      .build();

  static final JsonSchema EVENT = load("events.schema.json");
  static final JsonSchema VERDICT = load("verdict.schema.json");
  static final JsonSchema HASHTAG = load("hashtag.schema.json");

  private Schemas() {}

  static JsonSchema load(String name) {
    try (InputStream in = resource(RESOURCE_DIR + name)) {
      return FACTORY.getSchema(in, CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Schema errors for JSON text (empty when valid). */
  static List<String> errors(JsonSchema schema, String json) {
    return errors(schema, tree(json));
  }

  static List<String> errors(JsonSchema schema, JsonNode node) {
    return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  static JsonNode tree(String json) {
    try {
      return PLAIN.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("test JSON is not JSON: " + json, e);
    }
  }

  static InputStream resource(String path) {
    InputStream in = Schemas.class.getClassLoader().getResourceAsStream(path);
    assertThat(in).as("class-path resource %s", path).isNotNull();
    return in;
  }

  static String resourceText(String path) {
    try (InputStream in = resource(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String docsText(String name) {
    try {
      return Files.readString(DOCS.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seven example event lines of the contract. */
  static List<String> exampleLines() {
    return resourceText("contract-examples.jsonl").lines().filter(l -> !l.isBlank()).toList();
  }

  static Event accepted(String json) {
    ParseResult r = EventParser.parse(json);
    assertThat(r).as("parse of %s", clip(json)).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted) r).event();
  }

  static ParseResult.Rejected rejected(String json) {
    ParseResult r = EventParser.parse(json);
    assertThat(r).as("parse of %s", clip(json)).isInstanceOf(ParseResult.Rejected.class);
    return (ParseResult.Rejected) r;
  }

  static String clip(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
  }
}
