package dev.kiroku.progress.domain.imports.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Goodreads "Export Library" CSV. Columns are found by header name, never by position, so both the
 * older header (with {@code Average Rating}) and the 2026 header (without it) work; {@code Book
 * Id}, {@code Exclusive Shelf} and {@code Title} must be present, else {@link
 * Reason#UNSUPPORTED_FORMAT}. Parsed with jackson-dataformat-csv one record at a time; lines longer
 * than {@link ImportLimits#maxLineLength()} bytes are refused while reading.
 *
 * <p>Mapping (Goodreads column → {@link ImportedEntry}), media type always {@link MediaType#BOOK}:
 *
 * <ul>
 *   <li>{@code Book Id} → {@link ExternalSource#GOODREADS} (missing or not a number → {@code
 *       MISSING_ID}/{@code INVALID_ID} error)
 *   <li>{@code ISBN13} → {@link ExternalSource#ISBN}; {@code ISBN} (ISBN-10) → other id {@code
 *       "isbn10"}, and converted to ISBN-13 for {@link ExternalSource#ISBN} when {@code ISBN13} is
 *       empty. Goodreads writes them as Excel formulas ({@code ="0441172717"}, {@code =""}); the
 *       wrapper is removed. A value with a wrong length or check digit → {@code INVALID_ISBN}
 *       warning
 *   <li>{@code Exclusive Shelf}: {@code read} → COMPLETED, {@code currently-reading} → READING,
 *       {@code to-read} → PLANNING; any other (custom exclusive shelf such as {@code
 *       did-not-finish}) → status null with an {@code UNKNOWN_STATUS} error naming the shelf
 *   <li>{@code My Rating} 1-5 → rating × 20; 0 → unrated
 *   <li>{@code Date Read} ({@code yyyy/MM/dd}) → completedAt; {@code Date Added} → addedAt (00:00
 *       UTC); Goodreads exports no start date
 *   <li>{@code Read Count} → repeat count = read count − 1 (the first read is not a reread; 0 and 1
 *       both give 0); repeating when on {@code currently-reading} with a read count of 2 or more
 *   <li>{@code My Review} → review, {@code Spoiler} ({@code true}) → review spoiler flag, {@code
 *       Private Notes} → notes
 *   <li>{@code Bookshelves} (comma-separated) → tags, without the built-in shelves {@code read},
 *       {@code currently-reading}, {@code to-read}
 * </ul>
 */
final class GoodreadsCsvFormat extends AbstractImportFormat {

  private static final List<String> REQUIRED = List.of("Book Id", "Title", "Exclusive Shelf");
  private static final Set<String> BUILT_IN_SHELVES =
      Set.of("read", "currently-reading", "to-read");
  private static final Pattern DATE = Pattern.compile("(\\d{4})[/-](\\d{1,2})[/-](\\d{1,2})");

  @Override
  public ImportSource source() {
    return ImportSource.GOODREADS_CSV;
  }

  @Override
  void parseText(InputStream in, Context context) throws IOException {
    CsvFactory factory =
        CsvFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(context.limits.maxFieldLength())
                    .build())
            .build();
    CsvMapper mapper = CsvMapper.builder(factory).build();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    InputStream guarded = new LineLengthLimitingInputStream(in, context.limits.maxLineLength());
    try (CsvParser parser = (CsvParser) factory.createParser(lenientUtf8(guarded))) {
      parser.setSchema(schema);
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new ImportFileRejectedException(Reason.UNSUPPORTED_FORMAT, "the file is empty");
      }
      Set<String> header = new HashSet<>();
      parser.getSchema().forEach(column -> header.add(column.getName()));
      for (String required : REQUIRED) {
        if (!header.contains(required)) {
          throw new ImportFileRejectedException(
              Reason.UNSUPPORTED_FORMAT,
              "not a Goodreads library export: no \"" + required + "\" column");
        }
      }
      ObjectReader rows = mapper.readerForMapOf(String.class);
      while (token == JsonToken.START_OBJECT) {
        long record = context.nextRecord();
        // the START_OBJECT of a record is located at the end of the previous line: take the
        // location of the record's first field instead (readValue accepts starting there)
        parser.nextToken();
        long line = parser.currentTokenLocation().getLineNr();
        Map<String, String> row =
            parser.currentToken() == JsonToken.END_OBJECT ? Map.of() : rows.readValue(parser);
        context.emit(toEntry(row, record, line, context.limits.maxFieldLength()));
        token = parser.nextToken();
      }
    }
  }

  private static ImportedEntry toEntry(
      Map<String, String> f, long record, long line, int maxFieldLength) {
    ImportedEntry.Builder row =
        ImportedEntry.builder(ImportSource.GOODREADS_CSV, record, line).mediaType(MediaType.BOOK);
    String bookId = value(f, "Book Id");
    if (bookId == null) {
      row.problem(RowProblem.error("Book Id", "MISSING_ID", "no Goodreads book id"));
    } else if (!bookId.matches("[1-9][0-9]{0,18}")) {
      row.problem(
          RowProblem.error(
              "Book Id", "INVALID_ID", "not a Goodreads book id: " + RowProblem.quote(bookId)));
    } else {
      row.externalId(ExternalSource.GOODREADS, bookId);
    }
    row.title(value(f, "Title"));

    String isbn13 = isbn(f, "ISBN13", 13, row);
    String isbn10 = isbn(f, "ISBN", 10, row);
    row.otherId("isbn10", isbn10);
    row.externalId(ExternalSource.ISBN, isbn13 != null ? isbn13 : isbn10To13(isbn10));

    String shelf = value(f, "Exclusive Shelf");
    ImportStatus status =
        shelf == null
            ? null
            : switch (shelf.toLowerCase(Locale.ROOT)) {
              case "read" -> ImportStatus.COMPLETED;
              case "currently-reading" -> ImportStatus.READING;
              case "to-read" -> ImportStatus.PLANNING;
              default -> null;
            };
    if (status == null) {
      row.problem(
          RowProblem.error(
              "Exclusive Shelf",
              "UNKNOWN_STATUS",
              "shelf " + RowProblem.quote(shelf) + " is not read, currently-reading or to-read"));
    }
    row.status(status);

    Integer stars = count("My Rating", value(f, "My Rating"), row);
    if (stars != null && stars > 5) {
      row.problem(
          RowProblem.warning(
              "My Rating", "RATING_OUT_OF_RANGE", "rating " + stars + " is outside 0-5"));
    } else if (stars != null && stars > 0) {
      row.rating(stars * 20);
    }

    row.completedAt(date("Date Read", value(f, "Date Read"), row));
    PartialDate added = date("Date Added", value(f, "Date Added"), row);
    if (added != null && added.isComplete()) {
      row.addedAt(added.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    Integer readCount = count("Read Count", value(f, "Read Count"), row);
    row.repeatCount(readCount == null || readCount < 1 ? 0 : readCount - 1);
    row.repeating(status == ImportStatus.READING && readCount != null && readCount >= 2);

    row.review(f.get("My Review"));
    row.reviewSpoiler("true".equalsIgnoreCase(value(f, "Spoiler")));
    row.notes(f.get("Private Notes"));

    String shelves = f.get("Bookshelves");
    if (shelves != null) {
      for (String tag : shelves.split(",")) {
        if (!BUILT_IN_SHELVES.contains(tag.trim().toLowerCase(Locale.ROOT))) {
          row.tag(tag);
        }
      }
    }
    for (Map.Entry<String, String> field : f.entrySet()) {
      if (field.getValue() != null && field.getValue().length() > maxFieldLength) {
        throw new ImportFileRejectedException(
            Reason.FIELD_TOO_LONG,
            "\"" + field.getKey() + "\" of the record at line " + line + " is too long");
      }
    }
    return row.build();
  }

  /** The trimmed value, without Goodreads' {@code ="..."} wrapper; null when empty. */
  static String value(Map<String, String> f, String column) {
    String v = f.get(column);
    if (v == null) {
      return null;
    }
    v = v.trim();
    if (v.startsWith("=\"") && v.endsWith("\"") && v.length() >= 3) {
      v = v.substring(2, v.length() - 1).trim();
    }
    return v.isEmpty() ? null : v;
  }

  private static String isbn(
      Map<String, String> f, String column, int length, ImportedEntry.Builder row) {
    String v = value(f, column);
    if (v == null) {
      return null;
    }
    String normalized = v.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    boolean valid =
        length == 13
            ? normalized.matches("\\d{13}") && isbn13CheckDigit(normalized) == normalized.charAt(12)
            : normalized.matches("\\d{9}[\\dX]")
                && isbn10CheckDigit(normalized) == normalized.charAt(9);
    if (!valid) {
      row.problem(
          RowProblem.warning(
              column, "INVALID_ISBN", "not a valid ISBN-" + length + ": " + RowProblem.quote(v)));
      return null;
    }
    return normalized;
  }

  /** The ISBN-13 ({@code 978} prefix, new check digit) of a valid ISBN-10, or null. */
  static String isbn10To13(String isbn10) {
    if (isbn10 == null) {
      return null;
    }
    String twelve = "978" + isbn10.substring(0, 9);
    return twelve + isbn13CheckDigit(twelve);
  }

  private static char isbn13CheckDigit(String digits) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  private static char isbn10CheckDigit(String digits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (digits.charAt(i) - '0') * (10 - i);
    }
    int check = (11 - sum % 11) % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  private static PartialDate date(String field, String value, ImportedEntry.Builder row) {
    if (value == null) {
      return null;
    }
    Matcher m = DATE.matcher(value);
    try {
      if (!m.matches()) {
        throw new DateTimeException("not yyyy/MM/dd");
      }
      return PartialDate.of(
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
    } catch (DateTimeException e) {
      row.problem(
          RowProblem.warning(field, "INVALID_DATE", "not a date: " + RowProblem.quote(value)));
      return null;
    }
  }

  @Override
  ImportFileRejectedException translate(Exception e) {
    if (e instanceof StreamConstraintsException c) {
      return new ImportFileRejectedException(Reason.FIELD_TOO_LONG, c.getOriginalMessage(), e);
    }
    if (e instanceof JsonProcessingException j) {
      String where =
          j.getLocation() == null || j.getLocation().getLineNr() < 1
              ? ""
              : " at line " + j.getLocation().getLineNr();
      return new ImportFileRejectedException(
          Reason.MALFORMED_FILE, "not well-formed CSV" + where + ": " + j.getOriginalMessage(), e);
    }
    return null;
  }
}
