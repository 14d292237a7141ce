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
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AniList GraphQL {@code MediaListCollection} responses, for example {@code {"data": {"anime":
 * {"lists": [{"status": "COMPLETED", "entries": [...]}]}, "manga": {...}}}} (the aliases are free).
 *
 * <p>Streamed with Jackson: the document is walked token by token and only one list entry at a time
 * is read as a tree. Every {@code entries} array anywhere in the document is a list; a file without
 * one is {@link Reason#UNSUPPORTED_FORMAT}. An entry whose media already appeared (AniList repeats
 * entries of custom lists) is skipped, not counted.
 *
 * <p>Mapping (AniList field → {@link ImportedEntry}):
 *
 * <ul>
 *   <li>{@code media.id} → {@link ExternalSource#ANILIST} (or the entry's {@code mediaId}); {@code
 *       media.idMal} → {@link ExternalSource#MAL}; neither → {@code MISSING_ID} error
 *   <li>media type: {@code media.type} ({@code ANIME}/{@code MANGA}), else the nearest enclosing
 *       field whose name contains {@code anime} or {@code manga} (the query's alias); else {@code
 *       UNKNOWN_MEDIA_TYPE} error
 *   <li>{@code status} (or the enclosing list's {@code status}): {@code CURRENT} →
 *       WATCHING/READING, {@code REPEATING} → WATCHING/READING and repeating, {@code PLANNING},
 *       {@code COMPLETED}, {@code DROPPED}, {@code PAUSED} as named
 *   <li>{@code score} → rating via {@link AniListScoreFormat}: the file's own {@code scoreFormat}
 *       (any {@code scoreFormat} field before the entries, e.g. {@code
 *       MediaListCollection.user.mediaListOptions.scoreFormat}), else {@link
 *       ImportOptions#aniListScoreFormat()}, else left out with a {@code RATING_SCALE_UNKNOWN}
 *       warning; 0 → unrated
 *   <li>{@code progress} → episode (anime) or chapter (manga); {@code progressVolumes} → volume
 *   <li>{@code repeat} → repeat count; {@code notes} → notes; {@code customLists} entries set to
 *       true → tags
 *   <li>{@code startedAt}, {@code completedAt} ({@code {year, month, day}}, any part null) → dates
 *   <li>{@code updatedAt} (epoch s) → updatedAt; {@code createdAt} (epoch s) → addedAt
 * </ul>
 */
final class AniListJsonFormat extends AbstractImportFormat {

  @Override
  public ImportSource source() {
    return ImportSource.ANILIST_JSON;
  }

  /** State of one parse. */
  private static final class Walk {
    final Context context;
    final ObjectMapper mapper;
    final JsonParser parser;
    final Deque<String> path = new ArrayDeque<>();
    final Set<String> seen = new HashSet<>();
    AniListScoreFormat fileScoreFormat;
    int lists;

    Walk(Context context, ObjectMapper mapper, JsonParser parser) {
      this.context = context;
      this.mapper = mapper;
      this.parser = parser;
    }
  }

  @Override
  void parseText(InputStream in, Context context) throws IOException {
    ObjectMapper mapper = JsonSupport.mapper(context.limits);
    try (JsonParser parser = mapper.getFactory().createParser(in)) {
      Walk walk = new Walk(context, mapper, parser);
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        walkObject(walk);
      } else if (first == JsonToken.START_ARRAY) {
        walkArray(walk, null);
      } else {
        throw new ImportFileRejectedException(
            Reason.UNSUPPORTED_FORMAT, "not an AniList MediaListCollection: not a JSON object");
      }
      if (parser.nextToken() != null) {
        throw new ImportFileRejectedException(
            Reason.MALFORMED_FILE, "unexpected content after the JSON document");
      }
      if (walk.lists == 0) {
        throw new ImportFileRejectedException(
            Reason.UNSUPPORTED_FORMAT,
            "not an AniList MediaListCollection: no \"lists[].entries\" found");
      }
    }
  }

  /** Walks the object whose START_OBJECT is the current token, up to its END_OBJECT. */
  private void walkObject(Walk walk) throws IOException {
    JsonParser p = walk.parser;
    String listStatus = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_STRING && name.equals("scoreFormat")) {
        walk.fileScoreFormat = scoreFormat(p.getText());
      } else if (value == JsonToken.VALUE_STRING && name.equals("status")) {
        listStatus = p.getText();
      } else if (value == JsonToken.START_ARRAY && name.equals("entries")) {
        walk.lists++;
        walkEntries(walk, listStatus);
      } else if (value == JsonToken.START_OBJECT) {
        walk.path.push(name);
        walkObject(walk);
        walk.path.pop();
      } else if (value == JsonToken.START_ARRAY) {
        walkArray(walk, name);
      }
    }
  }

  private void walkArray(Walk walk, String name) throws IOException {
    JsonParser p = walk.parser;
    if (name != null) {
      walk.path.push(name);
    }
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t == JsonToken.START_OBJECT) {
        walkObject(walk);
      } else if (t == JsonToken.START_ARRAY) {
        walkArray(walk, null);
      }
    }
    if (name != null) {
      walk.path.pop();
    }
  }

  private void walkEntries(Walk walk, String listStatus) throws IOException {
    JsonParser p = walk.parser;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      long line = p.currentTokenLocation().getLineNr();
      JsonNode entry = walk.mapper.readTree(p);
      String key = dedupeKey(entry);
      if (key != null && !walk.seen.add(key)) {
        continue; // the same media in a second (custom) list
      }
      long record = walk.context.nextRecord();
      walk.context.emit(toEntry(walk, entry, listStatus, record, line));
    }
  }

  private static String dedupeKey(JsonNode entry) {
    JsonNode media = entry.path("media");
    String id = JsonSupport.id(media, "id");
    if (id == null) {
      id = JsonSupport.id(entry, "mediaId");
    }
    if (id != null) {
      return "anilist:" + id;
    }
    String mal = JsonSupport.id(media, "idMal");
    return mal == null ? null : "mal:" + JsonSupport.text(media, "type") + ":" + mal;
  }

  private ImportedEntry toEntry(
      Walk walk, JsonNode entry, String listStatus, long record, long line) {
    ImportedEntry.Builder row = ImportedEntry.builder(ImportSource.ANILIST_JSON, record, line);
    JsonNode media = entry.path("media");

    String aniListId = JsonSupport.id(media, "id");
    row.externalId(
        ExternalSource.ANILIST, aniListId != null ? aniListId : JsonSupport.id(entry, "mediaId"));
    row.externalId(ExternalSource.MAL, JsonSupport.id(media, "idMal"));
    if (!row.hasAnyId()) {
      row.problem(RowProblem.error("media.id", "MISSING_ID", "neither media.id nor media.idMal"));
    }
    JsonNode title = media.path("title");
    String t = JsonSupport.text(title, "userPreferred");
    if (t == null) {
      t = JsonSupport.text(title, "romaji");
    }
    if (t == null) {
      t = JsonSupport.text(title, "english");
    }
    row.title(t);

    MediaType type = mediaType(JsonSupport.text(media, "type"), walk.path);
    row.mediaType(type);
    if (type == null) {
      row.problem(
          RowProblem.error(
              "media.type",
              "UNKNOWN_MEDIA_TYPE",
              "neither media.type nor an enclosing anime/manga collection says the media type"));
    }

    String status = JsonSupport.text(entry, "status");
    if (status == null) {
      status = listStatus;
    }
    mapStatus(status, type, row);

    Integer progress = JsonSupport.count(entry, "progress", row);
    if (type == MediaType.MANGA) {
      row.chapter(progress);
    } else {
      row.episode(progress);
    }
    row.volume(JsonSupport.count(entry, "progressVolumes", row));
    Integer repeat = JsonSupport.count(entry, "repeat", row);
    row.repeatCount(repeat == null ? 0 : repeat);

    rating(walk, entry, row);
    row.startedAt(fuzzyDate(entry, "startedAt", row));
    row.completedAt(fuzzyDate(entry, "completedAt", row));
    row.updatedAt(epochSeconds(entry, "updatedAt", row));
    row.addedAt(epochSeconds(entry, "createdAt", row));
    row.notes(JsonSupport.text(entry, "notes"));

    JsonNode custom = entry.get("customLists");
    if (custom != null && custom.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = custom.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> list = it.next();
        if (list.getValue().asBoolean(false)) {
          row.tag(list.getKey());
        }
      }
    }
    return row.build();
  }

  private static MediaType mediaType(String declared, Deque<String> path) {
    if (declared != null) {
      switch (declared.toUpperCase(Locale.ROOT)) {
        case "ANIME" -> {
          return MediaType.ANIME;
        }
        case "MANGA" -> {
          return MediaType.MANGA;
        }
        default -> {
          // fall through to the path
        }
      }
    }
    for (String segment : path) { // innermost first
      String s = segment.toLowerCase(Locale.ROOT);
      if (s.contains("anime")) {
        return MediaType.ANIME;
      }
      if (s.contains("manga")) {
        return MediaType.MANGA;
      }
    }
    return null;
  }

  private static void mapStatus(String status, MediaType type, ImportedEntry.Builder row) {
    String upper = status == null ? "" : status.toUpperCase(Locale.ROOT);
    ImportStatus active = type == null ? null : ImportStatus.activeFor(type);
    switch (upper) {
      case "CURRENT" -> row.status(active);
      case "REPEATING" -> row.status(active).repeating(true);
      case "PLANNING" -> row.status(ImportStatus.PLANNING);
      case "COMPLETED" -> row.status(ImportStatus.COMPLETED);
      case "DROPPED" -> row.status(ImportStatus.DROPPED);
      case "PAUSED" -> row.status(ImportStatus.PAUSED);
      default ->
          row.problem(
              RowProblem.error(
                  "status", "UNKNOWN_STATUS", "unknown status: " + RowProblem.quote(status)));
    }
  }

  private static void rating(Walk walk, JsonNode entry, ImportedEntry.Builder row) {
    JsonNode score = entry.get("score");
    if (score == null || score.isNull()) {
      return;
    }
    if (!score.isNumber()) {
      row.problem(
          RowProblem.warning(
              "score", "INVALID_NUMBER", "not a number: " + RowProblem.quote(score.toString())));
      return;
    }
    if (score.doubleValue() == 0) {
      return; // unrated in every scale
    }
    AniListScoreFormat format =
        walk.fileScoreFormat != null
            ? walk.fileScoreFormat
            : walk.context.options.aniListScoreFormat();
    if (format == null) {
      row.problem(
          RowProblem.warning(
              "score",
              "RATING_SCALE_UNKNOWN",
              "score "
                  + score.asText()
                  + " left out: the file does not state its scoreFormat and none was given"));
      return;
    }
    try {
      row.rating(format.toHundred(score.doubleValue()));
    } catch (IllegalArgumentException e) {
      row.problem(
          RowProblem.warning(
              "score", "RATING_OUT_OF_RANGE", e.getMessage() + " (scoreFormat " + format + ")"));
    }
  }

  private static PartialDate fuzzyDate(JsonNode entry, String field, ImportedEntry.Builder row) {
    JsonNode d = entry.get(field);
    if (d == null || d.isNull()) {
      return null;
    }
    try {
      return PartialDate.ofParts(part(d, "year"), part(d, "month"), part(d, "day"));
    } catch (DateTimeException | IllegalArgumentException e) {
      row.problem(
          RowProblem.warning(
              field, "INVALID_DATE", "not a date: " + d + " (" + e.getMessage() + ")"));
      return null;
    }
  }

  private static Integer part(JsonNode date, String name) {
    JsonNode v = date.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException(name + " is not a whole number");
    }
    return v.intValue();
  }

  private static Instant epochSeconds(JsonNode entry, String field, ImportedEntry.Builder row) {
    JsonNode v = entry.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.longValue() > 0 && v.longValue() < 253_402_300_800L) {
      return Instant.ofEpochSecond(v.longValue());
    }
    row.problem(
        RowProblem.warning(
            field, "INVALID_DATE", "not epoch seconds: " + RowProblem.quote(v.toString())));
    return null;
  }

  private static AniListScoreFormat scoreFormat(String value) {
    try {
      return AniListScoreFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ImportFileRejectedException(
          Reason.UNSUPPORTED_FORMAT, "unknown AniList scoreFormat " + RowProblem.quote(value));
    }
  }

  @Override
  ImportFileRejectedException translate(Exception e) {
    return JsonSupport.translate(e);
  }
}
