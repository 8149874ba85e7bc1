package io.ringbreaker.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a JSON Lines stream one line at a time, in constant memory whatever the file's size.
 * Each line is decoded as strict UTF-8 on its own, so one line of invalid UTF-8, or one line over
 * the length limit, is reported with its number and the reading goes on with the next line.
 */
public final class JsonLines implements AutoCloseable {

  /** A line: its 1-based number and either its text or why it cannot be read. */
  public record Line(long number, Optional<String> text, Optional<String> problem) {}

  private final InputStream in;
  private final int maxLineBytes;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long lineNumber;
  private long bytesRead;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

  public JsonLines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  public long bytesRead() {
    return bytesRead;
  }

  /** The next line, or empty at the end. Blank lines are skipped. */
  public Optional<Line> next() throws IOException {
    while (true) {
      line.reset();
      boolean tooLong = false;
      boolean any = false;
      while (true) {
        if (pos == limit) {
          limit = in.read(buf, 0, buf.length);
          pos = 0;
          if (limit <= 0) {
            limit = 0;
            break;
          }
          bytesRead += limit;
        }
        any = true;
        int start = pos;
        while (pos < limit && buf[pos] != '\n') {
          pos++;
        }
        int n = pos - start;
        if (!tooLong) {
          if (line.size() + n > maxLineBytes) {
            tooLong = true;
          } else {
            line.write(buf, start, n);
          }
        }
        if (pos < limit) {
          pos++; // the newline
          break;
        }
      }
      if (!any) {
        return Optional.empty();
      }
      lineNumber++;
      if (tooLong) {
        return Optional.of(new Line(lineNumber, Optional.empty(),
            Optional.of("line longer than " + maxLineBytes + " bytes")));
      }
      int size = line.size();
      byte[] bytes = line.toByteArray();
      if (size > 0 && bytes[size - 1] == '\r') {
        size--;
      }
      if (isBlank(bytes, size)) {
        if (limit == 0 && pos == 0) {
          return Optional.empty();
        }
        continue;
      }
      try {
        String text = utf8.decode(ByteBuffer.wrap(bytes, 0, size)).toString();
        return Optional.of(new Line(lineNumber, Optional.of(text), Optional.empty()));
      } catch (CharacterCodingException e) {
        return Optional.of(new Line(lineNumber, Optional.empty(),
            Optional.of("invalid UTF-8 (" + e.getClass().getSimpleName() + ")")));
      }
    }
  }

  private static boolean isBlank(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
