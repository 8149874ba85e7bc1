package io.ringbreaker.server.visual;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.detect.lists.BankFiles;
import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.detect.ring.Ring;
import io.ringbreaker.detect.ring.TieKind;
import io.ringbreaker.engine.Engine;
import io.ringbreaker.engine.IntelJson;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.sim.Truth;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pictures of a simulated platform's biggest ring and its listed tag, end to end from the
 * engine's state; written to {@code target/visuals/} so a person can look at them.
 */
class SimulatedPicturesTest {

  @Test
  void theBiggestRingAndTheListedTagAreDrawn() throws Exception {
    Simulator sim = new Simulator(SimConfig.defaults(1));
    List<LexiconTerm> lexicon = new ArrayList<>(ListFiles.defaultLexicon());
    lexicon.addAll(ListFiles.readLexicon(new StringReader(Simulator.lexiconCsv()), "lexicon.csv"));
    List<BankEntry> bank = new ArrayList<>();
    BankFiles.read(new StringReader(sim.bankCsv()), "bank.csv", BankFiles.Format.CSV, BankFiles.Options.of("known"), bank::add);
    Engine engine = new Engine(lexicon, bank, RulePolicy.defaults());
    List<Event> batch = new ArrayList<>();
    for (Iterator<Event> it = sim.events(); it.hasNext(); ) {
      batch.add(it.next());
      if (batch.size() == 500) {
        engine.applyAll(batch);
        batch.clear();
      }
    }
    engine.applyAll(batch);
    engine.recluster();
    Truth truth = sim.truth();
    Map<String, String> handles = truth.accounts().stream().collect(Collectors.toMap(Truth.Account::id, Truth.Account::handle));

    Ring ring = engine.rings().stream().max(Comparator.comparingInt((Ring r) -> r.members().size())).orElseThrow();
    RingView view = RingView.fromJson(IntelJson.ring(ring), a -> engine.verdict(Subject.account(a)).map(v -> {
      RingView.Facts f = RingView.Facts.ofVerdict(ContractJson.verdict(v));
      return new RingView.Facts(Optional.ofNullable(handles.get(a)), f.severity(), f.suspended());
    }).orElse(null), (a, b) -> {
      Map<TieKind, Double> w = new EnumMap<>(TieKind.class);
      for (TieKind k : TieKind.values()) {
        w.put(k, engine.graph().weight(a, b, k, ring.foundAt()));
      }
      return w;
    });
    String ringSvg = RingGraph.svg(view, a -> "/console/accounts/" + a);
    SvgDoc d = SvgDoc.parse(ringSvg);
    assertThat(d.all("a")).hasSize(ring.members().size());
    assertThat(view.ties()).isNotEmpty();

    List<Engine.Aftermath> after = engine.aftermath();
    String tag = truth.listedTag();
    ObjectNode series = ContractJson.mapper().createObjectNode().put("tag", tag);
    engine.series(tag).forEach(day -> series.withArray("days").add(IntelJson.day(tag, day).without("tag")));
    List<ChartSpec.Marker> markers = List.of(new ChartSpec.Marker(
        truth.restriction().at().atZone(java.time.ZoneOffset.UTC).toLocalDate(), "restricted"));
    String chartSvg = Chart.line(ChartSpec.tagSeries(series, markers));
    SvgDoc c = SvgDoc.parse(chartSvg);
    assertThat(c.byId("marker-0")).isNotNull();
    assertThat(after).isNotEmpty();

    Path out = Path.of("target", "visuals");
    Files.createDirectories(out);
    Files.writeString(out.resolve("ring.svg"), ringSvg);
    Files.writeString(out.resolve("chart.svg"), chartSvg);
    Files.writeString(out.resolve("bars.svg"), Chart.bars(BarSpec.bySeverity("Review queue", "Open verdicts by severity",
        Map.of("critical", 3L, "high", 41L, "medium", 17L, "low", 5L))));
  }
}
