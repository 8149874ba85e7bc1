package io.ringbreaker.detect.offplatform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.detect.TextField;
import io.ringbreaker.detect.offplatform.Urls.Url;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Span;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Handles on other apps, from links (t.me/name, wa.me/number, discord.gg/code…) and from text
 * ("kik: name", "tg @name", "whatsapp +44 …", a Session id). Kinds {@code contact.<app>}; value a
 * lower-case handle without "@", an E.164 number, a Discord invite code (case kept: codes are
 * case-sensitive), a Telegram invite as {@code +code}, a Session id in lower case.
 *
 * <p>Phones: a number must carry its country code ("+44…", or come from wa.me/api.whatsapp.com,
 * which always hold one) unless a default region is given. It must be <em>possible</em> for its
 * country per libphonenumber's metadata ({@code isValidNumber}), or at least have a full mobile
 * number's length there; {@code detail.valid} says which. Possible-but-not-valid is accepted because it comes with an app keyword or link (strong context)
 * and because libphonenumber rejects the Ofcom drama range +44 7700 900xxx that people use as
 * placeholders: a trader can use a newly allocated range before the metadata knows it.
 *
 * <p>Detail: {@code source} (link or text), and for phones {@code valid}.
 */
public final class ContactDetector implements TextDetector {

  public static final String KIK = "contact.kik";
  public static final String SNAPCHAT = "contact.snapchat";
  public static final String TELEGRAM = "contact.telegram";
  public static final String WHATSAPP = "contact.whatsapp";
  public static final String DISCORD = "contact.discord";
  public static final String SESSION = "contact.session";
  public static final String SIGNAL = "contact.signal";
  public static final String WICKR = "contact.wickr";

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final Pattern KEYWORD_TEXT = Pattern.compile(
      "(?i)\\b(kik|snap(?:chat)?|sc|tg|telegram|whats ?app|wa|wickr(?: ?me)?|discord|signal"
          + "|session(?: ?id)?)\\b(?:\\s+(?:me|id|username|user|name|on|at))?"
          + "(\\s*[:=>~|\\x{2013}\\x{2014}-]+\\s*|\\s+)"
          + "(\\+\\d[\\d ().-]{5,22}\\d|05[0-9a-f]{64}\\b|@?[a-z0-9][a-z0-9._-]{0,39})");
  private static final Pattern SESSION_ID = Pattern.compile("(?i)\\b05[0-9a-f]{64}\\b");
  /** Words that follow "snap -" or "signal:" in ordinary writing and are never taken as handles. */
  private static final Set<String> STOP = Set.of("me", "is", "at", "on", "the", "and", "or", "to",
      "for", "my", "a", "an", "id", "it", "in", "if", "no", "not", "only", "here", "group", "chat",
      "that", "this", "what", "was", "were", "be", "so", "you", "we", "they", "he", "she", "i",
      "just", "lol", "ok", "okay", "yes", "but", "with", "from", "now", "then", "there", "today",
      "back", "same", "good", "bad", "weak", "strong", "lost", "none", "off", "down", "up", "out");
  private static final Pattern SIGNAL_USERNAME = Pattern.compile("[a-z_][a-z0-9_]{2,31}\\.\\d{2,9}");
  private static final Set<String> TELEGRAM_RESERVED = Set.of("share", "addstickers", "proxy",
      "socks", "setlanguage", "addtheme", "login", "iv", "c", "addemoji", "boost", "confirmphone");

  private final String defaultRegion;

  /** Numbers need their "+country code". */
  public ContactDetector() {
    this("ZZ");
  }

  /** Numbers without a country code are read as numbers of {@code defaultRegion} (e.g. "GB"). */
  public ContactDetector(String defaultRegion) {
    this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
  }

  private record Found(String kind, String value, int start, int end, Map<String, String> detail) {}

  @Override
  public void scan(Event event, TextField field, SignalSink out) {
    scan(event, field, Urls.find(field.text()), out);
  }

  /** The same, with the text's links already found (the off-platform pass finds them once). */
  void scan(Event event, TextField field, List<Url> urls, SignalSink out) {
    String text = field.text();
    for (Url u : urls) {
      fromLink(u).ifPresent(f -> emit(event, field, f, out));
    }
    if (mayHaveKeyword(text)) {
      Matcher m = KEYWORD_TEXT.matcher(text);
      while (m.find()) {
        if (m.end(3) < text.length() && "/:".indexOf(text.charAt(m.end(3))) >= 0) {
          continue; // "telegram: t.me/name" — the link pass reports it
        }
        fromText(m).ifPresent(f -> emit(event, field, f, out));
      }
    }
    if (text.length() >= 66 && text.contains("05")) {
      Matcher m = SESSION_ID.matcher(text);
      while (m.find()) {
        if (!precededBySessionKeyword(text, m.start())) { // else the keyword pass found it
          emit(event, field, new Found(SESSION, m.group().toLowerCase(Locale.ROOT), m.start(),
              m.end(), Map.of("source", "text")), out);
        }
      }
    }
  }

