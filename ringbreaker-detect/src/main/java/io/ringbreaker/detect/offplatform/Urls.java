package io.ringbreaker.detect.offplatform;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds links in text, with or without a scheme, including spelled-out dots ("dropbox (dot) com",
 * "dropbox[.]com", "dropbox dot com", "drop box . com", ideographic and full-width dots). Only hosts in {@link #SITES} matter to the
 * detectors, so a host is "valid" when it is one of them; anything else is returned as a plain
 * {@link Url} with {@code site} empty and the detectors ignore it.
 *
 * <p>All matching is RE2/J (linear time), behind a cheap character pre-check, and the result for
 * the last text seen on a thread is reused so the three detectors scan a text once.
 */
final class Urls {

  private static final String LABEL = "[a-z0-9][a-z0-9-]*";
  private static final String SEP =
      "(?:[.\\x{3002}\\x{FF0E}\\x{FF61}]|\\s*[(\\[{<]\\s*(?:dot|\\.)\\s*[)\\]}>]\\s*"
          + "|\\s+dot\\s+|\\s+\\.\\s+)";
  private static final Pattern URL = Pattern.compile(
      "(?i)(?:https?://)?" + LABEL + "(?: " + LABEL + ")?(?:" + SEP + LABEL + ")+"
          + "(?:[/?#][^\\s\\p{Cc}\\p{Cf}\\x{FFFD}<>\"'`]*)?");
  private static final Pattern SEP_RE = Pattern.compile("(?i)" + SEP);
  private static final int MAX_RAW_HOST = 600;
  private static final String TRAILING = ".,;:!?)]}'\"*";

  /** Host (without "www.") or a parent domain of it → the site the detectors know it as. */
  private static final Map<String, String> SITES = new HashMap<>();

  static {
    site("dropbox", "dropbox.com");
    site("gdrive", "drive.google.com", "docs.google.com");
    site("mega", "mega.nz", "mega.co.nz", "mega.io");
    site("mediafire", "mediafire.com");
    site("onedrive", "1drv.ms", "onedrive.live.com");
    site("box", "box.com");
    site("icloud", "icloud.com");
    site("pcloud", "pcloud.link", "pcloud.com");
    site("terabox", "terabox.com", "1024terabox.com", "teraboxapp.com", "terabox.app");
    site("yandex", "disk.yandex.ru", "disk.yandex.com", "disk.yandex.kz", "disk.yandex.by",
        "disk.yandex.ua", "disk.yandex.com.tr", "yadi.sk");
    site("telegram", "t.me", "telegram.me", "telegram.dog");
    site("whatsapp", "wa.me", "whatsapp.com");
    site("kik", "kik.me");
    site("snapchat", "snapchat.com");
    site("discord", "discord.gg", "discord.com", "discordapp.com");
    site("signal", "signal.me", "signal.group");
    site("paypal", "paypal.me", "paypal.com");
    site("cashapp", "cash.app");
    site("venmo", "venmo.com");
  }

  private static void site(String name, String... hosts) {
    for (String h : hosts) {
      SITES.put(h, name);
    }
  }

  /**
   * A link found in text. {@code host} is lower case without "www."; {@code path} starts with "/"
   * (or is empty); {@code query} and {@code fragment} are without their "?"/"#".
   */
  record Url(int start, int end, String host, String path, String query, String fragment,
             boolean spelledOut, Optional<String> site) {

    String canonical() {
      return "https://" + host + (path.isEmpty() ? "/" : path)
          + (query.isEmpty() ? "" : "?" + query) + (fragment.isEmpty() ? "" : "#" + fragment);
    }

    /** Path segments without the empty ones. */
    List<String> segments() {
      List<String> out = new ArrayList<>();
      for (String s : path.split("/")) {
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
      return out;
    }

    /** The first value of a query parameter, percent-decoded. */
    Optional<String> param(String name) {
      for (String kv : query.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0 && kv.substring(0, eq).equalsIgnoreCase(name)) {
          try {
            return Optional.of(URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
          } catch (IllegalArgumentException e) {
            return Optional.of(kv.substring(eq + 1));
          }
        }
      }
      return Optional.empty();
    }
  }

  private Urls() {}

  static List<Url> find(String text) {
    return mayHaveLink(text) ? scan(text) : List.of();
  }

  /** Cheap pre-check: a dot touching a letter, digit or bracket, " . ", or the word "dot". */
  static boolean mayHaveLink(String t) {
    return nextTrigger(t, 0) >= 0;
  }

  private static int nextTrigger(String t, int from) {
    int n = t.length();
    for (int i = from; i < n; i++) {
      char c = t.charAt(i);
      if ((c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61') && i + 1 < n) {
        char next = t.charAt(i + 1);
        if (isAsciiAlnum(next) || next == ')' || next == ']' || next == '}' || next == '>'
            || (next == ' ' && i > 0 && t.charAt(i - 1) == ' ')) {
          return i;
        }
      } else if ((c == 'd' || c == 'D') && i + 2 < n && (t.charAt(i + 1) | 0x20) == 'o'
          && (t.charAt(i + 2) | 0x20) == 't'
          && (i == 0 || !isAsciiAlnum(t.charAt(i - 1)))
          && (i + 3 == n || !isAsciiAlnum(t.charAt(i + 3)))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Runs the link pattern only on a window of a few words around each trigger, so a long text
   * with one link costs a character scan, not a regex pass over all of it.
   */
  private static List<Url> scan(String text) {
    List<Url> out = new ArrayList<>();
    int done = 0;
    for (int i = nextTrigger(text, 0); i >= 0; i = nextTrigger(text, done)) {
      int from = skipTokens(text, i, -1, WINDOW_TOKENS, Math.max(done, i - WINDOW_CHARS));
      int to = skipTokens(text, i, +1, WINDOW_TOKENS, Math.min(text.length(), i + WINDOW_CHARS));
      Matcher m = URL.matcher(text.substring(from, to));
      while (m.find()) {
        parse(text, from + m.start(), from + m.end()).ifPresent(out::add);
      }
      done = Math.max(to, i + 1);
    }
    return List.copyOf(out);
  }

  private static final int WINDOW_TOKENS = 4;
  private static final int WINDOW_CHARS = 4096;

  /**
   * From {@code i}, moves over the token there and {@code tokens - 1} more whitespace-separated
   * tokens in direction {@code dir}, not past {@code limit}. Returns a start (dir -1, inclusive)
   * or an end (dir +1, exclusive).
   */
  private static int skipTokens(String t, int i, int dir, int tokens, int limit) {
    int p = i;
    for (int k = 0; k < tokens; k++) {
      while (dir < 0 ? p > limit && !Character.isWhitespace(t.charAt(p - 1))
          : p < limit && !Character.isWhitespace(t.charAt(p))) {
        p += dir;
      }
      if (k == tokens - 1) {
        break;
      }
      while (dir < 0 ? p > limit && Character.isWhitespace(t.charAt(p - 1))
          : p < limit && Character.isWhitespace(t.charAt(p))) {
        p += dir;
      }
    }
    return p;
  }

  private static Optional<Url> parse(String text, int start, int end) {
    while (end > start && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    if (start > 0 && (text.charAt(start - 1) == '@' || text.charAt(start - 1) == '$')) {
      return Optional.empty(); // an e-mail address's domain or a cashtag, not a link
    }
    String raw = text.substring(start, end);
    int hostFrom = 0;
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://")) {
      hostFrom = 8;
    } else if (lower.startsWith("http://")) {
      hostFrom = 7;
    }
    int hostTo = raw.length();
    for (int i = hostFrom; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        hostTo = i;
        break;
      }
    }
    if (hostTo - hostFrom > MAX_RAW_HOST) {
      return Optional.empty(); // no host is this long (DNS allows 253); skip before any copying
    }
    String hostRaw = raw.substring(hostFrom, hostTo);
    String dotted = SEP_RE.matcher(hostRaw).replaceAll(".");
    boolean spelledOut = !dotted.equals(hostRaw);
    String host = dotted.toLowerCase(Locale.ROOT);
    int space = host.indexOf(' ');
    if (space >= 0) {
      // The first label may be two words: "drop box . com" is dropbox.com, but in
      // "go to t.me/x" the word "to" is not part of the host.
      String joined = host.substring(0, space) + host.substring(space + 1);
      if (siteOf(stripWww(joined)).isPresent()) {
        host = joined;
        spelledOut = true;
      } else {
        host = host.substring(space + 1);
        if (hostFrom == 0) {
          start += space + 1;
        } else {
          return Optional.empty();
        }
      }
    }
    host = stripWww(host);
    if (host.length() > 253) {
      return Optional.empty();
    }
    String rest = raw.substring(hostTo);
    String fragment = "";
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      fragment = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    return Optional.of(new Url(start, end, host, rest, query, fragment, spelledOut, siteOf(host)));
  }

  private static String stripWww(String host) {
    return host.startsWith("www.") ? host.substring(4) : host;
  }

  /** The known site of a host or of one of its parent domains ("u.pcloud.link" → pcloud). */
  static Optional<String> siteOf(String host) {
    String h = host;
    while (true) {
      String s = SITES.get(h);
      if (s != null) {
        return Optional.of(s);
      }
      int dot = h.indexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      h = h.substring(dot + 1);
    }
  }

  static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
