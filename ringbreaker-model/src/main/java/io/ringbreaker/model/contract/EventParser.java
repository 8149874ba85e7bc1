package io.ringbreaker.model.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ringbreaker.model.EnforcementAction;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.EventType;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.TargetType;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads events of the contract ({@code docs/contract/events.md}) from JSON, checking every field.
 * A broken event is rejected with every reason found, each naming its field by path
 * ({@code post.media[0].pdq: …}). Fields the contract does not name are ignored, so platforms can
 * send more than we read. Thread-safe.
 */
public final class EventParser {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(ContractLimits.MAX_NESTING)
        .maxStringLength(ContractLimits.MAX_INLINE_MEDIA_CHARS + 16)
        .build());
  }

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
  private static final Set<String> URL_SCHEMES = Set.of("file", "http", "https");

  private EventParser() {}

  /** The mapper used to read events, configured with the contract's limits. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses one event from JSON text (one line of a JSON Lines file, or one request body). */
  public static ParseResult parse(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return new ParseResult.Rejected(Optional.empty(), List.of("malformed JSON: " + jsonProblem(e)));
    }
    if (node == null || node.isMissingNode()) {
      return new ParseResult.Rejected(Optional.empty(), List.of("empty input: expected an event object"));
    }
    return parse(node);
  }

  /** Parses one event from a JSON tree (an element of a request's array, say). */
  public static ParseResult parse(JsonNode node) {
    Reader r = new Reader();
    Event event = r.event(node);
    if (!r.errors.isEmpty() || event == null) {
      return new ParseResult.Rejected(r.eventId, r.errors.isEmpty() ? List.of("invalid event") : r.errors);
    }
    return new ParseResult.Accepted(event);
  }

  /** A readable one-line description of a Jackson failure: what and where, no stack. */
  public static String jsonProblem(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    if (msg != null) {
      msg = msg.replaceAll("\\s+", " ").trim();
      if (msg.length() > 200) {
        msg = msg.substring(0, 200) + "…";
      }
    }
    var loc = e.getLocation();
    return loc == null ? String.valueOf(msg) : msg + " (at column " + loc.getColumnNr() + ")";
  }

  /** Collects every problem of one event, each with the path of its field. */
  private static final class Reader {
    final List<String> errors = new ArrayList<>();
    Optional<String> eventId = Optional.empty();

    Event event(JsonNode n) {
      if (!n.isObject()) {
        errors.add("event: must be a JSON object, got " + kind(n));
        return null;
      }
      String id = requiredId(n, "event_id", "event_id");
      if (id != null) {
        eventId = Optional.of(id);
      }
      String typeName = requiredString(n, "type", "type", ContractLimits.MAX_ID_CHARS);
      EventType type = null;
      if (typeName != null) {
        type = EventType.fromWire(typeName).orElse(null);
        if (type == null) {
          errors.add("type: unknown event type '" + clip(typeName) + "' (expected one of "
              + "account, post, comment, message, follow, report, enforcement, appeal)");
        }
      }
      Instant at = timestamp(n, "occurred_at", "occurred_at", true).orElse(null);
      String actor = requiredId(n, "actor", "actor");
      EventBody body = null;
      if (type != null) {
        String name = type.wire();
        JsonNode b = n.get(name);
        if (b == null || b.isNull()) {
          errors.add(name + ": required for an event of type " + name);
        } else if (!b.isObject()) {
          errors.add(name + ": must be an object, got " + kind(b));
        } else {
          body = body(type, b, name);
        }
      }
      if (!errors.isEmpty() || id == null || at == null || actor == null || body == null) {
        return null;
      }
      return new Event(id, at, actor, body);
    }

    EventBody body(EventType type, JsonNode b, String p) {
      return switch (type) {
        case ACCOUNT -> {
          String id = requiredId(b, "id", p + ".id");
          String handle = requiredId(b, "handle", p + ".handle");
          var display = optionalString(b, "display_name", p + ".display_name", ContractLimits.MAX_ID_CHARS);
          var bio = optionalString(b, "bio", p + ".bio", ContractLimits.MAX_TEXT_CHARS);
          var links = stringList(b, "links", p + ".links", ContractLimits.MAX_URL_CHARS).orElse(List.of());
          var created = timestamp(b, "created_at", p + ".created_at", false);
          yield id == null || handle == null ? null
              : new EventBody.Account(id, handle, display, bio, links, created);
        }
        case POST -> {
          String id = requiredId(b, "id", p + ".id");
          var text = optionalString(b, "text", p + ".text", ContractLimits.MAX_TEXT_CHARS);
          var tags = stringList(b, "hashtags", p + ".hashtags", ContractLimits.MAX_ID_CHARS);
          var media = mediaList(b, p + ".media");
          yield id == null ? null : new EventBody.Post(id, text, tags, media);
        }
        case COMMENT -> {
          String id = requiredId(b, "id", p + ".id");
          String postId = requiredId(b, "post_id", p + ".post_id");
          String text = requiredString(b, "text", p + ".text", ContractLimits.MAX_TEXT_CHARS);
          yield id == null || postId == null || text == null ? null : new EventBody.Comment(id, postId, text);
        }
        case MESSAGE -> {
          String id = requiredId(b, "id", p + ".id");
          String conv = requiredId(b, "conversation_id", p + ".conversation_id");
          var to = stringList(b, "to", p + ".to", ContractLimits.MAX_ID_CHARS);
          if (to.isEmpty() && !b.hasNonNull("to")) {
            errors.add(p + ".to: required (array of account ids)");
          } else if (to.isPresent() && to.get().isEmpty()) {
            errors.add(p + ".to: must name at least one recipient");
          }
          var text = optionalString(b, "text", p + ".text", ContractLimits.MAX_TEXT_CHARS);
          var media = mediaList(b, p + ".media");
          yield id == null || conv == null || to.isEmpty() ? null
              : new EventBody.Message(id, conv, to.get(), text, media);
        }
        case FOLLOW -> {
          String target = requiredId(b, "target", p + ".target");
          boolean active = true;
          JsonNode a = b.get("active");
          if (a != null && !a.isNull()) {
            if (a.isBoolean()) {
              active = a.booleanValue();
            } else {
              errors.add(p + ".active: must be true or false, got " + kind(a));
            }
          }
          yield target == null ? null : new EventBody.Follow(target, active);
        }
        case REPORT -> {
          String id = requiredId(b, "id", p + ".id");
          TargetType tt = targetType(b, p);
          String target = requiredId(b, "target_id", p + ".target_id");
          var reason = optionalString(b, "reason", p + ".reason", ContractLimits.MAX_ID_CHARS);
          var text = optionalString(b, "text", p + ".text", ContractLimits.MAX_TEXT_CHARS);
          yield id == null || tt == null || target == null ? null
              : new EventBody.Report(id, tt, target, reason, text);
        }
        case APPEAL -> {
          String id = requiredId(b, "id", p + ".id");
          TargetType tt = targetType(b, p);
          String target = requiredId(b, "target_id", p + ".target_id");
          var actionId = optionalString(b, "action_id", p + ".action_id", ContractLimits.MAX_ID_CHARS);
          var action = optionalString(b, "action", p + ".action", ContractLimits.MAX_ID_CHARS);
          var text = optionalString(b, "text", p + ".text", ContractLimits.MAX_TEXT_CHARS);
          yield id == null || tt == null || target == null ? null
              : new EventBody.Appeal(id, tt, target, actionId, action, text);
        }
        case ENFORCEMENT -> {
          TargetType tt = targetType(b, p);
          String target = requiredId(b, "target_id", p + ".target_id");
          EnforcementAction action = enumValue(b, "action", p + ".action", EnforcementAction::fromWire,
              "removed, restored, suspended, reinstated, hashtag_restricted, hashtag_blocked, hashtag_allowed");
          if (action != null && tt != null && action.tagState().isPresent() && tt != TargetType.HASHTAG) {
            errors.add(p + ".action: " + action.wire() + " applies to target_type hashtag, not " + tt.wire());
          }
          yield tt == null || target == null || action == null ? null
              : new EventBody.Enforcement(tt, target, action);
        }
      };
    }

    TargetType targetType(JsonNode b, String p) {
      return enumValue(b, "target_type", p + ".target_type", TargetType::fromWire,
          "account, post, comment, message, hashtag");
    }

    <T> T enumValue(JsonNode b, String field, String path,
                    java.util.function.Function<String, Optional<T>> lookup, String expected) {
      String s = requiredString(b, field, path, ContractLimits.MAX_ID_CHARS);
      if (s == null) {
        return null;
      }
      Optional<T> v = lookup.apply(s);
      if (v.isEmpty()) {
        errors.add(path + ": unknown value '" + clip(s) + "' (expected one of " + expected + ")");
      }
      return v.orElse(null);
    }

    List<Media> mediaList(JsonNode b, String path) {
      JsonNode arr = b.get("media");
      if (arr == null || arr.isNull()) {
        return List.of();
      }
      if (!arr.isArray()) {
        errors.add(path + ": must be an array, got " + kind(arr));
        return List.of();
      }
      if (arr.size() > 1000) {
        errors.add(path + ": at most 1000 items, got " + arr.size());
        return List.of();
      }
      List<Media> out = new ArrayList<>(arr.size());
      for (int i = 0; i < arr.size(); i++) {
        Media m = media(arr.get(i), path + "[" + i + "]");
        if (m != null) {
          out.add(m);
        }
      }
      return out;
    }

    Media media(JsonNode m, String p) {
      if (!m.isObject()) {
        errors.add(p + ": must be an object, got " + kind(m));
        return null;
      }
      String id = requiredId(m, "id", p + ".id");
      var mime = optionalString(m, "mime", p + ".mime", ContractLimits.MAX_ID_CHARS);
      Optional<URI> url = optionalString(m, "url", p + ".url", ContractLimits.MAX_URL_CHARS).flatMap(u -> url(u, p + ".url"));
      var data = optionalString(m, "data_base64", p + ".data_base64", ContractLimits.MAX_INLINE_MEDIA_CHARS);
      data.ifPresent(d -> {
        if (!isBase64(d)) {
          errors.add(p + ".data_base64: not valid base64");
        }
      });
      var pdq = hex(m, "pdq", p + ".pdq", 64);
      OptionalInt quality = OptionalInt.empty();
      JsonNode q = m.get("pdq_quality");
      if (q != null && !q.isNull()) {
        if (!q.isNumber() || !q.canConvertToExactIntegral() || q.asLong() < 0 || q.asLong() > 100) {
          errors.add(p + ".pdq_quality: must be an integer from 0 to 100, got " + clip(q.toString()));
        } else {
          quality = OptionalInt.of(q.intValue());
        }
      }
      var md5 = hex(m, "md5", p + ".md5", 32);
      var sha = hex(m, "sha256", p + ".sha256", 64);
      if (url.isEmpty() && data.isEmpty() && pdq.isEmpty() && md5.isEmpty() && sha.isEmpty()
          && !m.hasNonNull("url") && !m.hasNonNull("data_base64") && !m.hasNonNull("pdq") && !m.hasNonNull("md5")
          && !m.hasNonNull("sha256")) {
        errors.add(p + ": needs at least one of url, data_base64, pdq, md5, sha256");
      }
      return id == null ? null : new Media(id, mime, url, data, pdq, quality, md5, sha);
    }

    Optional<URI> url(String s, String path) {
      try {
        URI u = new URI(s);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!URL_SCHEMES.contains(scheme)) {
          errors.add(path + ": scheme must be file, http or https, got '" + clip(s) + "'");
          return Optional.empty();
        }
        return Optional.of(u);
      } catch (URISyntaxException e) {
        errors.add(path + ": not a valid URL (" + e.getReason() + ")");
        return Optional.empty();
      }
    }

    Optional<String> hex(JsonNode m, String field, String path, int length) {
      Optional<String> s = optionalString(m, field, path, length + 1);
      if (s.isPresent() && (s.get().length() != length || !HEX.matcher(s.get()).matches())) {
        errors.add(path + ": must be " + length + " hex characters, got '" + clip(s.get()) + "'");
        return Optional.empty();
      }
      return s.map(h -> h.toLowerCase(Locale.ROOT));
    }

    Optional<Instant> timestamp(JsonNode n, String field, String path, boolean required) {
      String s = required ? requiredString(n, field, path, 64) : optionalString(n, field, path, 64).orElse(null);
      if (s == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
      } catch (DateTimeParseException e) {
        errors.add(path + ": must be an RFC 3339 timestamp with a time zone, like 2019-01-02T09:00:00Z; got '"
            + clip(s) + "'");
        return Optional.empty();
      }
    }

    Optional<List<String>> stringList(JsonNode n, String field, String path, int maxChars) {
      JsonNode arr = n.get(field);
      if (arr == null || arr.isNull()) {
        return Optional.empty();
      }
      if (!arr.isArray()) {
        errors.add(path + ": must be an array of strings, got " + kind(arr));
        return Optional.empty();
      }
      if (arr.size() > ContractLimits.MAX_LIST_ITEMS) {
        errors.add(path + ": at most " + ContractLimits.MAX_LIST_ITEMS + " items, got " + arr.size());
        return Optional.empty();
      }
      List<String> out = new ArrayList<>(arr.size());
      int before = errors.size();
      for (int i = 0; i < arr.size(); i++) {
        JsonNode e = arr.get(i);
        String p = path + "[" + i + "]";
        if (!e.isTextual()) {
          errors.add(p + ": must be a string, got " + kind(e));
        } else if (tooLong(e.textValue(), maxChars)) {
          errors.add(p + ": longer than " + maxChars + " characters");
        } else if (!validUnicode(e.textValue())) {
          errors.add(p + ": not valid Unicode (unpaired surrogate)");
        } else {
          out.add(e.textValue());
        }
      }
      return errors.size() == before ? Optional.of(out) : Optional.empty();
    }

    String requiredId(JsonNode n, String field, String path) {
      String s = requiredString(n, field, path, ContractLimits.MAX_ID_CHARS);
      if (s != null && s.isBlank()) {
        errors.add(path + ": must not be empty");
        return null;
      }
      return s;
    }

    String requiredString(JsonNode n, String field, String path, int maxChars) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        errors.add(path + ": required");
        return null;
      }
      return string(v, path, maxChars);
    }

    Optional<String> optionalString(JsonNode n, String field, String path, int maxChars) {
      JsonNode v = n.get(field);
      return v == null || v.isNull() ? Optional.empty() : Optional.ofNullable(string(v, path, maxChars));
    }

    String string(JsonNode v, String path, int maxChars) {
      if (!v.isTextual()) {
        errors.add(path + ": must be a string, got " + kind(v));
        return null;
      }
      String s = v.textValue();
      if (tooLong(s, maxChars)) {
        errors.add(path + ": longer than " + maxChars + " characters (" + s.codePointCount(0, s.length()) + ")");
        return null;
      }
      if (!validUnicode(s)) {
        errors.add(path + ": not valid Unicode (unpaired surrogate)");
        return null;
      }
      return s;
    }
  }

  /** Limits count code points, as JSON Schema's maxLength does. */
  static boolean tooLong(String s, int maxChars) {
    return s.length() > maxChars && s.codePointCount(0, s.length()) > maxChars;
  }

  /** Text with an unpaired surrogate cannot be written as UTF-8: reject it where it arrives. */
  static boolean validUnicode(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static boolean isBase64(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
          || c == '-' || c == '_') {
        n++;
      } else if (c == '=' ) {
        // padding only at the end
        for (int j = i; j < s.length(); j++) {
          if (s.charAt(j) != '=') {
            return false;
          }
        }
        return (n + s.length() - i) % 4 == 0 && s.length() - i <= 2;
      } else if (c != '\n' && c != '\r') {
        return false;
      }
    }
    return n % 4 != 1;
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
