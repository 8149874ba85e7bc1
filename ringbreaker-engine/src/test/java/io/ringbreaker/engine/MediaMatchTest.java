package io.ringbreaker.engine;

import static io.ringbreaker.engine.EngineTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.media.Banks;
import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import io.ringbreaker.policy.RulePolicy;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Media bytes in events, hashed with PDQ and matched against banks by distance. Images are generated shapes. */
class MediaMatchTest {

  /** A synthetic picture: coloured rectangles and ovals from a seed. */
  static BufferedImage picture(long seed) {
    Random rnd = new Random(seed);
    BufferedImage img = new BufferedImage(320, 320, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 320, 320);
    for (int i = 0; i < 24; i++) {
      g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
      int x = rnd.nextInt(280);
      int y = rnd.nextInt(280);
      if (rnd.nextBoolean()) {
        g.fillRect(x, y, 20 + rnd.nextInt(120), 20 + rnd.nextInt(120));
      } else {
        g.fillOval(x, y, 20 + rnd.nextInt(120), 20 + rnd.nextInt(120));
      }
    }
    g.dispose();
    return img;
  }

  static BufferedImage rotate90(BufferedImage in) {
    BufferedImage out = new BufferedImage(in.getHeight(), in.getWidth(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < in.getHeight(); y++) {
      for (int x = 0; x < in.getWidth(); x++) {
        out.setRGB(in.getHeight() - 1 - y, x, in.getRGB(x, y));
      }
    }
    return out;
  }

  static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, format, out)).isTrue();
    return out.toByteArray();
  }

  static String pdq(BufferedImage img) {
    return Pdq.hash(img).hex();
  }

  static String postWithMedia(String eventId, String postId, String actor, byte[] bytes) {
    return "{\"event_id\":\"" + eventId + "\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:05:00Z\",\"actor\":\""
        + actor + "\",\"post\":{\"id\":\"" + postId + "\",\"media\":[{\"id\":\"m-" + postId
        + "\",\"data_base64\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}]}}";
  }

  static List<Signal> mediaSignals(Engine e, String postId) {
    return e.verdict(Subject.post(postId)).map(v -> v.signals().stream()
        .filter(s -> s.kind().equals("media.hash_match")).toList()).orElse(List.of());
  }

  @Test
  void aReEncodedCopyMatchesByDistanceAndTheSignalNamesBankEntryDistanceAndVariant() throws IOException {
    BufferedImage known = picture(1);
    String knownPdq = pdq(known);
    Engine e = new Engine(List.of(), List.of(BankEntry.of("known", HashType.PDQ, knownPdq, "synthetic-1")),
        RulePolicy.defaults());
    e.apply(event(postWithMedia("e1", "p1", "u1", encode(known, "jpg"))));
    Signal s = mediaSignals(e, "p1").getFirst();
    assertThat(s.value()).isEqualTo("pdq:" + knownPdq);
    int distance = Integer.parseInt(s.detail().get("distance"));
    assertThat(distance).isBetween(0, 31);
    assertThat(s.detail()).containsEntry("bank", "known").containsEntry("label", "synthetic-1")
        .containsEntry("variant", "original").containsEntry("media_id", "m-p1");
    assertThat(e.verdict(Subject.account("u1")).orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void aRotatedCopyMatchesThroughItsDihedralVariant() throws IOException {
    BufferedImage known = picture(2);
    Engine e = new Engine(List.of(), List.of(BankEntry.of("known", HashType.PDQ, pdq(known), "synthetic-2")),
        RulePolicy.defaults());
    e.apply(event(postWithMedia("e1", "p1", "u1", encode(rotate90(known), "png"))));
    Signal s = mediaSignals(e, "p1").getFirst();
    assertThat(s.detail().get("variant")).isIn("rotate90", "rotate270");
    assertThat(Integer.parseInt(s.detail().get("distance"))).isLessThanOrEqualTo(31);
  }

  @Test
  void anUnrelatedPictureDoesNotMatch() throws IOException {
    Engine e = new Engine(List.of(), List.of(BankEntry.of("known", HashType.PDQ, pdq(picture(3)), "synthetic-3")),
        RulePolicy.defaults());
    e.apply(event(postWithMedia("e1", "p1", "u1", encode(picture(4), "png"))));
    assertThat(mediaSignals(e, "p1")).isEmpty();
    assertThat(e.mediaErrors()).isZero();
  }

  @Test
  void mediaInAnAllowBankIsNeverFlaggedEvenWhenAMatchBankHoldsItToo() throws IOException {
    BufferedImage meme = picture(5);
    BufferedImage known = picture(6);
    Banks banks = Banks.of(List.of(Bank.named("memes").withKind(Bank.Kind.ALLOW)), List.of(
        BankEntry.of("memes", HashType.PDQ, pdq(meme), "known meme"),
        BankEntry.of("known", HashType.PDQ, pdq(meme), "mistaken entry"),
        BankEntry.of("known", HashType.PDQ, pdq(known), "synthetic-6")));
    Engine e = new Engine(List.of(), banks, RulePolicy.defaults());
    e.apply(event(postWithMedia("e1", "p1", "u1", encode(meme, "png"))));
    e.apply(event(postWithMedia("e2", "p2", "u2", encode(known, "png"))));
    assertThat(mediaSignals(e, "p1")).isEmpty();
    assertThat(e.verdict(Subject.account("u1"))).isEmpty();
    assertThat(mediaSignals(e, "p2")).extracting(s -> s.detail().get("bank")).containsExactly("known");
  }

  @Test
  void aThresholdAQualityFloorADisabledEntryAndADisabledBankAreAllInEffectOnTheNextEvent() throws Exception {
    BufferedImage known = picture(7);
    byte[] jpeg = encode(known, "jpg");
    int d = Pdq.hash(jpeg).distance(Pdq.hash(known));
    String hash = pdq(known);
    Banks banks = Banks.of(List.of(), List.of(BankEntry.of("known", HashType.PDQ, hash, "synthetic-7")));
    Engine e = new Engine(List.of(), banks, RulePolicy.defaults());
    List<Boolean> matched = new ArrayList<>();
    int[] n = {0};
    Runnable post = () -> {
      n[0]++;
      e.apply(event(postWithMedia("e" + n[0], "p" + n[0], "u" + n[0], jpeg)));
      matched.add(!mediaSignals(e, "p" + n[0]).isEmpty());
    };
    post.run();
    banks.setEnabled("known", HashType.PDQ, hash, false);
    post.run();
    banks.setEnabled("known", HashType.PDQ, hash, true);
    banks.putBank(Bank.named("known").withEnabled(false));
    post.run();
    banks.putBank(Bank.named("known"));
    post.run();
    if (d > 0) {
      banks.putBank(Bank.named("known").withPdqThreshold(d - 1));
      post.run();
      assertThat(matched).containsExactly(true, false, false, true, false);
    } else {
      assertThat(matched).containsExactly(true, false, false, true);
    }
  }

  @Test
  void aHashBelowTheBanksQualityFloorDoesNotMatch() throws Exception {
    // Nearly flat: little gradient, so a low PDQ quality.
    BufferedImage faint = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = faint.createGraphics();
    g.setColor(new Color(128, 128, 128));
    g.fillRect(0, 0, 200, 200);
    g.setColor(new Color(129, 129, 129));
    g.fillRect(40, 40, 60, 60);
    g.dispose();
    byte[] png = encode(faint, "png");
    Pdq.Hash h = Pdq.hash(png);
    assertThat(h.quality()).isLessThan(Bank.DEFAULT_QUALITY_FLOOR);
    Banks banks = Banks.of(List.of(), List.of(BankEntry.of("known", HashType.PDQ, h.hex(), "faint")));
    Engine e = new Engine(List.of(), banks, RulePolicy.defaults());
    e.apply(event(postWithMedia("e1", "p1", "u1", png)));
    assertThat(mediaSignals(e, "p1")).isEmpty();
    banks.putBank(Bank.named("known").withQualityFloor(h.quality()));
    e.apply(event(postWithMedia("e2", "p2", "u2", png)));
    assertThat(mediaSignals(e, "p2")).singleElement().satisfies(s -> assertThat(s.detail()).containsEntry("distance", "0"));
  }

  @Test
  void aBatchHashedOnThePoolDecidesExactlyAsEventsAppliedOneByOne() throws IOException {
    List<io.ringbreaker.model.Event> events = new ArrayList<>();
    List<BankEntry> bank = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      BufferedImage img = picture(100 + i);
      if (i % 3 == 0) {
        bank.add(BankEntry.of("known", HashType.PDQ, pdq(img), "synthetic-" + i));
      }
      byte[] bytes = i == 7 ? "not an image".getBytes() : encode(img, i % 2 == 0 ? "png" : "jpg");
      events.add(event(postWithMedia("e" + i, "p" + i, "u" + i, bytes)));
    }
    List<Engine.MediaProblem> oneByOneProblems = new ArrayList<>();
    Engine oneByOne = new Engine(List.of(), bank, RulePolicy.defaults()).onMediaProblem(oneByOneProblems::add);
    events.forEach(oneByOne::apply);
    List<Engine.MediaProblem> batchProblems = new ArrayList<>();
    Engine batched = new Engine(List.of(), bank, RulePolicy.defaults()).onMediaProblem(batchProblems::add);
    batched.applyAll(events);

    assertThat(batched.verdicts()).isEqualTo(oneByOne.verdicts()).isNotEmpty();
    assertThat(mediaSignals(batched, "p3")).hasSize(1);
    assertThat(mediaSignals(batched, "p4")).isEmpty();
    assertThat(batchProblems).isEqualTo(oneByOneProblems)
        .extracting(Engine.MediaProblem::eventId).containsExactly("e7");
    assertThat(batched.eventsApplied()).isEqualTo(12);
    if (MediaPool.THREADS > 1) {
      assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).as("the media pool ran")
          .anyMatch(n -> n.startsWith("ringbreaker-media-"));
    }
  }

  @Test
  void brokenAndNonImageMediaIsAnErrorForThatItemAndTheEventIsStillProcessed() throws IOException {
    byte[] png = encode(picture(8), "png");
    byte[] truncated = java.util.Arrays.copyOf(png, png.length / 3);
    List<Engine.MediaProblem> problems = new ArrayList<>();
    Engine e = new Engine(List.of(), List.of(BankEntry.of("known", HashType.PDQ, pdq(picture(8)), "x")),
        RulePolicy.defaults()).onMediaProblem(problems::add);
    e.apply(event(postWithMedia("e1", "p1", "u1", truncated)));
    e.apply(event(postWithMedia("e2", "p2", "u2", "not an image".getBytes())));
    e.apply(event(postWithMedia("e3", "p3", "u3", png)));
    assertThat(problems).extracting(Engine.MediaProblem::eventId).containsExactly("e1", "e2");
    assertThat(problems.getFirst().problem()).startsWith("media m-p1: ");
    assertThat(problems.get(1).problem()).contains("not an image");
    assertThat(e.mediaErrors()).isEqualTo(2);
    assertThat(mediaSignals(e, "p3")).hasSize(1);
    assertThat(e.eventsApplied()).isEqualTo(3);
    assertThat(Optional.of(e.bankSize())).contains(1);
  }
}
