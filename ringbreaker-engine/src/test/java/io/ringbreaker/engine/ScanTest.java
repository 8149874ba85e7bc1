package io.ringbreaker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.model.contract.ContractJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanTest {

  @TempDir Path dir;

  static String post(int i, String actor, String text) {
    return "{\"event_id\":\"e" + i + "\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:00:00Z\",\"actor\":\"" + actor
        + "\",\"post\":{\"id\":\"p" + i + "\",\"text\":\"" + text + "\"}}";
  }

  static List<JsonNode> lines(Path p) throws Exception {
    return Files.readAllLines(p).stream().map(l -> {
      try {
        return ContractJson.mapper().readTree(l);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }).toList();
  }

  @Test
  void brokenLinesInTheMiddleAreRejectedWithLineNumbersAndTheRestIsProcessed() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes((post(1, "u1", "#dropboxlinks") + "\n").getBytes(StandardCharsets.UTF_8));
    file.writeBytes("{\"event_id\":\"e2\",\"type\":\"post\"\n".getBytes(StandardCharsets.UTF_8));       // truncated JSON
    file.writeBytes(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});                             // invalid UTF-8
    file.writeBytes("\n".getBytes(StandardCharsets.UTF_8));                                              // blank: skipped
    file.writeBytes((post(5, "u2", "#DropboxLinks again").replace("2019-01-02T09:00:00Z", "yesterday") + "\n")
        .getBytes(StandardCharsets.UTF_8));                                                               // bad timestamp
    file.writeBytes((post(6, "u2", "#dropboxlinks") + "\r\n").getBytes(StandardCharsets.UTF_8));
    file.writeBytes((post(6, "u2", "#dropboxlinks") + "\n").getBytes(StandardCharsets.UTF_8));          // duplicate id
    file.writeBytes(post(7, "u3", "no newline at the end #sunrise").getBytes(StandardCharsets.UTF_8));

    Scan.Summary s = Scan.run(new ByteArrayInputStream(file.toByteArray()), dir,
        new Scan.Options(List.of(), List.of(), Optional.empty()), Scan.Progress.NONE);

    assertThat(s.accepted()).isEqualTo(3);
    assertThat(s.duplicates()).isEqualTo(1);
    assertThat(s.rejected()).isEqualTo(3);
    List<JsonNode> rejected = lines(dir.resolve("rejected.jsonl"));
    assertThat(rejected).extracting(n -> n.get("line").asLong()).containsExactly(2L, 3L, 5L);
    assertThat(rejected.get(0).get("reasons").get(0).asText()).startsWith("malformed JSON");
    assertThat(rejected.get(1).get("reasons").get(0).asText()).contains("invalid UTF-8");
    assertThat(rejected.get(2).get("event_id").asText()).isEqualTo("e5");
    assertThat(rejected.get(2).get("reasons").get(0).asText()).startsWith("occurred_at:");

    List<JsonNode> verdicts = lines(dir.resolve("verdicts.jsonl"));
    assertThat(verdicts).extracting(v -> v.get("subject").get("type").asText() + ":" + v.get("subject").get("id").asText())
        .contains("account:u1", "post:p1", "account:u2", "post:p6")
        .doesNotContain("account:u3");
    List<JsonNode> tags = lines(dir.resolve("hashtags.jsonl"));
    assertThat(tags).singleElement().satisfies(t -> {
      assertThat(t.get("tag").asText()).isEqualTo("dropboxlinks");
      assertThat(t.get("matched").asText()).isEqualTo("dropboxlinks");
      assertThat(t.get("posts").asLong()).isEqualTo(2);
    });
    JsonNode summary = ContractJson.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.at("/events/read").asLong()).isEqualTo(7);
    assertThat(summary.at("/events/rejected").asLong()).isEqualTo(3);
  }

  @Test
  void anOverlongLineIsRejectedAndReadingGoesOn() throws Exception {
    byte[] big = new byte[Scan.MAX_LINE_BYTES + 10];
    java.util.Arrays.fill(big, (byte) 'x');
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(big);
    file.writeBytes(("\n" + post(1, "u1", "#dropboxlinks") + "\n").getBytes(StandardCharsets.UTF_8));
    Scan.Summary s = Scan.run(new ByteArrayInputStream(file.toByteArray()), dir,
        new Scan.Options(List.of(), List.of(), Optional.empty()), Scan.Progress.NONE);
    assertThat(s.rejected()).isEqualTo(1);
    assertThat(s.accepted()).isEqualTo(1);
    assertThat(lines(dir.resolve("rejected.jsonl")).getFirst().get("reasons").get(0).asText()).contains("longer than");
  }
}
