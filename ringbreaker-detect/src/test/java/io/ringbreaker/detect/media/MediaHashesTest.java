package io.ringbreaker.detect.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.model.Media;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MediaHashesTest {
  static final byte[] BYTES = "synthetic bytes, not a picture".getBytes(StandardCharsets.US_ASCII);

  static Media media(String mime) {
    return new Media("m1", Optional.of(mime), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
        Optional.empty(), Optional.empty());
  }

  @Test
  void aVideoIsHashedByItsBytesAndNotDecoded() {
    MediaHashes h = MediaHashes.of(media(" Video/MP4"), Optional.of(BYTES), Pdq.Limits.DEFAULTS);
    assertThat(h.md5()).contains("335a58b5ad5f3e3edee644d7274c6eba"); // md5sum of the same bytes
    assertThat(h.sha256()).hasValueSatisfying(s -> assertThat(s).hasSize(64));
    assertThat(h.pdq()).isEmpty();
    assertThat(h.problem()).as("a video is not a broken picture").isEmpty();
  }

  @Test
  void bytesThatClaimToBeAPictureButAreNotSaySo() {
    MediaHashes h = MediaHashes.of(media("image/jpeg"), Optional.of(BYTES), Pdq.Limits.DEFAULTS);
    assertThat(h.md5()).isPresent();
    assertThat(h.pdq()).isEmpty();
    assertThat(h.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("media m1: "));
  }
}
