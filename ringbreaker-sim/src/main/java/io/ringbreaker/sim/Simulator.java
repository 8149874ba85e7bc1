package io.ringbreaker.sim;

import io.ringbreaker.model.Event;
import io.ringbreaker.model.contract.ContractJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * A deterministic synthetic platform replaying the 2019 pattern: ordinary users, trading rings
 * advertising under a listed tag and its disguises, the platform restricting the tag, the rings
 * moving to a new tag and to bios, suspended members coming back under new accounts, ordinary
 * users flooding the tag with memes, and innocent accounts that look like rings (card traders,
 * teams sharing documents). All text is bland placeholder text; media are random hashes.
 *
 * <p>The same config always gives the same events, byte for byte. Events are generated a day at a
 * time, so a stream of any length needs memory for one day only.
 */
public final class Simulator {
  private static final int PROGRESS_EVERY = 1 << 16;

  private final SimConfig cfg;
  private final World world;
  private final Truth truth;

  public Simulator(SimConfig cfg) {
    this.cfg = Objects.requireNonNull(cfg, "cfg");
    this.world = new World(cfg);
    this.truth = world.truth();
  }

  public SimConfig config() {
    return cfg;
  }

  /** Events in {@code occurred_at} order, generated lazily; each call starts from the beginning. */
  public Iterator<Event> events() {
    return new EventStream(world);
  }

  /** Who is who and what happened when. */
  public Truth truth() {
    return truth;
  }

  /**
   * Writes {@code dir/events.jsonl} (one event per line), {@code dir/truth.json},
   * {@code dir/lexicon.csv} and {@code dir/bank.csv} (the known media's hashes), creating
   * {@code dir} if needed. {@code progress} gets the number of events written so far, now and then
   * and at the end.
   */
  public Written write(Path dir, LongConsumer progress) throws IOException {
    Files.createDirectories(dir);
    long n = 0;
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
        Files.newOutputStream(dir.resolve("events.jsonl")), StandardCharsets.UTF_8), 1 << 16)) {
      Iterator<Event> it = events();
      while (it.hasNext()) {
        out.write(ContractJson.eventLine(it.next()));
        out.write('\n');
        if (++n % PROGRESS_EVERY == 0) {
          progress.accept(n);
        }
      }
    }
    progress.accept(n);
    truth.write(dir.resolve("truth.json"));
    Files.writeString(dir.resolve("lexicon.csv"), lexiconCsv(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("bank.csv"), bankCsv(), StandardCharsets.UTF_8);
    return new Written(n, dir);
  }

  /** The lexicon the platform starts with: the listed tag on watch, a harmless brand allowed. */
  public static String lexiconCsv() {
    return "term,category,state\n"
        + Texts.LISTED_TAG + ",trade_advert,watch\n"
        + Texts.ALLOWED_TAG + ",brand,allowed\n";
  }

  /** The hash bank of the rings' known media: md5, sha256 and pdq rows per item. */
  public String bankCsv() {
    StringBuilder sb = new StringBuilder("signal_type,signal,label\n");
    for (Truth.KnownMedia k : truth.knownMedia()) {
      sb.append("md5,").append(k.md5()).append(',').append(k.label()).append('\n');
      sb.append("sha256,").append(k.sha256()).append(',').append(k.label()).append('\n');
      sb.append("pdq,").append(k.pdq()).append(',').append(k.label()).append('\n');
    }
    return sb.toString();
  }

  /** Numbers events {@code e1, e2, …} in time order as the days are generated. */
  private static final class EventStream implements Iterator<Event> {
    private final World world;
    private final DayGenerator days;
    private int nextDay;
    private List<DayGenerator.Pending> current = List.of();
    private int pos;
    private long counter;

    EventStream(World world) {
      this.world = world;
      this.days = new DayGenerator(world);
    }

    @Override
    public boolean hasNext() {
      while (pos >= current.size()) {
        if (nextDay >= world.days) {
          return false;
        }
        current = days.day(nextDay++);
        pos = 0;
      }
      return true;
    }

    @Override
    public Event next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the simulation has no more events");
      }
      DayGenerator.Pending p = current.get(pos);
      current.set(pos++, null); // let the day's events go as they are consumed
      return new Event("e" + ++counter, Instant.ofEpochSecond(p.at()), p.actor(), p.body());
    }
  }
}
