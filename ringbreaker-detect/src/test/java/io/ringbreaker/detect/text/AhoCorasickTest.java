package io.ringbreaker.detect.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

  @Test
  void findsOverlappingAndNestedPatterns() {
    AhoCorasick ac = new AhoCorasick(List.of("he", "she", "his", "hers"));
    assertThat(ac.find("ushers")).containsExactly(
        new AhoCorasick.Hit(1, 1, 4), new AhoCorasick.Hit(0, 2, 4), new AhoCorasick.Hit(3, 2, 6));
    assertThat(ac.find("")).isEmpty();
    assertThat(ac.find("xyz")).isEmpty();
  }

  @Test
  void wideFanOutUsesSortedEdges() {
    List<String> ps = new java.util.ArrayList<>();
    for (char c = 'z'; c >= 'a'; c--) {
      ps.add("q" + c);
    }
    AhoCorasick ac = new AhoCorasick(ps);
    assertThat(ac.find("qaqzqm")).extracting(AhoCorasick.Hit::pattern)
        .containsExactly(ps.indexOf("qa"), ps.indexOf("qz"), ps.indexOf("qm"));
  }
}