  private static void emit(Event event, TextField field, Found f, SignalSink out) {
    out.accept(Signal.of(f.kind, f.value, event)
        .withSpan(new Span(field.name(), f.start, f.end)).withDetail(f.detail));
  }

  private Optional<Found> fromLink(Url u) {
    if (u.site().isEmpty()) {
      return Optional.empty();
    }
    List<String> seg = u.segments();
    Map<String, String> link = Map.of("source", "link");
    String first = seg.isEmpty() ? "" : seg.get(0);
    return switch (u.site().get()) {
      case "telegram" -> telegram(u, seg);
      case "whatsapp" -> {
        if (u.host().equals("wa.me") && !first.isEmpty()) {
          yield phone(WHATSAPP, "+" + first, "ZZ", u.start(), u.end(), "link");
        }
        if (u.host().equals("chat.whatsapp.com") && !first.isEmpty()) {
          yield code(first).map(c -> new Found(WHATSAPP, "group:" + c, u.start(), u.end(), link));
        }
        yield u.param("phone").flatMap(p -> phone(WHATSAPP,
            p.startsWith("+") ? p : "+" + p.trim(), "ZZ", u.start(), u.end(), "link"));
      }
      case "kik" -> handle(first, 2, 20).map(h -> new Found(KIK, h, u.start(), u.end(), link));
      case "snapchat" -> seg.size() >= 2 && first.equals("add")
          ? handle(seg.get(1), 3, 15).map(h -> new Found(SNAPCHAT, h, u.start(), u.end(), link))
          : Optional.empty();
      case "discord" -> {
        if (u.host().equals("discord.gg")) {
          yield code(first).map(c -> new Found(DISCORD, c, u.start(), u.end(), link));
        }
        yield seg.size() >= 2 && first.equals("invite")
            ? code(seg.get(1)).map(c -> new Found(DISCORD, c, u.start(), u.end(), link))
            : Optional.empty();
      }
      case "signal" -> {
        String f = u.fragment();
        if (u.host().equals("signal.group") && !f.isEmpty()) {
          yield Optional.of(new Found(SIGNAL, "group:" + f, u.start(), u.end(), link));
        }
        // signal.me/#p/+<number> (phone) or signal.me/#eu/<token> (username link).
        if (f.startsWith("p/")) {
          yield phone(SIGNAL, f.substring(2), "ZZ", u.start(), u.end(), "link");
        }
        int slash = f.indexOf('/');
        yield slash > 0 && slash + 1 < f.length()
            ? Optional.of(new Found(SIGNAL, f, u.start(), u.end(), link)) : Optional.empty();
      }
      default -> Optional.empty();
    };
  }

  private Optional<Found> telegram(Url u, List<String> seg) {
    if (seg.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> link = Map.of("source", "link");
    String first = seg.get(0);
    if (first.equals("joinchat") && seg.size() >= 2) {
      return code(seg.get(1)).map(c -> new Found(TELEGRAM, "+" + c, u.start(), u.end(), link));
    }
    if (first.startsWith("+") || first.startsWith("%2B") || first.startsWith("%2b")) {
      String rest = first.substring(first.startsWith("+") ? 1 : 3);
      if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit)) {
        return phone(TELEGRAM, "+" + rest, "ZZ", u.start(), u.end(), "link");
      }
      return code(rest).map(c -> new Found(TELEGRAM, "+" + c, u.start(), u.end(), link));
    }
    String name = first.equals("s") && seg.size() >= 2 ? seg.get(1) : first;
    if (TELEGRAM_RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return handle(name, 4, 32).filter(ContactDetector::telegramName)
        .map(h -> new Found(TELEGRAM, h, u.start(), u.end(), link));
  }

