package io.ringbreaker.detect.offplatform;

import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.detect.TextField;
import io.ringbreaker.detect.offplatform.CloudLinks.Share;
import io.ringbreaker.detect.offplatform.Urls.Url;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Span;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cloud-storage share links ({@value #CLOUD}, value {@code provider:kind:id}) and links to
 * off-platform messaging sites ({@value #URL}, value the canonical URL). Ordinary links give no
 * signal. Links are found with or without a scheme and with spelled-out dots.
 *
 * <p>Detail of {@value #CLOUD}: {@code provider}, {@code kind} (folder, file or share when the link
 * does not say), {@code url} (canonical, MEGA key removed), {@code key} ("true" when a MEGA link
 * carried its decryption key), {@code spelled_out}. Detail of {@value #URL}: {@code site},
 * {@code spelled_out}.
 */
public final class LinkDetector implements TextDetector {

  public static final String CLOUD = "link.cloud_storage";
  public static final String URL = "link.url";

  private static final Set<String> MESSAGING =
      Set.of("telegram", "whatsapp", "kik", "snapchat", "discord", "signal");

  @Override
  public void scan(Event event, TextField field, SignalSink out) {
    scan(event, field, Urls.find(field.text()), out);
  }

  /** The same, with the text's links already found (the off-platform pass finds them once). */
  void scan(Event event, TextField field, List<Url> urls, SignalSink out) {
    for (Url u : urls) {
      Span span = new Span(field.name(), u.start(), u.end());
      Optional<Share> share = CloudLinks.identify(u);
      if (share.isPresent()) {
        Share s = share.get();
        String url = s.provider().equals("mega") ? withoutMegaKey(u, s) : u.canonical();
        out.accept(Signal.of(CLOUD, s.identity(), event).withSpan(span).withDetail(Map.of(
            "provider", s.provider(), "kind", s.kind(), "url", url,
            "key", Boolean.toString(s.keyPresent()), "spelled_out", Boolean.toString(u.spelledOut()))));
      } else if (u.site().filter(MESSAGING::contains).isPresent() 
          && (!u.segments().isEmpty() || !u.fragment().isEmpty())) {
        out.accept(Signal.of(URL, u.canonical(), event).withSpan(span).withDetail(Map.of(
            "site", u.site().get(), "spelled_out", Boolean.toString(u.spelledOut()))));
      }
    }
  }

  private static String withoutMegaKey(Url u, Share s) {
    return u.fragment().startsWith("F!") || u.fragment().startsWith("!")
        ? "https://" + u.host() + "/#" + (s.kind().equals("folder") ? "F!" : "!") + s.id()
        : "https://" + u.host() + "/" + s.kind() + "/" + s.id();
  }
}
