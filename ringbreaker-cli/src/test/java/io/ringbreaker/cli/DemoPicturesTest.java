package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.media.MediaHashes;
import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.Media;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.sim.Truth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo's platform sends pictures whose own hashes are in the bank: exact files by MD5, copies by PDQ. */
class DemoPicturesTest {

  @Test
  void knownItemsArriveAsPicturesThatMatchTheBankByTheirOwnHashes() {
    Simulator sim = new Simulator(SimConfig.defaults(1));
    Set<String> knownMd5 = sim.truth().knownMedia().stream().map(Truth.KnownMedia::md5).collect(Collectors.toSet());
    DemoPictures pictures = new DemoPictures(sim.truth().knownMedia());
    Set<String> bankMd5 = pictures.bank().stream().filter(b -> b.type() == HashType.MD5).map(BankEntry::hash)
        .collect(Collectors.toSet());
    List<Pdq.Hash> bankPdq = pictures.bank().stream().filter(b -> b.type() == HashType.PDQ)
        .map(b -> Pdq.Hash.fromHex(b.hash(), 100)).toList();
    assertThat(bankMd5).as("one picture per known item, all different").hasSize(sim.truth().knownMedia().size());

    int exact = 0;
    int copies = 0;
    int before = 0;
    for (Iterator<Event> it = sim.events(); it.hasNext(); ) {
      Event original = it.next();
      List<Media> was = media(original);
      List<Media> now = media(pictures.withPictures(original));
      assertThat(now).hasSameSizeAs(was);
      for (int i = 0; i < was.size(); i++) {
        Media m = now.get(i);
        boolean known = was.get(i).md5().filter(knownMd5::contains).isPresent();
        if (m.dataBase64().isEmpty()) {
          assertThat(known).as("an exact known file always becomes a picture").isFalse();
          assertThat(m).isEqualTo(was.get(i));
          continue;
        }
        before++;
        assertThat(m.id()).isEqualTo(was.get(i).id());
        assertThat(m.pdq()).as("the platform sends bytes only; Ringbreaker hashes them").isEmpty();
        MediaHashes h = MediaHashes.of(m, Optional.of(Base64.getDecoder().decode(m.dataBase64().get())),
            Pdq.Limits.DEFAULTS);
        if (known) {
          exact++;
          assertThat(bankMd5).contains(h.md5().orElseThrow());
        } else {
          copies++;
          assertThat(bankMd5).as("a re-encoded copy is a new file").doesNotContain(h.md5().orElseThrow());
          int nearest = bankPdq.stream().mapToInt(b -> b.distance(h.pdq().getFirst())).min().orElseThrow();
          assertThat(nearest).as("a copy is near its original by PDQ").isLessThanOrEqualTo(31);
        }
      }
    }
    assertThat(exact).as("exact files sent").isGreaterThan(20);
    assertThat(copies).as("re-encoded copies sent").isGreaterThan(5);
    assertThat(before).isEqualTo(exact + copies);
  }

  private static List<Media> media(Event e) {
    return switch (e.body()) {
      case EventBody.Post p -> p.media();
      case EventBody.Message m -> m.media();
      default -> new ArrayList<>();
    };
  }
}
