package dev.kiroku.progress;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.progress.repository.MediaProjectionRepository;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.validator.routines.ISBNValidator;

/**
 * The real catalogs of {@code ../shared/datasets} (anime.csv with MAL ids, MovieLens with TMDB and
 * IMDb ids, goodbooks-10k with Goodreads ids and ISBNs) as catalog snapshots, stored in the
 * projection the way {@code catalog.media.v1} records are, so imports resolve real ids. Media ids
 * are derived from the external id, so tests can name them.
 */
final class DatasetCatalog {

  static final Path DATASETS = Path.of("../../shared/datasets").toAbsolutePath().normalize();
  static final Path IMPORTS = Path.of("../../shared/fixtures/imports").toAbsolutePath().normalize();

  private static boolean loaded;

  /** MAL anime id → episodes (null when unknown) of every anime.csv row. */
  static final Map<String, Integer> ANIME_EPISODES = new HashMap<>();

  private DatasetCatalog() {}

  static UUID animeId(String malId) {
    return UUID.nameUUIDFromBytes(("anime:" + malId).getBytes(StandardCharsets.UTF_8));
  }

  static UUID movieId(String movieLensId) {
    return UUID.nameUUIDFromBytes(("movie:" + movieLensId).getBytes(StandardCharsets.UTF_8));
  }

  static UUID bookId(String goodreadsId) {
    return UUID.nameUUIDFromBytes(("book:" + goodreadsId).getBytes(StandardCharsets.UTF_8));
  }

  /** Loads the three datasets into the projection once per test run. */
  static synchronized void load(MediaProjectionRepository projection, Pool pool) {
    if (loaded) {
      return;
    }
    List<MediaSnapshot> all = new ArrayList<>();
    for (Map<String, String> row :
        rows(DATASETS.resolve("anime-recommendations-database/anime.csv"))) {
      String mal = row.get("anime_id");
      Integer episodes = number(row.get("episodes"));
      ANIME_EPISODES.put(mal, episodes);
      all.add(
          snapshot(
              animeId(mal),
              MediaType.ANIME,
              row.get("name"),
              new MediaSnapshot.Counts(episodes, null, null, null, null, null, null),
              Map.of("mal", mal)));
    }
    Map<String, Map<String, String>> links = new HashMap<>();
    for (Map<String, String> row : rows(DATASETS.resolve("movielens-ml-latest-small/links.csv"))) {
      links.put(row.get("movieId"), row);
    }
    for (Map<String, String> row : rows(DATASETS.resolve("movielens-ml-latest-small/movies.csv"))) {
      Map<String, String> ids = new HashMap<>();
      Map<String, String> link = links.get(row.get("movieId"));
      if (link != null && !link.get("tmdbId").isBlank()) {
        ids.put("tmdb", link.get("tmdbId"));
      }
      if (link != null && !link.get("imdbId").isBlank()) {
        ids.put("imdb", "tt" + link.get("imdbId"));
      }
      all.add(
          snapshot(
              movieId(row.get("movieId")),
              MediaType.MOVIE,
              row.get("title"),
              new MediaSnapshot.Counts(null, null, null, null, null, null, null),
              ids));
    }
    for (Map<String, String> row : rows(DATASETS.resolve("goodbooks-10k/books.csv"))) {
      Map<String, String> ids = new HashMap<>();
      String goodreads = row.get("goodreads_book_id");
      ids.put("goodreads", goodreads);
      String isbn10 = row.get("isbn");
      if (isbn10 != null && isbn10.matches("\\d{1,9}[\\dX]")) {
        String isbn =
            ISBNValidator.getInstance().validate("0".repeat(10 - isbn10.length()) + isbn10);
        if (isbn != null) {
          ids.put("isbn", isbn);
        }
      }
      all.add(
          snapshot(
              bookId(goodreads),
              MediaType.BOOK,
              row.get("title"),
              new MediaSnapshot.Counts(null, null, null, null, null, null, null),
              ids));
    }
    // bulk, 2,000 rows per statement (the rows MediaProjectionRepository.store writes, without its
    // per-item round trips; ImportJobApiTest checks store itself)
    for (int from = 0; from < all.size(); from += 2000) {
      List<MediaSnapshot> chunk = all.subList(from, Math.min(all.size(), from + 2000));
      List<UUID> ids = new ArrayList<>();
      List<String> types = new ArrayList<>();
      List<String> summaries = new ArrayList<>();
      List<String> sources = new ArrayList<>();
      List<String> idTypes = new ArrayList<>();
      List<String> externalIds = new ArrayList<>();
      List<UUID> owners = new ArrayList<>();
      for (MediaSnapshot s : chunk) {
        ids.add(s.id());
        types.add(s.type().name());
        try {
          summaries.add(Fixtures.JSON.writeValueAsString(MediaProjectionRepository.summarize(s)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        s.externalIds()
            .forEach(
                (k, v) -> {
                  sources.add(k);
                  idTypes.add(s.type().name());
                  externalIds.add(v);
                  owners.add(s.id());
                });
      }
      pool.preparedQuery(
              "INSERT INTO media_projection (media_id, media_type, summary, last_refreshed_at)"
                  + " SELECT i, t, s::jsonb, now() FROM unnest($1::uuid[], $2::text[], $3::text[])"
                  + " AS u(i, t, s) ON CONFLICT DO NOTHING")
          .execute(
              Tuple.of(
                  ids.toArray(UUID[]::new),
                  types.toArray(String[]::new),
                  summaries.toArray(String[]::new)))
          .chain(
              () ->
                  pool.preparedQuery(
                          "INSERT INTO media_projection_external_id (source, media_type,"
                              + " external_id, media_id) SELECT * FROM unnest($1::text[],"
                              + " $2::text[], $3::text[], $4::uuid[]) ON CONFLICT DO NOTHING")
                      .execute(
                          Tuple.of(
                              sources.toArray(String[]::new),
                              idTypes.toArray(String[]::new),
                              externalIds.toArray(String[]::new),
                              owners.toArray(UUID[]::new))))
          .await()
          .atMost(Duration.ofMinutes(1));
    }
    loaded = true;
  }

  private static MediaSnapshot snapshot(
      UUID id, MediaType type, String title, MediaSnapshot.Counts counts, Map<String, String> ids) {
    return new MediaSnapshot(
        id,
        type,
        type.name().toLowerCase() + "-" + id,
        new MediaSnapshot.Titles(title, null, null, null, List.of()),
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        counts,
        null,
        null,
        ids,
        "dataset",
        Instant.parse("2026-11-01T00:00:00Z"),
        List.of());
  }

  private static Integer number(String value) {
    return value == null || !value.matches("\\d+") ? null : Integer.valueOf(value);
  }

  private static List<Map<String, String>> rows(Path file) {
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> it =
        mapper
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      return it.readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
