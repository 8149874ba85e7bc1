package io.ringbreaker.detect.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloodWatchTest {
  static final Instant T0 = Instant.parse("2019-01-10T00:00:00Z");
  final Random random = new Random(7);

  private long[] randomHash() {
    return new long[] {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
  }

  private static long[] flip(long[] h, int... bits) {
    long[] c = h.clone();
    for (int b : bits) {
      c[b >> 6] ^= 1L << (b & 63);
    }
    return c;
  }

  private static FloodWatch.Post post(int n, String account, Instant at) {
    return new FloodWatch.Post("e" + n, "p" + n, account, at);
  }

  @Test
  void theFourthAccountPostingTheSameMemeMarksTheEarlierPostsToo() {
    FloodWatch w = new FloodWatch();
    long[] meme = randomHash();
    assertThat(w.observe("tag", post(1, "a", T0), List.of(flip(meme, 1)))).isEmpty();
    assertThat(w.observe("tag", post(2, "b", T0.plusSeconds(60)), List.of(flip(meme, 2, 90)))).isEmpty();
    assertThat(w.observe("tag", post(3, "c", T0.plusSeconds(120)), List.of(flip(meme, 200)))).isEmpty();
    List<FloodWatch.Post> marked = w.observe("tag", post(4, "d", T0.plusSeconds(180)), List.of(flip(meme, 7, 8, 9)));
    assertThat(marked).extracting(FloodWatch.Post::eventId).containsExactlyInAnyOrder("e1", "e2", "e3", "e4");
    // From now on a near copy is a meme at once.
    assertThat(w.observe("tag", post(5, "e", T0.plusSeconds(240)), List.of(flip(meme, 100))))
        .extracting(FloodWatch.Post::eventId).containsExactly("e5");
  }

  @Test
  void oneAccountRepostingItsImageAndDifferentImagesAreNoMeme() {
    FloodWatch w = new FloodWatch();
    long[] own = randomHash();
    for (int i = 0; i < 10; i++) {
      assertThat(w.observe("tag", post(i, "ring1", T0.plusSeconds(i)), List.of(own))).isEmpty();
    }
    for (int i = 10; i < 40; i++) {
      assertThat(w.observe("tag", post(i, "user" + i, T0.plusSeconds(i)), List.of(randomHash()))).isEmpty();
    }
    assertThat(w.flood("tag")).isEmpty();
  }

  @Test
  void aTagIsFloodedWhileMemePostsAreARealPartOfItsDay() {
    FloodWatch w = new FloodWatch();
    long[] meme = randomHash();
    List<FloodWatch.Post> marked = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < 30; i++) {
      Instant at = T0.plus(Duration.ofMinutes(10L * i));
      marked.addAll(w.observe("tag", post(n++, "flooder" + i, at), List.of(flip(meme, i))));
      w.observe("tag", post(n++, "other" + i, at.plusSeconds(1)), List.of(randomHash()));
    }
    assertThat(marked).hasSize(30);
    FloodWatch.Flood f = w.flood("tag").orElseThrow();
    assertThat(f.from()).isAfter(T0);
    assertThat(w.floodedAt("tag", f.lastSeen())).isTrue();
    assertThat(w.floodedAt("tag", f.lastSeen().plus(Duration.ofDays(2)))).isFalse();
    assertThat(w.flood("other")).isEmpty();
  }
}
