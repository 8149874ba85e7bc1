package io.ringbreaker.detect.lists;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator's CSV files (lexicons, banks, phrase rules) read one way: a header row naming the
 * columns, blank lines skipped, values trimmed, and every problem naming the file and line.
 */
public final class CsvRows {

  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

  /** One data row: where it is, and its values by column ("" for an absent one). */
  public record Row(String file, long line, Map<String, String> values) {
    public String get(String column) {
      String v = values.get(column);
      return v == null ? "" : v;
    }

    public ListFormatException problem(String column, String what) {
      return new ListFormatException(file + " line " + line + ", column " + column + ": " + what);
    }
  }

  private CsvRows() {}

  /** Reads every row; {@code header} lists the columns that must be there (others may be too). */
  public static List<Row> read(Reader in, String name, List<String> header) {
    List<Row> out = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
      boolean first = true;
      while (it.hasNextValue()) {
        long line = it.getCurrentLocation().getLineNr();
        Map<String, String> values = it.nextValue();
        if (first) {
          List<String> missing = header.stream().filter(h -> !values.containsKey(h)).toList();
          if (!missing.isEmpty()) {
            throw new ListFormatException(name + ": header must be " + String.join(",", header)
                + " (missing " + String.join(", ", missing) + ")");
          }
          first = false;
        }
        out.add(new Row(name, line, values));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ListFormatException lfe) {
        throw lfe;
      }
      throw new ListFormatException(name + ": not a valid CSV file ("
          + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
    }
    return out;
  }
}