  private Optional<Found> fromText(Matcher m) {
    String app = m.group(1).toLowerCase(Locale.ROOT).replace(" ", "");
    String sep = m.group(2);
    String value = m.group(3);
    int start = m.start();
    int end = m.end(3);
    boolean punctuated = !sep.isBlank();
    if (value.startsWith("+")) {
      String kind = switch (app) {
        case "whatsapp", "wa" -> WHATSAPP;
        case "signal" -> SIGNAL;
        case "tg", "telegram" -> TELEGRAM;
        default -> null;
      };
      return kind == null ? Optional.empty() : phone(kind, value, defaultRegion, start, end, "text");
    }
    if (app.startsWith("session")) {
      return value.length() == 66 && value.startsWith("05")
          ? Optional.of(new Found(SESSION, value.toLowerCase(Locale.ROOT), start, end,
              Map.of("source", "text")))
          : Optional.empty();
    }
    // Without punctuation ("kik: x", "snap - x") only an explicit "@handle" counts:
    // "telegram group" or "signal strength" are not handles.
    boolean at = value.startsWith("@");
    if (!punctuated && !at) {
      return Optional.empty();
    }
    if ((app.equals("wa") || app.equals("sc")) && !punctuated) {
      return Optional.empty(); // two-letter keywords are too common to trust with a bare space
    }
    String raw = at ? value.substring(1) : value;
    while (!raw.isEmpty() && ".-_".indexOf(raw.charAt(raw.length() - 1)) >= 0) {
      raw = raw.substring(0, raw.length() - 1);
      end--;
    }
    String kind = switch (app) {
      case "kik" -> KIK;
      case "snap", "snapchat", "sc" -> SNAPCHAT;
      case "tg", "telegram" -> TELEGRAM;
      case "wickr", "wickrme" -> WICKR;
      case "discord" -> DISCORD;
      case "signal" -> SIGNAL;
      default -> null; // whatsapp by name: WhatsApp has no usernames
    };
    if (kind == null) {
      return Optional.empty();
    }
    final int e = end;
    return handle(raw, 2, 32).filter(h -> !STOP.contains(h))
        .filter(h -> !kind.equals(TELEGRAM) || telegramName(h))
        // Signal usernames always end in a dot and digits ("name.42").
        .filter(h -> !kind.equals(SIGNAL) || SIGNAL_USERNAME.matches(h))
        .map(h -> new Found(kind, h, start, e, Map.of("source", "text")));
  }

  private Optional<Found> phone(String kind, String raw, String region, int start, int end,
                                String source) {
    if (raw.length() > 40) {
      return Optional.empty();
    }
    try {
      PhoneNumber n = PHONES.parse(raw, region);
      boolean valid = PHONES.isValidNumber(n);
      if (!valid && PHONES.isPossibleNumberForTypeWithReason(n, PhoneNumberType.MOBILE)
          != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
        return Optional.empty();
      }
      String e164 = PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
      return Optional.of(new Found(kind, e164, start, end,
          Map.of("source", source, "valid", Boolean.toString(valid))));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** A handle in lower case, or empty when it is not one: letters, digits, "._-", bounded length. */
  private static Optional<String> handle(String raw, int min, int max) {
    String h = raw.startsWith("@") ? raw.substring(1) : raw;
    if (h.length() < min || h.length() > max) {
      return Optional.empty();
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (!(Urls.isAsciiAlnum(c) || c == '.' || c == '_' || c == '-')) {
        return Optional.empty();
      }
    }
    return Optional.of(h.toLowerCase(Locale.ROOT));
  }

  /** Telegram usernames: a letter first, then letters, digits and "_"; 4 to 32 long. */
  private static boolean telegramName(String h) {
    return h.length() >= 4 && Character.isLetter(h.charAt(0)) && h.indexOf('.') < 0
        && h.indexOf('-') < 0;
  }

  /** An invite code, case kept. */
  private static Optional<String> code(String raw) {
    if (raw.length() < 2 || raw.length() > 64) {
      return Optional.empty();
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!(Urls.isAsciiAlnum(c) || c == '_' || c == '-')) {
        return Optional.empty();
      }
    }
    return Optional.of(raw);
  }

  /** App words as they start a word; the short ones must also end it ("sc" but not "school"). */
  private static final String[] KEYWORD_PREFIXES = {"kik", "snap", "telegram", "whats", "wickr",
      "discord", "signal", "session"};
  private static final String[] KEYWORD_WORDS = {"sc", "tg", "wa"};

  /** Cheap pre-check before the keyword regex: an app word starts a word somewhere. */
  static boolean mayHaveKeyword(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = (char) (text.charAt(i) | 0x20);
      if ((c != 'k' && c != 's' && c != 't' && c != 'w' && c != 'd')
          || (i > 0 && Urls.isAsciiAlnum(text.charAt(i - 1)))) {
        continue;
      }
      for (String k : KEYWORD_PREFIXES) {
        if (k.charAt(0) == c && text.regionMatches(true, i, k, 0, k.length())) {
          return true;
        }
      }
      for (String k : KEYWORD_WORDS) {
        if (k.charAt(0) == c && text.regionMatches(true, i, k, 0, 2)
            && (i + 2 == n || !Urls.isAsciiAlnum(text.charAt(i + 2)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean precededBySessionKeyword(String text, int at) {
    int from = Math.max(0, at - 16);
    return text.substring(from, at).toLowerCase(Locale.ROOT).contains("session");
  }
}
