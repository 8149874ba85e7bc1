package io.ringbreaker.detect.media;

import io.ringbreaker.detect.MediaDetector;
import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.model.Bank;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.Signal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Media that matches a bank: one {@code media.hash_match} signal per matched entry, naming the
 * bank, the entry, the label, the distance and which dihedral variant of the image matched (a
 * rotated or mirrored copy is still the same image). Media that matches an allow bank (a known
 * meme, a known false positive) raises nothing, whatever else it matches.
 */
public final class BankMatchDetector implements MediaDetector {

  public static final String KIND = "media.hash_match";

  private final Banks banks;

  public BankMatchDetector(Banks banks) {
    this.banks = banks;
  }

  /** The best match per entry, and whether any allow bank matched. */
  public record Result(List<Found> matches, boolean allowed) {}

  /** A match and the variant of the query that made it ("original" for MD5/SHA-256). */
  public record Found(Banks.Match match, String variant) {}

  @Override
  public void scan(Event event, Media media, MediaHashes hashes, SignalSink out) {
    if (banks.size() == 0) {
      return;
    }
    Result r = match(hashes);
    if (r.allowed()) {
      return;
    }
    for (Found f : r.matches()) {
      Banks.Match m = f.match();
      out.accept(Signal.of(KIND, m.entry().type().wire() + ":" + m.entry().hash(), event).withDetail(Map.of(
          "bank", m.bank().name(),
          "label", m.entry().label(),
          "media_id", media.id(),
          "distance", Integer.toString(m.distance()),
          "variant", f.variant())));
    }
  }

  /** Every entry the hashes match (best distance per entry), and whether an allow bank is among them. */
  public Result match(MediaHashes hashes) {
    Map<String, Found> best = new LinkedHashMap<>();
    hashes.md5().ifPresent(h -> add(best, banks.lookup(HashType.MD5, h, OptionalInt.empty()), "original"));
    hashes.sha256().ifPresent(h -> add(best, banks.lookup(HashType.SHA256, h, OptionalInt.empty()), "original"));
    List<Pdq.Hash> pdq = hashes.pdq();
    for (int v = 0; v < pdq.size(); v++) {
      String variant = pdq.size() == 1 ? "original" : MediaHashes.VARIANTS.get(v);
      add(best, banks.lookup(HashType.PDQ, pdq.get(v).hex(), hashes.pdqQuality()), variant);
    }
    boolean allowed = best.values().stream().anyMatch(f -> f.match().bank().kind() == Bank.Kind.ALLOW);
    return new Result(List.copyOf(best.values()), allowed);
  }

  private static void add(Map<String, Found> best, List<Banks.Match> matches, String variant) {
    for (Banks.Match m : matches) {
      String key = m.bank().name() + ':' + m.entry().type().wire() + ':' + m.entry().hash();
      Found prev = best.get(key);
      if (prev == null || m.distance() < prev.match().distance()) {
        best.put(key, new Found(m, variant));
      }
    }
  }
}
