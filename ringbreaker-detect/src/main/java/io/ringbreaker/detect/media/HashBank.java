package io.ringbreaker.detect.media;

import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Known hashes by exact value, as an immutable snapshot. (Distance matching of PDQ, with
 * thresholds and the index, is the media-matching work that follows.)
 */
public final class HashBank {

  private final Map<String, List<BankEntry>> byKey;
  private final int size;

  private HashBank(Map<String, List<BankEntry>> byKey, int size) {
    this.byKey = byKey;
    this.size = size;
  }

  public static HashBank of(Collection<BankEntry> entries) {
    Map<String, List<BankEntry>> m = new HashMap<>();
    for (BankEntry e : entries) {
      m.computeIfAbsent(key(e.type(), e.hash()), k -> new ArrayList<>(1)).add(e);
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    return new HashBank(Map.copyOf(m), entries.size());
  }

  public HashBank with(Collection<BankEntry> more) {
    List<BankEntry> all = new ArrayList<>(size + more.size());
    byKey.values().forEach(all::addAll);
    all.addAll(more);
    return of(all.stream().distinct().toList());
  }

  public List<BankEntry> lookup(HashType type, String hexLowerCase) {
    return byKey.getOrDefault(key(type, hexLowerCase), List.of());
  }

  public int size() {
    return size;
  }

  private static String key(HashType type, String hex) {
    return type.wire() + ':' + hex;
  }
}
