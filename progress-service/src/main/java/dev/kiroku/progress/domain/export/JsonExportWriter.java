package dev.kiroku.progress.domain.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kiroku.contracts.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The {@code kiroku-json} document (field by field in {@code docs/export-format.md}), written with
 * Jackson's streaming generator. Absent values are written as {@code null}, except in {@code
 * progress}, which holds only the fields that are set.
 *
 * <pre>{@code
 * {"format": "kiroku-json", "version": 1, "exportedAt": "2026-11-22T08:00:00Z",
 *  "ratingScale": "POINT_10",
 *  "entries": [{"media": {"id": "...", "type": "ANIME", "title": "...", "externalIds": {...}},
 *               "status": "COMPLETED", "progress": {"episode": 26}, "repeatCount": 0,
 *               "repeating": false, "lastRepeatedAt": null, "startedAt": "2024-01-02",
 *               "completedAt": null, "addedAt": "...", "rating": 80, "review": null,
 *               "notes": null, "private": false,
 *               "history": [{"repeat": 0, "season": 1, "episode": 1, "watchedAt": "..."}]}]}
 * }</pre>
 */
final class JsonExportWriter extends ExportWriter {

  /** The value of {@code format}. */
  static final String FORMAT = "kiroku-json";

  /** The value of {@code version}; raised when a field changes meaning or disappears. */
  static final int VERSION = 1;

  private final JsonGenerator gen;

  JsonExportWriter(JsonFactory factory) {
    try {
      gen = factory.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void writeBegin(String ratingScale, Instant exportedAt) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("format", FORMAT);
    gen.writeNumberField("version", VERSION);
    gen.writeStringField("exportedAt", exportedAt.toString());
    gen.writeStringField("ratingScale", ratingScale);
    gen.writeArrayFieldStart("entries");
  }

  @Override
  protected void writeEntry(ExportedEntry e) throws IOException {
    gen.writeStartObject();
    gen.writeObjectFieldStart("media");
    gen.writeStringField("id", e.mediaId().toString());
    gen.writeStringField("type", e.mediaType());
    gen.writeStringField("title", e.title());
    gen.writeObjectFieldStart("externalIds");
    for (Map.Entry<String, String> id : e.externalIds().entrySet()) {
      gen.writeStringField(id.getKey(), id.getValue());
    }
    gen.writeEndObject();
    gen.writeEndObject();
    gen.writeStringField("status", e.status());
    progress(e.progress());
    gen.writeNumberField("repeatCount", e.repeatCount());
    gen.writeBooleanField("repeating", e.repeating());
    date("lastRepeatedAt", e.lastRepeatedAt());
    date("startedAt", e.startedAt());
    date("completedAt", e.completedAt());
    instant("addedAt", e.addedAt());
    if (e.rating() == null) {
      gen.writeNullField("rating");
    } else {
      gen.writeNumberField("rating", e.rating());
    }
    if (e.review() == null) {
      gen.writeNullField("review");
    } else {
      gen.writeObjectFieldStart("review");
      gen.writeStringField("text", e.review().text());
      gen.writeBooleanField("spoiler", e.review().spoiler());
      gen.writeStringField("visibility", e.review().visibility());
      instant("reviewedAt", e.review().reviewedAt());
      gen.writeEndObject();
    }
    gen.writeStringField("notes", e.notes());
    gen.writeBooleanField("private", e.privateEntry());
    gen.writeArrayFieldStart("history");
    for (ExportedEntry.Watched w : e.history()) {
      gen.writeStartObject();
      gen.writeNumberField("repeat", w.repeat());
      gen.writeNumberField("season", w.season());
      gen.writeNumberField("episode", w.number());
      instant("watchedAt", w.watchedAt());
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeEndObject();
  }

  @Override
  protected void writeEnd() throws IOException {
    gen.writeEndArray();
    gen.writeEndObject();
    gen.close();
  }

  @Override
  protected void flush() throws IOException {
    gen.flush();
  }

  private void progress(Progress p) throws IOException {
    gen.writeObjectFieldStart("progress");
    integer("season", p.season());
    integer("episode", p.episode());
    integer("chapter", p.chapter());
    integer("volume", p.volume());
    integer("page", p.page());
    decimal("percent", p.percent());
    decimal("hoursPlayed", p.hoursPlayed());
    gen.writeEndObject();
  }

  private void integer(String name, Integer value) throws IOException {
    if (value != null) {
      gen.writeNumberField(name, value);
    }
  }

  private void decimal(String name, BigDecimal value) throws IOException {
    if (value != null) {
      gen.writeFieldName(name);
      gen.writeNumber(decimal(value));
    }
  }

  private void date(String name, LocalDate value) throws IOException {
    gen.writeStringField(name, value == null ? null : value.toString());
  }

  private void instant(String name, Instant value) throws IOException {
    gen.writeStringField(name, value == null ? null : value.toString());
  }
}
