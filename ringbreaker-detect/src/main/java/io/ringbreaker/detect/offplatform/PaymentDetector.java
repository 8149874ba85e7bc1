package io.ringbreaker.detect.offplatform;

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
import java.util.Optional;

/**
 * Payment ids: PayPal.me, Cash App $cashtags, Venmo, and Bitcoin, Ethereum and Monero addresses.
 * An address is only reported when its checksum holds (Base58Check double SHA-256; Bech32/Bech32m
 * per BIP-173/350 with the witness-version rule; EIP-55 when the hex is mixed case; Monero's
 * Keccak-256 checksum), so random look-alike strings give nothing.
 *
 * <p>Values: lower-case names without "$"/"@" for PayPal, Cash App, Venmo; BTC as written for
 * Base58 and lower case for Bech32; ETH lower case; XMR as written. Detail: {@code source} (link or
 * text); BTC {@code network}, {@code encoding}; ETH {@code checksum} (eip55 or none); XMR
 * {@code type} (standard or subaddress).
 *
 * <p>A $cashtag is "$" + a letter + 1–20 letters, digits or "_", not glued to a word; all-capital
 * tags of up to 5 letters ($USD, $BTC, $AAPL) are read as currency or ticker symbols, not Cash App.
 */
public final class PaymentDetector implements TextDetector {

  public static final String PAYPAL = "payment.paypal";
  public static final String CASHAPP = "payment.cashapp";
  public static final String VENMO = "payment.venmo";
  public static final String BTC = "payment.btc";
  public static final String ETH = "payment.eth";
  public static final String XMR = "payment.xmr";

  private static final Pattern CASHTAG = Pattern.compile("\\$([A-Za-z][A-Za-z0-9_]{1,20})\\b");
  private static final Pattern TICKER = Pattern.compile("[A-Z]{1,5}");
  private static final Pattern VENMO_TEXT = Pattern.compile(
      "(?i)\\bvenmo\\b(?:\\s+(?:me|at|is))?(?:\\s*[:=-]\\s*@?|\\s+@)([a-z0-9][a-z0-9_-]{4,29})");
  private static final String B58 = "[1-9A-HJ-NP-Za-km-z]";
  private static final Pattern COIN = Pattern.compile(
      "\\b(?:[13]" + B58 + "{25,34}|(?i:bc1|tb1)[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}"
          + "|0x[0-9a-fA-F]{40}|[48]" + B58 + "{94})\\b");

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
    if (text.indexOf('$') >= 0) {
      Matcher m = CASHTAG.matcher(text);
      while (m.find()) {
        int s = m.start();
        boolean glued = s > 0 && (Character.isLetterOrDigit(text.charAt(s - 1))
            || text.charAt(s - 1) == '$' || text.charAt(s - 1) == '/');
        String name = m.group(1);
        if (!glued && !TICKER.matches(name)) {
          emit(event, field, new Found(CASHAPP, name.toLowerCase(Locale.ROOT), s, m.end(),
              Map.of("source", "text")), out);
        }
      }
    }
    if (containsIgnoreCase(text, "venmo")) {
      Matcher m = VENMO_TEXT.matcher(text);
      while (m.find()) {
        emit(event, field, new Found(VENMO, m.group(1).toLowerCase(Locale.ROOT), m.start(),
            m.end(), Map.of("source", "text")), out);
      }
    }
    if (text.length() >= 14 && hasLongToken(text)) {
      Matcher m = COIN.matcher(text);
      while (m.find()) {
        coin(m.group(), m.start(), m.end()).ifPresent(f -> emit(event, field, f, out));
      }
    }
  }

  private static void emit(Event event, TextField field, Found f, SignalSink out) {
    out.accept(Signal.of(f.kind, f.value, event)
        .withSpan(new Span(field.name(), f.start, f.end)).withDetail(f.detail));
  }

  private static Optional<Found> fromLink(Url u) {
    if (u.site().isEmpty()) {
      return Optional.empty();
    }
    List<String> seg = u.segments();
    Map<String, String> link = Map.of("source", "link");
    return switch (u.site().get()) {
      case "paypal" -> {
        String name = u.host().equals("paypal.me") && !seg.isEmpty() ? seg.get(0)
            : seg.size() >= 2 && seg.get(0).equalsIgnoreCase("paypalme") ? seg.get(1) : null;
        yield name(name, 1, 20).map(n -> new Found(PAYPAL, n, u.start(), u.end(), link));
      }
      case "cashapp" -> seg.isEmpty() || !seg.get(0).startsWith("$") ? Optional.empty()
          : name(seg.get(0).substring(1), 1, 20)
              .map(n -> new Found(CASHAPP, n, u.start(), u.end(), link));
      case "venmo" -> {
        String name = seg.size() >= 2 && seg.get(0).equals("u") ? seg.get(1)
            : seg.size() == 1 && !seg.get(0).equalsIgnoreCase("u") ? seg.get(0) : null;
        yield name(name, 5, 30).map(n -> new Found(VENMO, n, u.start(), u.end(), link));
      }
      default -> Optional.empty();
    };
  }

  private static Optional<String> name(String raw, int min, int max) {
    if (raw == null || raw.length() < min || raw.length() > max) {
      return Optional.empty();
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!(Urls.isAsciiAlnum(c) || c == '_' || c == '-')) {
        return Optional.empty();
      }
    }
    return Optional.of(raw.toLowerCase(Locale.ROOT));
  }

  private static Optional<Found> coin(String s, int start, int end) {
    Map<String, String> text = Map.of("source", "text");
    char c = s.charAt(0);
    if (s.startsWith("0x")) {
      boolean mixed = !s.substring(2).equals(s.substring(2).toLowerCase(Locale.ROOT))
          && !s.substring(2).equals(s.substring(2).toUpperCase(Locale.ROOT));
      return Coins.eip55(s)
          ? Optional.of(new Found(ETH, s.toLowerCase(Locale.ROOT), start, end,
              Map.of("source", "text", "checksum", mixed ? "eip55" : "none")))
          : Optional.empty();
    }
    if (s.length() == 95 && (c == '4' || c == '8')) {
      return Coins.monero(s).map(type -> new Found(XMR, s, start, end,
          Map.of("source", "text", "type", type)));
    }
    if (c == '1' || c == '3') {
      return Coins.base58Check(s).map(b -> new Found(BTC, s, start, end,
          Map.of("source", "text", "network", b.network(), "encoding", b.encoding())));
    }
    return Coins.segwit(s).map(b -> new Found(BTC, s.toLowerCase(Locale.ROOT), start, end,
        Map.of("source", "text", "network", b.network(), "encoding", b.encoding())));
  }

  /** Cheap pre-check for the coin regex: a run of 14+ letters/digits. */
  private static boolean hasLongToken(String t) {
    int run = 0;
    for (int i = 0; i < t.length(); i++) {
      if (Urls.isAsciiAlnum(t.charAt(i))) {
        if (++run >= 14) {
          return true;
        }
      } else {
        run = 0;
      }
    }
    return false;
  }

  private static boolean containsIgnoreCase(String t, String word) {
    char first = word.charAt(0);
    for (int i = 0; i + word.length() <= t.length(); i++) {
      if ((t.charAt(i) | 0x20) == first && t.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }
}
