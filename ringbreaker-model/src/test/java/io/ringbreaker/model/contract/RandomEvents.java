package io.ringbreaker.model.contract;

import io.ringbreaker.model.EnforcementAction;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.EventType;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.TargetType;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Valid events of every type, drawn from a seeded Random: optional fields present or absent, odd
 * but valid text (emoji, right-to-left, combining marks, controls), sizes at their limits now and
 * then. Everything is synthetic placeholder content. Hex hashes are lower-case, as the parser
 * keeps them, so that parse(eventLine(e)) can equal e.
 */
final class RandomEvents {

  private static final String[] ID_PIECES = {"a", "b", "z", "0", "7", "-", "_", ".", ":", "U", "é", "ß", "ж", "漢", "😀", "a\u0301"};
  private static final String[] TEXT_PIECES = {
      "morning", "walk", " ", " ", "\n", "#sunrise", "#NoFilter", "#日の出", "coffee", "light", "\"quoted\"", "back\\slash",
      "tab\t", "é", "e\u0301", "שלום", "مرحبا", "\u200f", "\u200b", "🌅", "👨‍👩‍👧", "🏳️‍🌈", "\u0000", "\u001b", "\u2028",
      "https://example.org/p", "t.me/placeholder", "<b>", "&amp;", "'", "{}", "[]"};
  private static final String[] MIMES = {"image/jpeg", "image/png", "video/mp4", "application/octet-stream"};

  private final Random r;

  RandomEvents(long seed) {
    this.r = new Random(seed);
  }

  Event next() {
    return event(EventType.values()[r.nextInt(EventType.values().length)]);
  }

  Event event(EventType type) {
    String actor = type == EventType.ENFORCEMENT && r.nextBoolean() ? "platform" : id();
    return new Event(id(), instant(), actor, body(type));
  }

  EventBody body(EventType type) {
    return switch (type) {
      case ACCOUNT -> new EventBody.Account(id(), id(), maybe(() -> text(256)), maybe(() -> text(4000)),
          r.nextInt(3) == 0 ? list(4, this::link) : List.of(), maybe(this::instant));
      case POST -> new EventBody.Post(id(), maybe(() -> text(4000)), hashtags(), media());
      case COMMENT -> new EventBody.Comment(id(), id(), text(4000));
      case MESSAGE -> new EventBody.Message(id(), id(), list1(5, this::id), maybe(() -> text(4000)), media());
      case FOLLOW -> new EventBody.Follow(id(), r.nextInt(4) != 0);
      case REPORT -> new EventBody.Report(id(), pick(TargetType.values()), id(),
          maybe(() -> pick(new String[] {"child_safety", "spam", "other", "placeholder reason"})), maybe(() -> text(500)));
      case APPEAL -> new EventBody.Appeal(id(), pick(TargetType.values()), id(), maybe(this::id),
          maybe(() -> pick(new String[] {"suspended", "removed", "restrict_messaging"})), maybe(() -> text(2000)));
      case ENFORCEMENT -> {
        EnforcementAction action = pick(EnforcementAction.values());
        TargetType target = action.tagState().isPresent() ? TargetType.HASHTAG : pick(TargetType.values());
        yield new EventBody.Enforcement(target, id(), action);
      }
    };
  }

  /** 1 to 24 characters, never blank; now and then exactly at the 256-character limit. */
  String id() {
    if (r.nextInt(50) == 0) {
      return "i".repeat(256);
    }
    StringBuilder b = new StringBuilder(pick(new String[] {"u", "p", "e", "k", "m", "r", "Z", "漢"}));
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      b.append(pick(ID_PIECES));
    }
    if (r.nextInt(20) == 0) {
      b.append(' ').append(r.nextInt(1000)); // inner space: ids are not trimmed or split
    }
    return b.toString();
  }

  /** Text of at most {@code max} UTF-16 units (the parser's measure), possibly empty. */
  String text(int max) {
    StringBuilder b = new StringBuilder();
    int pieces = r.nextInt(14);
    for (int i = 0; i < pieces; i++) {
      String p = pick(TEXT_PIECES);
      if (b.length() + p.length() > max) {
        break;
      }
      b.append(p);
    }
    return b.toString();
  }

  String link() {
    return pick(new String[] {"https://example.org/", "http://example.net/a?b=c", "t.me/", "www.example.com/", ""})
        + r.nextInt(100_000);
  }

  Instant instant() {
    long seconds = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond() + (long) (r.nextDouble() * 3.5e9);
    int nanos = switch (r.nextInt(4)) {
      case 0 -> 0;
      case 1 -> r.nextInt(1000) * 1_000_000;
      case 2 -> r.nextInt(1_000_000) * 1_000;
      default -> r.nextInt(1_000_000_000);
    };
    return Instant.ofEpochSecond(seconds, nanos);
  }

  Optional<List<String>> hashtags() {
    return switch (r.nextInt(4)) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(List.of());
      default -> Optional.of(list(6, () -> pick(new String[] {"", "#"}) + pick(new String[] {
          "sunrise", "NoFilter", "日の出", "ѕunrise", "sun_rise", "s\u200bunrise", "😀", "t".repeat(255)})));
    };
  }

  List<Media> media() {
    return r.nextInt(3) == 0 ? List.of() : list(3, this::mediaItem);
  }

  Media mediaItem() {
    Optional<URI> url = Optional.empty();
    Optional<String> data = Optional.empty();
    Optional<String> pdq = Optional.empty();
    Optional<String> md5 = Optional.empty();
    Optional<String> sha = Optional.empty();
    // At least one source: pick a non-empty subset of the five.
    int sources = 1 + r.nextInt(31);
    if ((sources & 1) != 0) {
      url = Optional.of(URI.create(pick(new String[] {"https://example.org/m/", "http://127.0.0.1:8080/media/",
          "file:///tmp/placeholder/", "HTTPS://EXAMPLE.ORG/M/"}) + r.nextInt(1_000_000) + ".jpg"));
    }
    if ((sources & 2) != 0) {
      byte[] bytes = new byte[r.nextInt(120)];
      r.nextBytes(bytes);
      data = Optional.of(switch (r.nextInt(4)) {
        case 0 -> Base64.getEncoder().encodeToString(bytes);
        case 1 -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        case 2 -> Base64.getMimeEncoder().encodeToString(bytes); // CRLF line breaks
        default -> Base64.getEncoder().withoutPadding().encodeToString(bytes);
      });
    }
    if ((sources & 4) != 0) {
      pdq = Optional.of(hex(32));
    }
    if ((sources & 8) != 0) {
      md5 = Optional.of(hex(16));
    }
    if ((sources & 16) != 0) {
      sha = Optional.of(hex(32));
    }
    OptionalInt quality = pdq.isPresent() && r.nextBoolean() ? OptionalInt.of(r.nextInt(101)) : OptionalInt.empty();
    return new Media(id(), maybe(() -> pick(MIMES)), url, data, pdq, quality, md5, sha);
  }

  String hex(int bytes) {
    byte[] b = new byte[bytes];
    r.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  <T> Optional<T> maybe(Supplier<T> value) {
    return r.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
  }

  <T> List<T> list(int max, Supplier<T> item) {
    int n = r.nextInt(max + 1);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(item.get());
    }
    return out;
  }

  <T> List<T> list1(int max, Supplier<T> item) {
    List<T> out = new ArrayList<>(list(max - 1, item));
    out.add(item.get());
    return out;
  }

  <T> T pick(T[] values) {
    return values[r.nextInt(values.length)];
  }

  int nextInt(int bound) {
    return r.nextInt(bound);
  }
}
