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
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Trakt JSON: the responses of {@code GET /sync/watched/{movies|shows}}, {@code GET /sync/ratings}
 * and {@code GET /sync/watchlist}, each a JSON array. Which one it is comes from the first item:
 * {@code rating} → ratings, {@code listed_at} → watchlist, {@code plays}/{@code
 * last_watched_at}/{@code seasons} → watched; anything else (or a file that is not an array) is
 * {@link Reason#UNSUPPORTED_FORMAT}. Streamed: one item at a time is read as a tree.
 *
 * <p>Mapping (Trakt field → {@link ImportedEntry}):
 *
 * <ul>
 *   <li>{@code movie} → {@link MediaType#MOVIE}, {@code show} → {@link MediaType#TV} (Trakt has no
 *       anime type); items for a single {@code season} or {@code episode} (ratings, watchlist) are
 *       not library entries → {@code UNSUPPORTED_ITEM} error
 *   <li>{@code ids.imdb} → {@link ExternalSource#IMDB}, {@code ids.tmdb} → TMDB, {@code ids.tvdb} →
 *       TVDB, {@code ids.trakt} → other id {@code "trakt"}, {@code ids.slug} → {@code "trakt_slug"}
 *   <li>watched movie: COMPLETED, repeat count = {@code plays} − 1 (the first viewing is not a
 *       repeat), completedAt = the UTC date of {@code last_watched_at}
 *   <li>watched show: WATCHING ({@code /sync/watched} cannot tell a finished show; the import job
 *       recalculates the status from the episode history and catalog totals), {@code
 *       seasons[].episodes[]} → {@link ImportedEntry#episodes()} ({@code number}, {@code plays},
 *       {@code last_watched_at}), progress = the last watched episode (highest season, highest
 *       episode in it), repeating when {@code reset_at} is set (the user restarted the show)
 *   <li>watched: {@code last_updated_at} → updatedAt
 *   <li>ratings: {@code rating} 1-10 → rating × 10; status null (a rating says nothing about it);
 *       {@code rated_at} → updatedAt
 *   <li>watchlist: PLANNING; {@code listed_at} → addedAt and updatedAt; {@code notes} → notes
 * </ul>
 */
final class TraktJsonFormat extends AbstractImportFormat {

  private enum Kind {
    WATCHED,
    RATINGS,
    WATCHLIST
  }

  @Override
  public ImportSource source() {
    return ImportSource.TRAKT_JSON;
  }

  @Override
  void parseText(InputStream in, Context context) throws IOException {
    ObjectMapper mapper = JsonSupport.mapper(context.limits);
    try (JsonParser p = mapper.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new ImportFileRejectedException(
            Reason.UNSUPPORTED_FORMAT,
            "not a Trakt sync export: Trakt's /sync/watched, /sync/ratings and /sync/watchlist"
                + " are JSON arrays");
      }
      Kind kind = null;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        if (t != JsonToken.START_OBJECT) {
          throw new ImportFileRejectedException(
              Reason.UNSUPPORTED_FORMAT, "not a Trakt sync export: array items are not objects");
        }
        long line = p.currentTokenLocation().getLineNr();
        long record = context.nextRecord();
        JsonNode item = mapper.readTree(p);
        if (kind == null) {
          kind = kindOf(item);
          if (kind == null) {
            throw new ImportFileRejectedException(
                Reason.UNSUPPORTED_FORMAT,
                "not a Trakt sync export: the first item has none of rating, listed_at, plays,"
                    + " last_watched_at, seasons");
          }
        }
        context.emit(toEntry(kind, item, record, line));
      }
      if (t == null || p.nextToken() != null) {
        throw new ImportFileRejectedException(
            Reason.MALFORMED_FILE, "unexpected content after the JSON array");
      }
    }
  }

  private static Kind kindOf(JsonNode item) {
    if (item.has("rating")) {
      return Kind.RATINGS;
    }
    if (item.has("listed_at")) {
      return Kind.WATCHLIST;
    }
    if (item.has("plays") || item.has("last_watched_at") || item.has("seasons")) {
      return Kind.WATCHED;
    }
    return null;
  }

  private static ImportedEntry toEntry(Kind kind, JsonNode item, long record, long line) {
    ImportedEntry.Builder row = ImportedEntry.builder(ImportSource.TRAKT_JSON, record, line);
    if (kindOf(item) != kind) {
      row.problem(
          RowProblem.error(
              "item", "UNSUPPORTED_ITEM", "not a " + kind.name().toLowerCase() + " item"));
      return row.build();
    }
    String type = JsonSupport.text(item, "type");
    if (type == null) {
      type = item.has("movie") ? "movie" : item.has("show") ? "show" : null;
    }
    JsonNode media = type == null ? null : item.get(type);
    if (type != null && (type.equals("season") || type.equals("episode"))) {
      JsonNode show = item.get("show");
      row.title(title(show));
      ids(show, row);
      row.problem(
          RowProblem.error(
              "type",
              "UNSUPPORTED_ITEM",
              "a single " + type + " is not a library entry; only movies and shows are imported"));
      return row.build();
    }
    if (media == null || !media.isObject() || !(type.equals("movie") || type.equals("show"))) {
      row.problem(
          RowProblem.error(
              "type", "UNSUPPORTED_ITEM", "neither a movie nor a show: " + RowProblem.quote(type)));
      return row.build();
    }
    boolean movie = type.equals("movie");
    row.mediaType(movie ? MediaType.MOVIE : MediaType.TV);
    row.title(title(media));
    ids(media, row);
    if (!row.hasAnyId()) {
      row.problem(RowProblem.error(type + ".ids", "MISSING_ID", "no ids"));
    }
    switch (kind) {
      case WATCHED -> watched(item, movie, row);
      case RATINGS -> {
        Integer rating = JsonSupport.count(item, "rating", row);
        if (rating != null && (rating < 1 || rating > 10)) {
          row.problem(
              RowProblem.warning(
                  "rating", "RATING_OUT_OF_RANGE", "rating " + rating + " is outside 1-10"));
        } else if (rating != null) {
          row.rating(rating * 10);
        }
        row.updatedAt(JsonSupport.timestamp(item, "rated_at", row));
      }
      case WATCHLIST -> {
        row.status(ImportStatus.PLANNING);
        Instant listed = JsonSupport.timestamp(item, "listed_at", row);
        row.addedAt(listed).updatedAt(listed);
        row.notes(JsonSupport.text(item, "notes"));
      }
    }
    return row.build();
  }

  private static void watched(JsonNode item, boolean movie, ImportedEntry.Builder row) {
    Integer plays = JsonSupport.count(item, "plays", row);
    Instant last = JsonSupport.timestamp(item, "last_watched_at", row);
    row.updatedAt(JsonSupport.timestamp(item, "last_updated_at", row));
    if (movie) {
      row.status(ImportStatus.COMPLETED);
      row.repeatCount(plays == null || plays < 1 ? 0 : plays - 1);
      if (last != null) {
        row.completedAt(PartialDate.of(last.atOffset(ZoneOffset.UTC).toLocalDate()));
      }
      return;
    }
    row.status(ImportStatus.WATCHING);
    row.repeating(JsonSupport.text(item, "reset_at") != null);
    JsonNode seasons = item.path("seasons");
    int lastSeason = -1;
    int lastEpisode = -1;
    for (JsonNode season : seasons) {
      Integer s = JsonSupport.count(season, "number", row);
      if (s == null) {
        continue;
      }
      for (JsonNode episode : season.path("episodes")) {
        Integer e = JsonSupport.count(episode, "number", row);
        if (e == null) {
          continue;
        }
        Integer p = JsonSupport.count(episode, "plays", row);
        row.episodeWatched(
            new WatchedEpisode(
                s,
                e,
                p == null || p < 1 ? 1 : p,
                JsonSupport.timestamp(episode, "last_watched_at", row)));
        if (s > lastSeason || (s == lastSeason && e > lastEpisode)) {
          lastSeason = s;
          lastEpisode = e;
        }
      }
    }
    if (lastSeason >= 0) {
      row.season(lastSeason).episode(lastEpisode);
    }
  }

  private static String title(JsonNode media) {
    String title = JsonSupport.text(media, "title");
    String year = JsonSupport.text(media, "year");
    return title == null ? null : year == null ? title : title + " (" + year + ")";
  }

  private static void ids(JsonNode media, ImportedEntry.Builder row) {
    JsonNode ids = media == null ? null : media.get("ids");
    if (ids == null || !ids.isObject()) {
      return;
    }
    row.externalId(ExternalSource.IMDB, JsonSupport.text(ids, "imdb"));
    row.externalId(ExternalSource.TMDB, JsonSupport.id(ids, "tmdb"));
    row.externalId(ExternalSource.TVDB, JsonSupport.id(ids, "tvdb"));
    row.otherId("trakt", JsonSupport.id(ids, "trakt"));
    row.otherId("trakt_slug", JsonSupport.text(ids, "slug"));
  }

  @Override
  ImportFileRejectedException translate(Exception e) {
    return JsonSupport.translate(e);
  }
}
