package dev.kiroku.progress.domain.export;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.kiroku.contracts.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The CSV export: a header row, then one row per entry (columns in {@link #COLUMNS}; field by field
 * in {@code docs/export-format.md}). Quoting by jackson-dataformat-csv (RFC 4180: a value with a
 * comma, quote or line break is quoted, quotes doubled). Absent values are empty cells.
 */
public final class CsvExportWriter extends ExportWriter {

  /** The header row. */
  public static final List<String> COLUMNS =
      List.of(
          "media_id",
          "media_type",
          "title",
          "external_ids",
          "status",
          "season",
          "episode",
          "chapter",
          "volume",
          "page",
          "percent",
          "hours_played",
          "repeat_count",
          "repeating",
          "last_repeated_at",
          "started_at",
          "completed_at",
          "added_at",
          "rating",
          "review_text",
          "review_spoiler",
          "review_visibility",
          "reviewed_at",
          "notes",
          "private",
          "history");

  /** Quotes only the values that need it (separator, quote, line break, edge spaces). */
  private static final CsvMapper CSV =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  private final SequenceWriter rows;

  CsvExportWriter() {
    try {
      rows = CSV.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void writeBegin(String ratingScale, Instant exportedAt) throws IOException {
    rows.write(COLUMNS.toArray(String[]::new));
  }

  @Override
  protected void writeEntry(ExportedEntry e) throws IOException {
    Progress p = e.progress();
    ExportedEntry.Review review = e.review();
    String[] row =
        new String[] {
          e.mediaId().toString(),
          e.mediaType(),
          e.title(),
          externalIds(e.externalIds()),
          e.status(),
          text(p.season()),
          text(p.episode()),
          text(p.chapter()),
          text(p.volume()),
          text(p.page()),
          text(p.percent()),
          text(p.hoursPlayed()),
          text(e.repeatCount()),
          text(e.repeating()),
          text(e.lastRepeatedAt()),
          text(e.startedAt()),
          text(e.completedAt()),
          text(e.addedAt()),
          text(e.rating()),
          review == null ? null : review.text(),
          review == null ? null : text(review.spoiler()),
          review == null ? null : review.visibility(),
          review == null ? null : text(review.reviewedAt()),
          e.notes(),
          text(e.privateEntry()),
          history(e.history())
        };
    // an absent value is an empty cell (the generator would drop a null and shift the row)
    for (int i = 0; i < row.length; i++) {
      if (row[i] == null) {
        row[i] = "";
      }
    }
    rows.write(row);
  }

  @Override
  protected void writeEnd() throws IOException {
    rows.close();
  }

  @Override
  protected void flush() throws IOException {
    rows.flush();
  }

  /** {@code anilist:1;mal:1} (sorted by key). */
  private static String externalIds(Map<String, String> ids) {
    StringJoiner j = new StringJoiner(";");
    ids.forEach((key, id) -> j.add(key + ":" + id));
    return j.toString();
  }

  /** {@code 0:1:1@2024-01-01T00:00:00Z|0:1:2@...}: repeat:season:number@watchedAt. */
  private static String history(List<ExportedEntry.Watched> history) {
    StringJoiner j = new StringJoiner("|");
    for (ExportedEntry.Watched w : history) {
      j.add(w.repeat() + ":" + w.season() + ":" + w.number() + "@" + w.watchedAt());
    }
    return j.toString();
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return decimal(d);
    }
    return value.toString();
  }
}
