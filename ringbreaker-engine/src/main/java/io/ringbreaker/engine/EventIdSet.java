package io.ringbreaker.engine;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * The event ids seen in a scan without a store, in 16 bytes per id: a 128-bit hash of each id in
 * an open-addressing table. Two different ids colliding in 128 bits is not a practical concern
 * (about 10^-26 for a billion ids); a store's journal dedupes by the id itself.
 */
final class EventIdSet {
  private long[] hi = new long[1 << 16];
  private long[] lo = new long[1 << 16];
  private int size;

  /** True when the id was not there before. */
  boolean add(String id) {
    HashCode h = Hashing.murmur3_128().hashString(id, StandardCharsets.UTF_8);
    byte[] b = h.asBytes();
    long a = 0;
    long c = 0;
    for (int i = 0; i < 8; i++) {
      a = (a << 8) | (b[i] & 0xff);
      c = (c << 8) | (b[i + 8] & 0xff);
    }
    if (a == 0 && c == 0) {
      c = 1; // 0,0 marks an empty slot
    }
    if ((size + 1) * 2L > hi.length) {
      grow();
    }
    return insert(a, c);
  }

  int size() {
    return size;
  }

  private boolean insert(long a, long c) {
    int mask = hi.length - 1;
    int i = (int) (a ^ (a >>> 32)) & mask;
    while (hi[i] != 0 || lo[i] != 0) {
      if (hi[i] == a && lo[i] == c) {
        return false;
      }
      i = (i + 1) & mask;
    }
    hi[i] = a;
    lo[i] = c;
    size++;
    return true;
  }

  private void grow() {
    long[] oh = hi;
    long[] ol = lo;
    hi = new long[oh.length * 2];
    lo = new long[ol.length * 2];
    size = 0;
    for (int i = 0; i < oh.length; i++) {
      if (oh[i] != 0 || ol[i] != 0) {
        insert(oh[i], ol[i]);
      }
    }
  }
}
