package dev.kiroku.progress.domain.imports.format;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * MyAnimeList XML export ({@code animelist_*.xml.gz} / {@code mangalist_*.xml.gz}), anime and
 * manga, old ({@code Programmed by Xinil}) and new ({@code Version 1.1.0}) headers: both are {@code
 * <myanimelist>} with one {@code <anime>} or {@code <manga>} element per entry.
 *
 * <p>Read with the JDK's StAX parser, DTD support and external entities off; a document type
 * declaration is refused outright ({@link Reason#DTD_NOT_ALLOWED}), so entity-expansion bombs never
 * expand. Text is decoded as UTF-8 with invalid bytes replaced by U+FFFD (real MAL exports contain
 * them in {@code my_comments}).
 *
 * <p>Mapping (MAL element → {@link ImportedEntry}):
 *
 * <ul>
 *   <li>{@code series_animedb_id} / {@code manga_mangadb_id} → {@link ExternalSource#MAL}; media
 *       type {@link MediaType#ANIME} for {@code <anime>}, {@link MediaType#MANGA} for {@code
 *       <manga>}
 *   <li>{@code series_title} / {@code manga_title} → title
 *   <li>{@code my_status}: {@code Watching}/{@code Reading} (or {@code 1}) → WATCHING (anime) /
 *       READING (manga), {@code Completed} ({@code 2}) → COMPLETED, {@code On-Hold} ({@code 3}) →
 *       PAUSED, {@code Dropped} ({@code 4}) → DROPPED, {@code Plan to Watch}/{@code Plan to Read}
 *       ({@code 6}) → PLANNING; anything else → {@code UNKNOWN_STATUS} error
 *   <li>{@code my_watched_episodes} → progress episode; {@code my_read_chapters} → chapter; {@code
 *       my_read_volumes} → volume
 *   <li>{@code my_score} 1-10 → rating × 10; 0 → unrated
 *   <li>{@code my_start_date}, {@code my_finish_date} ({@code YYYY-MM-DD}, zeros for unknown parts:
 *       {@code 0000-00-00} → null, {@code 2012-07-00} → {@code 2012-07})
 *   <li>{@code my_times_watched} / {@code my_times_read} → repeat count (MAL counts rewatches, not
 *       viewings)
 *   <li>{@code my_rewatching} / {@code my_rereading} ({@code 1}/{@code YES}) → repeating; the
 *       status stays as MAL states it (MAL keeps a rewatched show "Completed")
 *   <li>{@code my_comments} → notes; {@code my_tags} (comma-separated) → tags
 * </ul>
 *
 * MAL exports carry no last-updated time and no review, so those stay null.
 */
final class MalXmlFormat extends AbstractImportFormat {

  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

  @Override
  public ImportSource source() {
    return ImportSource.MAL_XML;
  }

  @Override
  void parseText(InputStream in, Context context) throws IOException {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    try {
      // text runs get a little slack over the field limit so the parser's own, more precise
      // FIELD_TOO_LONG (naming the element) fires first for element text
      XMLStreamReader xml =
          factory.createXMLStreamReader(
              new MarkupRunLimitingReader(
                  lenientUtf8(in), context.limits.maxFieldLength() + 16 * 1024));
      try {
        read(xml, context);
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      ImportFileRejectedException rejected = rejectionIn(e);
      if (rejected != null) {
        throw rejected;
      }
      // the JDK's parser keeps the reader's exception as the "nested" one, not as the cause
      Throwable nested = e.getNestedException() != null ? e.getNestedException() : e.getCause();
      for (Throwable t = nested; t != null; t = t.getCause()) {
        if (t instanceof ImportFileRejectedException rejectedInside) {
          throw rejectedInside;
        }
        if (t instanceof IOException io) {
          throw io; // the upload itself failed: not a content problem
        }
      }
      throw malformed(e);
    }
  }

  private void read(XMLStreamReader xml, Context context) throws XMLStreamException {
    int depth = 0;
    boolean sawRoot = false;
    while (xml.hasNext()) {
      int event = xml.next();
      switch (event) {
        case XMLStreamConstants.DTD ->
            throw new ImportFileRejectedException(
                Reason.DTD_NOT_ALLOWED,
                "XML document type declarations (<!DOCTYPE>) are not accepted in imports");
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          String name = xml.getLocalName();
          if (depth == 1) {
            if (!name.equals("myanimelist")) {
              throw new ImportFileRejectedException(
                  Reason.UNSUPPORTED_FORMAT,
                  "not a MyAnimeList export: the root element is <"
                      + name
                      + ">, not <myanimelist>");
            }
            sawRoot = true;
          } else if (depth == 2 && (name.equals("anime") || name.equals("manga"))) {
            long line = xml.getLocation().getLineNumber();
            long record = context.nextRecord();
            Map<String, String> fields = readFields(xml, context.limits.maxFieldLength());
            depth--; // readFields consumed the end tag
            context.emit(toEntry(name, fields, record, line));
          } else if (depth == 2) {
            // <myinfo> and anything else: skip, still bounded by the field limit
            readFields(xml, context.limits.maxFieldLength());
            depth--;
          }
        }
        case XMLStreamConstants.END_ELEMENT -> depth--;
        default -> {
          // whitespace, comments, processing instructions
        }
      }
    }
    if (!sawRoot) {
      throw new ImportFileRejectedException(Reason.UNSUPPORTED_FORMAT, "no <myanimelist> element");
    }
  }

  /**
   * Reads the children of the current element up to its end tag: child name → text (nested
   * elements' text is ignored). Text is capped at {@code maxFieldLength} characters.
   */
  private static Map<String, String> readFields(XMLStreamReader xml, int maxFieldLength)
      throws XMLStreamException {
    Map<String, String> fields = new HashMap<>();
    StringBuilder text = new StringBuilder();
    String child = null;
    int depth = 0;
    while (xml.hasNext()) {
      int event = xml.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          if (depth == 1) {
            child = xml.getLocalName();
            text.setLength(0);
          }
        }
        case XMLStreamConstants.CHARACTERS,
            XMLStreamConstants.CDATA,
            XMLStreamConstants.SPACE,
            XMLStreamConstants.ENTITY_REFERENCE -> {
          if (depth == 1) {
            if (text.length() + xml.getTextLength() > maxFieldLength) {
              throw new ImportFileRejectedException(
                  Reason.FIELD_TOO_LONG,
                  "<"
                      + child
                      + "> at line "
                      + xml.getLocation().getLineNumber()
                      + " is longer than "
                      + maxFieldLength
                      + " characters");
            }
            text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          if (depth == 0) {
            return fields;
          }
          if (depth == 1) {
            fields.put(child, text.toString());
          }
          depth--;
        }
        default -> {
          // comments, processing instructions
        }
      }
    }
    throw new XMLStreamException("unexpected end of document inside an element");
  }

  private static ImportedEntry toEntry(
      String element, Map<String, String> f, long record, long line) {
    boolean manga = element.equals("manga");
    MediaType type = manga ? MediaType.MANGA : MediaType.ANIME;
    ImportedEntry.Builder row =
        ImportedEntry.builder(ImportSource.MAL_XML, record, line).mediaType(type);
    String idField = manga ? "manga_mangadb_id" : "series_animedb_id";
    String id = trim(f.get(idField));
    if (id == null) {
      row.problem(RowProblem.error(idField, "MISSING_ID", "no MyAnimeList id"));
    } else if (!id.matches("[1-9][0-9]{0,9}")) {
      row.problem(
          RowProblem.error(idField, "INVALID_ID", "not a MyAnimeList id: " + RowProblem.quote(id)));
    } else {
      row.externalId(ExternalSource.MAL, id);
    }
    row.title(trim(first(f, manga ? "manga_title" : "series_title", "series_title")));

    String status = trim(f.get("my_status"));
    ImportStatus mapped = status(status, type);
    if (mapped == null) {
      row.problem(
          RowProblem.error(
              "my_status", "UNKNOWN_STATUS", "unknown status: " + RowProblem.quote(status)));
    }
    row.status(mapped);

    if (manga) {
      row.chapter(count("my_read_chapters", f.get("my_read_chapters"), row));
      row.volume(count("my_read_volumes", f.get("my_read_volumes"), row));
    } else {
      row.episode(count("my_watched_episodes", f.get("my_watched_episodes"), row));
    }

    Integer score = count("my_score", f.get("my_score"), row);
    if (score != null && score > 10) {
      row.problem(
          RowProblem.warning(
              "my_score", "RATING_OUT_OF_RANGE", "score " + score + " is outside 0-10"));
    } else if (score != null && score > 0) {
      row.rating(score * 10);
    }

    row.startedAt(date("my_start_date", f.get("my_start_date"), row));
    row.completedAt(date("my_finish_date", f.get("my_finish_date"), row));

    String timesField = f.containsKey("my_times_read") ? "my_times_read" : "my_times_watched";
    Integer times = count(timesField, f.get(timesField), row);
    row.repeatCount(times == null ? 0 : times);
    row.repeating(flag(first(f, "my_rewatching", "my_rereading", "my_re_reading")));

    row.notes(f.get("my_comments"));
    String tags = f.get("my_tags");
    if (tags != null) {
      for (String tag : tags.split(",")) {
        row.tag(tag);
      }
    }
    return row.build();
  }

  /** MAL status text or numeric code → ours; null when unknown. */
  static ImportStatus status(String value, MediaType type) {
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "watching", "reading", "1" -> ImportStatus.activeFor(type);
      case "completed", "2" -> ImportStatus.COMPLETED;
      case "on-hold", "on hold", "onhold", "3" -> ImportStatus.PAUSED;
      case "dropped", "4" -> ImportStatus.DROPPED;
      case "plan to watch", "plan to read", "plantowatch", "plantoread", "6" ->
          ImportStatus.PLANNING;
      default -> null;
    };
  }

  private static PartialDate date(String field, String value, ImportedEntry.Builder row) {
    String v = trim(value);
    if (v == null) {
      return null;
    }
    Matcher m = DATE.matcher(v);
    try {
      if (!m.matches()) {
        throw new DateTimeException("not YYYY-MM-DD");
      }
      return PartialDate.ofParts(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      row.problem(
          RowProblem.warning(
              field,
              "INVALID_DATE",
              "not a date: " + RowProblem.quote(v) + " (" + e.getMessage() + ")"));
      return null;
    }
  }

  private static String first(Map<String, String> f, String... names) {
    for (String name : names) {
      if (f.containsKey(name)) {
        return f.get(name);
      }
    }
    return null;
  }

  private static String trim(String value) {
    if (value == null) {
      return null;
    }
    String t = value.trim();
    return t.isEmpty() ? null : t;
  }

  private static ImportFileRejectedException malformed(XMLStreamException e) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
    return new ImportFileRejectedException(
        Reason.MALFORMED_FILE, "not well-formed XML" + where + ": " + e.getMessage(), e);
  }

  @Override
  ImportFileRejectedException translate(Exception e) {
    if (e instanceof XMLStreamException x) {
      return malformed(x);
    }
    return null;
  }
}
