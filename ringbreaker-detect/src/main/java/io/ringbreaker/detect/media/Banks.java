package io.ringbreaker.detect.media;

import io.ringbreaker.detect.media.index.HammingIndex;
import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The matcher: every bank and its entries, looked up by exact value (MD5, SHA-256) and by PDQ
 * distance through the {@link HammingIndex}. Changes (a bank's settings, an added, relabelled or
 * disabled entry) are in effect for the next lookup; nothing is rebuilt. Lookups run concurrently
 * with each other and with changes.
 *
 * <p>A PDQ hash held by several banks is one index entry with several slots. Labels and sources
 * are interned: bank lists repeat a few of them millions of times.
 */
public final class Banks {

  /** An entry within its bank's threshold of the query, at {@code distance} bits (0 for MD5/SHA-256). */
  public record Match(Bank bank, BankEntry entry, int distance) {}

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Bank> banks = new LinkedHashMap<>();
  private final HammingIndex pdq = new HammingIndex();
  private final List<Slot[]> pdqSlots = new ArrayList<>();
  private final Map<String, Slot[]> exact = new HashMap<>();
  private final Map<String, String> interned = new HashMap<>();
  private int entries;

  /** One entry's bank and metadata; its hash is the key it is filed under. */
  private static final class Slot {
    final String bank;
    String label;
    String source;
    Instant added;
    boolean enabled;

    Slot(String bank) {
      this.bank = bank;
    }
  }

  public static Banks of(Collection<Bank> banks, Collection<BankEntry> entries) {
    Banks b = new Banks();
    banks.forEach(b::putBank);
    entries.forEach(b::put);
    b.compact();
    return b;
  }

  /** Creates a bank or changes its settings. */
  public void putBank(Bank bank) {
    lock.writeLock().lock();
    try {
      banks.put(bank.name(), bank);
    } finally {
      lock.writeLock().unlock();
    }
  }

  public Optional<Bank> bank(String name) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(banks.get(name));
    } finally {
      lock.readLock().unlock();
    }
  }

  public List<Bank> banks() {
    lock.readLock().lock();
    try {
      return List.copyOf(banks.values());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Adds an entry, or updates its label, source and enabled state; a bank not seen yet gets the defaults. */
  public void put(BankEntry e) {
    lock.writeLock().lock();
    try {
      banks.computeIfAbsent(e.bank(), Bank::named);
      Slot slot = slot(e.bank(), e.type(), e.hash(), true).orElseThrow();
      slot.label = intern(e.label());
      slot.source = intern(e.source());
      slot.added = e.added();
      slot.enabled = e.enabled();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Enables or disables one entry; false when the bank holds no such entry. */
  public boolean setEnabled(String bank, HashType type, String hash, boolean enabled) {
    lock.writeLock().lock();
    try {
      Optional<Slot> slot = slot(bank, type, hash.toLowerCase(Locale.ROOT), false);
      slot.ifPresent(s -> s.enabled = enabled);
      return slot.isPresent();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Entries held, enabled or not. */
  public int size() {
    lock.readLock().lock();
    try {
      return entries;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Folds entries added one by one into the index's bulk tables (after a large load). */
  public void compact() {
    pdq.compact();
  }

  /**
   * Every enabled entry of an enabled bank that matches: equal MD5/SHA-256; for PDQ, within the
   * bank's threshold, when the query's quality (if known) is at least the bank's floor. Match and
   * allow banks alike; callers decide what an allow match means.
   */
  public List<Match> lookup(HashType type, String hex, OptionalInt quality) {
    String h = hex.toLowerCase(Locale.ROOT);
    if (h.length() != type.hexLength()) {
      throw new IllegalArgumentException("a " + type.wire() + " hash is " + type.hexLength()
          + " hex characters, got " + h.length());
    }
    List<Match> out = new ArrayList<>(0);
    lock.readLock().lock();
    try {
      if (type != HashType.PDQ) {
        Slot[] slots = exact.get(key(type, h));
        if (slots != null) {
          for (Slot s : slots) {
            Bank bank = banks.get(s.bank);
            if (s.enabled && bank.enabled()) {
              out.add(new Match(bank, entry(s, type, h), 0));
            }
          }
        }
        return out;
      }
      long[] q = HammingIndex.words(h);
      int radius = 0;
      for (Bank b : banks.values()) {
        if (b.enabled() && (quality.isEmpty() || quality.getAsInt() >= b.qualityFloor())) {
          radius = Math.max(radius, b.pdqThreshold());
        }
      }
      HammingIndex.Hits hits = (id, d) -> {
        for (Slot s : pdqSlots.get(id)) {
          Bank bank = banks.get(s.bank);
          if (s.enabled && bank.enabled() && d <= bank.pdqThreshold()
              && (quality.isEmpty() || quality.getAsInt() >= bank.qualityFloor())) {
            out.add(new Match(bank, entry(s, HashType.PDQ, HammingIndex.hex(pdq.hash(id))), d));
          }
        }
      };
      // The index's probes cost the same at any size; a small bank is cheaper to read whole.
      if (pdq.size() <= READ_WHOLE_BELOW) {
        pdq.scan(q[0], q[1], q[2], q[3], radius, hits);
      } else {
        pdq.search(q[0], q[1], q[2], q[3], radius, hits);
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** PDQ hashes below which a lookup reads the bank whole (see docs/BENCHMARKS.md, small banks). */
  static final int READ_WHOLE_BELOW = 2_048;

  private static BankEntry entry(Slot s, HashType type, String hash) {
    return new BankEntry(s.bank, type, hash, s.label, s.source, s.added, s.enabled);
  }

  /** The slot of (bank, type, hash); created (with empty metadata) when {@code create}. */
  private Optional<Slot> slot(String bank, HashType type, String hash, boolean create) {
    Slot[] slots;
    int pdqId = -1;
    if (type == HashType.PDQ) {
      long[] w = HammingIndex.words(hash);
      int[] found = {-1};
      pdq.search(w[0], w[1], w[2], w[3], 0, (id, d) -> found[0] = id);
      pdqId = found[0];
      slots = pdqId < 0 ? null : pdqSlots.get(pdqId);
    } else {
      slots = exact.get(key(type, hash));
    }
    if (slots != null) {
      for (Slot s : slots) {
        if (s.bank.equals(bank)) {
          return Optional.of(s);
        }
      }
    }
    if (!create) {
      return Optional.empty();
    }
    Slot s = new Slot(intern(bank));
    Slot[] grown = slots == null ? new Slot[] {s} : append(slots, s);
    if (type == HashType.PDQ) {
      if (pdqId < 0) {
        long[] w = HammingIndex.words(hash);
        pdqId = pdq.add(w[0], w[1], w[2], w[3]);
        pdqSlots.add(grown);
      } else {
        pdqSlots.set(pdqId, grown);
      }
    } else {
      exact.put(key(type, hash), grown);
    }
    entries++;
    return Optional.of(s);
  }

  private static Slot[] append(Slot[] slots, Slot s) {
    Slot[] out = java.util.Arrays.copyOf(slots, slots.length + 1);
    out[slots.length] = s;
    return out;
  }

  private String intern(String s) {
    return interned.computeIfAbsent(s, k -> k);
  }

  private static String key(HashType type, String hex) {
    return type.wire() + ':' + hex;
  }
}
