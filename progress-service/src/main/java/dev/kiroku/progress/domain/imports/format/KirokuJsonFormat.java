package dev.kiroku.progress.domain.imports.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Kiroku's own export ({@code GET /api/v1/progress/export?format=json}, documented in {@code
 * progress-service/docs/export-format.md}): {@code {"format": "kiroku-json", "version": 1,
 * "entries": [...]}}. Streamed: one entry at a time is read as a tree.
 *
 * <p>Mapping ({@code entries[]} field → {@link ImportedEntry}): {@code media.externalIds} →
 * external ids (keys of {@link ExternalSource}; others → other ids); {@code media.id} → {@link
 * KirokuDetails#mediaId()}; {@code media.type}; {@code media.title}; {@code status}; {@code
 * progress.season/episode/chapter/volume/page}; {@code progress.percent/hoursPlayed}, {@code
 * lastRepeatedAt}, {@code review.visibility/reviewedAt}, {@code private}, {@code history[]} →
 * {@link KirokuDetails}; {@code repeatCount}, {@code repeating}, {@code startedAt}, {@code
 * completedAt}, {@code addedAt}, {@code rating} (0-100 as is), {@code review.text/spoiler}, {@code
 * notes} as named. A file whose {@code format} is not {@code kiroku-json}, or whose {@code version}
 * is not 1, is {@link Reason#UNSUPPORTED_FORMAT}.
 */
final class KirokuJsonFormat extends AbstractImportFormat {

  /** The only version this parser reads. */
  static final int VERSION = 1;

  @Override
  public ImportSource source() {
    return ImportSource.KIROKU_JSON;
  }

  @Override
  void parseText(InputStream in, Context context) throws IOException {
    ObjectMapper mapper = JsonSupport.mapper(context.limits);
    try (JsonParser p = mapper.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notKiroku("not a JSON object");
      }
      String format = null;
      Integer version = null;
      String ratingScale = null;
      boolean entries = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "format" -> format = value == JsonToken.VALUE_STRING ? p.getText() : "";
          case "version" -> version = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
          case "ratingScale" -> ratingScale = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "entries" -> {
            requireHeader(format, version);
            if (value != JsonToken.START_ARRAY) {
              throw notKiroku("\"entries\" is not an array");
            }
            entries = true;
            readEntries(p, mapper, context, ratingScale);
          }
          default -> p.skipChildren();
        }
      }
      requireHeader(format, version);
      if (!entries) {
        throw notKiroku("no \"entries\" array");
      }
      if (p.nextToken() != null) {
        throw new ImportFileRejectedException(
            Reason.MALFORMED_FILE, "unexpected content after the JSON document");
      }
    }
  }

  private static void requireHeader(String format, Integer version) {
    if (!"kiroku-json".equals(format)) {
      throw notKiroku("\"format\" must be \"kiroku-json\" and come before \"entries\"");
    }
    if (version == null || version != VERSION) {
      throw notKiroku("\"version\" " + version + " is not supported (this service reads 1)");
    }
  }

  private static ImportFileRejectedException notKiroku(String why) {
    return new ImportFileRejectedException(
        Reason.UNSUPPORTED_FORMAT, "not a Kiroku export: " + why);
  }

  private void readEntries(JsonParser p, ObjectMapper mapper, Context context, String ratingScale)
      throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      long line = p.currentTokenLocation().getLineNr();
      long record = context.nextRecord();
      JsonNode entry = mapper.readTree(p);
      context.emit(toEntry(entry, record, line, ratingScale));
    }
  }

  private static ImportedEntry toEntry(JsonNode entry, long record, long line, String ratingScale) {
    ImportedEntry.Builder row = ImportedEntry.builder(ImportSource.KIROKU_JSON, record, line);
    JsonNode media = entry.path("media");
    UUID mediaId = null;
    String id = JsonSupport.text(media, "id");
    if (id != null) {
      try {
        mediaId = UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        row.problem(
            RowProblem.warning("media.id", "INVALID_ID", "not a UUID: " + RowProblem.quote(id)));
      }
    }
    Iterator<Map.Entry<String, JsonNode>> ids = media.path("externalIds").fields();
    while (ids.hasNext()) {
      Map.Entry<String, JsonNode> e = ids.next();
      String value = e.getValue().isValueNode() ? e.getValue().asText() : null;
      ExternalSource.fromKey(e.getKey())
          .ifPresentOrElse(
              source -> row.externalId(source, value), () -> row.otherId(e.getKey(), value));
    }
    if (mediaId == null && !row.hasAnyId()) {
      row.problem(RowProblem.error("media.id", "MISSING_ID", "neither media.id nor externalIds"));
    }
    row.title(JsonSupport.text(media, "title"));
    String type = JsonSupport.text(media, "type");
    try {
      row.mediaType(type == null ? null : MediaType.valueOf(type.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      row.mediaType(null);
    }
    if (row.mediaType() == null) {
      row.problem(
          RowProblem.error(
              "media.type", "UNKNOWN_MEDIA_TYPE", "unknown media type " + RowProblem.quote(type)));
    }
    String status = JsonSupport.text(entry, "status");
    try {
      row.status(status == null ? null : ImportStatus.valueOf(status.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      row.status(null);
    }
    if (row.status() == null) {
      row.problem(
          RowProblem.error(
              "status", "UNKNOWN_STATUS", "unknown status " + RowProblem.quote(status)));
    }

    JsonNode progress = entry.path("progress");
    row.season(JsonSupport.count(progress, "season", row))
        .episode(JsonSupport.count(progress, "episode", row))
        .chapter(JsonSupport.count(progress, "chapter", row))
        .volume(JsonSupport.count(progress, "volume", row))
        .page(JsonSupport.count(progress, "page", row));
    Integer repeats = JsonSupport.count(entry, "repeatCount", row);
    row.repeatCount(repeats == null ? 0 : repeats);
    row.repeating(entry.path("repeating").asBoolean(false));
    row.startedAt(date(entry, "startedAt", row));
    row.completedAt(date(entry, "completedAt", row));
    row.addedAt(JsonSupport.timestamp(entry, "addedAt", row));
    Integer rating = JsonSupport.count(entry, "rating", row);
    if (rating != null && rating > 100) {
      row.problem(RowProblem.warning("rating", "RATING_OUT_OF_RANGE", "not 0-100: " + rating));
      rating = null;
    }
    row.rating(rating);
    JsonNode review = entry.path("review");
    row.review(JsonSupport.text(review, "text"));
    row.reviewSpoiler(review.path("spoiler").asBoolean(false));
    row.notes(JsonSupport.text(entry, "notes"));

    List<KirokuDetails.HistoryItem> history = new ArrayList<>();
    for (JsonNode h : entry.path("history")) {
      Integer repeat = JsonSupport.count(h, "repeat", row);
      Integer season = JsonSupport.count(h, "season", row);
      Integer number = JsonSupport.count(h, "episode", row);
      if (repeat == null || season == null || number == null) {
        row.problem(
            RowProblem.warning(
                "history", "INVALID_NUMBER", "a history item without repeat, season or episode"));
        continue;
      }
      history.add(
          new KirokuDetails.HistoryItem(
              repeat, season, number, JsonSupport.timestamp(h, "watchedAt", row)));
    }
    String visibility = JsonSupport.text(review, "visibility");
    PartialDate lastRepeatedAt = date(entry, "lastRepeatedAt", row);
    row.kiroku(
        new KirokuDetails(
            mediaId,
            decimal(progress, "percent", row),
            decimal(progress, "hoursPlayed", row),
            lastRepeatedAt == null ? null : lastRepeatedAt.toLocalDate(),
            visibility == null ? null : visibility.toUpperCase(Locale.ROOT),
            JsonSupport.timestamp(review, "reviewedAt", row),
            entry.path("private").asBoolean(false),
            history,
            ratingScale));
    return row.build();
  }

  private static PartialDate date(JsonNode node, String field, ImportedEntry.Builder row) {
    String v = JsonSupport.text(node, field);
    if (v == null) {
      return null;
    }
    try {
      return PartialDate.of(LocalDate.parse(v));
    } catch (DateTimeException e) {
      row.problem(RowProblem.warning(field, "INVALID_DATE", "not a date: " + RowProblem.quote(v)));
      return null;
    }
  }

  private static BigDecimal decimal(JsonNode node, String field, ImportedEntry.Builder row) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber() && v.decimalValue().signum() >= 0) {
      return v.decimalValue();
    }
    row.problem(
        RowProblem.warning(
            field,
            "INVALID_NUMBER",
            "not a non-negative number: " + RowProblem.quote(v.toString())));
    return null;
  }

  @Override
  ImportFileRejectedException translate(Exception e) {
    return JsonSupport.translate(e);
  }
}
