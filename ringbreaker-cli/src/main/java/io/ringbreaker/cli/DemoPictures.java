package io.ringbreaker.cli;

import io.ringbreaker.detect.media.MediaHashes;
import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.Media;
import io.ringbreaker.sim.Truth;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The demo's platform sends pictures, not only hashes, so the console has something to blur. Each
 * of the simulation's known items becomes a generated picture of coloured shapes (benign, made
 * here from its label); its bank rows are that picture's hashes. A post of the exact file carries
 * the picture; a re-encoded copy carries it re-encoded at a lower quality and a little darker, so
 * Ringbreaker hashes real bytes and matches them by PDQ distance, as with a real platform.
 */
final class DemoPictures {
  static final int WIDTH = 192;
  static final int HEIGHT = 144;
  static final String BANK = "simulated-known-media";

  private record Picture(String exact, String reencoded) {}

  /** By the simulator's MD5 of the exact file, and by its PDQ for the re-encoded copies. */
  private final Map<String, Picture> byMd5 = new HashMap<>();
  private final List<Map.Entry<Pdq.Hash, Picture>> byPdq = new ArrayList<>();
  private final List<BankEntry> bank = new ArrayList<>();

  DemoPictures(List<Truth.KnownMedia> known) {
    for (Truth.KnownMedia k : known) {
      byte[] exact = draw(k.label(), 0.92f, 1.0f);
      byte[] reencoded = draw(k.label(), 0.55f, 0.9f);
      Picture p = new Picture(Base64.getEncoder().encodeToString(exact), Base64.getEncoder().encodeToString(reencoded));
      byMd5.put(k.md5(), p);
      byPdq.add(Map.entry(Pdq.Hash.fromHex(k.pdq(), 100), p));
      MediaHashes h = MediaHashes.of(new Media(k.label(), Optional.of("image/jpeg"), Optional.empty(), Optional.empty(),
          Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty()), Optional.of(exact), Pdq.Limits.DEFAULTS);
      bank.add(BankEntry.of(BANK, HashType.MD5, h.md5().orElseThrow(), k.label()));
      bank.add(BankEntry.of(BANK, HashType.PDQ, h.pdq().getFirst().hex(), k.label()));
    }
  }

  /** The hashes of the pictures, for the demo's bank. */
  List<BankEntry> bank() {
    return List.copyOf(bank);
  }

  /** The event with each known item's hashes replaced by its picture; any other event as it was. */
  Event withPictures(Event e) {
    return switch (e.body()) {
      case EventBody.Post p when !p.media().isEmpty() ->
          new Event(e.eventId(), e.occurredAt(), e.actor(), new EventBody.Post(p.id(), p.text(), p.hashtags(), swap(p.media())));
      case EventBody.Message m when !m.media().isEmpty() ->
          new Event(e.eventId(), e.occurredAt(), e.actor(),
              new EventBody.Message(m.id(), m.conversationId(), m.to(), m.text(), swap(m.media())));
      default -> e;
    };
  }

  private List<Media> swap(List<Media> media) {
    List<Media> out = new ArrayList<>(media.size());
    for (Media m : media) {
      Optional<String> data = m.md5().map(byMd5::get).map(Picture::exact).or(() -> nearest(m).map(Picture::reencoded));
      out.add(data.map(d -> new Media(m.id(), Optional.of("image/jpeg"), Optional.empty(), Optional.of(d),
          Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty())).orElse(m));
    }
    return out;
  }

  /** The known item a re-encoded copy came from: the simulator flips at most 10 bits of its PDQ. */
  private Optional<Picture> nearest(Media m) {
    if (m.pdq().isEmpty()) {
      return Optional.empty();
    }
    Pdq.Hash h = Pdq.Hash.fromHex(m.pdq().get(), 100);
    return byPdq.stream().filter(e -> e.getKey().distance(h) <= 10).map(Map.Entry::getValue).findFirst();
  }

  /** Coloured circles and bars on a coloured ground, chosen from {@code label}; JPEG at {@code quality}. */
  static byte[] draw(String label, float quality, float brightness) {
    SplittableRandom r = new SplittableRandom(label.hashCode() * 0x9E3779B97F4A7C15L);
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(colour(r, brightness));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    for (int i = 0; i < 6; i++) {
      g.setColor(colour(r, brightness));
      int x = r.nextInt(WIDTH);
      int y = r.nextInt(HEIGHT);
      int w = 20 + r.nextInt(WIDTH / 2);
      int h = 20 + r.nextInt(HEIGHT / 2);
      if (r.nextBoolean()) {
        g.fillOval(x - w / 2, y - h / 2, w, h);
      } else {
        g.fillRect(x - w / 2, y - h / 6, w, h / 3);
      }
    }
    g.dispose();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(img, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("drawing a demo picture", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static Color colour(SplittableRandom r, float brightness) {
    return Color.getHSBColor(r.nextFloat(), 0.35f + 0.5f * r.nextFloat(), (0.45f + 0.5f * r.nextFloat()) * brightness);
  }
}
