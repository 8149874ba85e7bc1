package io.ringbreaker.sim;

import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.Media;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The default scenario of a seed, generated once per test run and read by several tests. */
final class Generated {
  private static final Map<Long, Generated> CACHE = new ConcurrentHashMap<>();

  final Simulator sim;
  final Truth truth;
  final List<Event> events;

  private Generated(long seed) {
    sim = new Simulator(SimConfig.defaults(seed));
    truth = sim.truth();
    List<Event> all = new ArrayList<>();
    for (Iterator<Event> it = sim.events(); it.hasNext(); ) {
      all.add(it.next());
    }
    events = List.copyOf(all);
  }

  static Generated of(long seed) {
    return CACHE.computeIfAbsent(seed, Generated::new);
  }

  Stream<Event> by(Predicate<Truth.Account> who) {
    return events.stream().filter(e -> truth.account(e.actor()).filter(who).isPresent());
  }

  Stream<Event> byRole(Truth.Role role) {
    return by(a -> a.role() == role);
  }

  /** Every piece of text an event carries: post text and tags, comment, message, bio, links. */
  static List<String> texts(Event e) {
    List<String> out = new ArrayList<>();
    switch (e.body()) {
      case EventBody.Post p -> {
        p.text().ifPresent(out::add);
        p.hashtags().ifPresent(out::addAll);
      }
      case EventBody.Comment c -> out.add(c.text());
      case EventBody.Message m -> m.text().ifPresent(out::add);
      case EventBody.Account a -> {
        a.bio().ifPresent(out::add);
        a.displayName().ifPresent(out::add);
        out.add(a.handle());
        out.addAll(a.links());
      }
      case EventBody.Report r -> r.text().ifPresent(out::add);
      default -> { }
    }
    return out;
  }

  static List<String> hashtags(Event e) {
    return e.body() instanceof EventBody.Post p ? p.hashtags().orElse(List.of()) : List.of();
  }

  static List<Media> media(Event e) {
    return switch (e.body()) {
      case EventBody.Post p -> p.media();
      case EventBody.Message m -> m.media();
      default -> List.of();
    };
  }
}
