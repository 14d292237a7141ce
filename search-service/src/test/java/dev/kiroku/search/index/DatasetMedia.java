package dev.kiroku.search.index;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Test data: the rows of the shared datasets ({@code /work/shared/datasets}, read in place) as
 * {@link MediaSnapshot}s, the way catalog-service would describe them.
 *
 * <ul>
 *   <li>anime.csv (MAL, 2017): {@code name} has HTML entities ({@code Gintama&#039;}); {@code
 *       rating} 0-10 → score ×10; {@code members} → popularity percentile among anime.
 *   <li>MovieLens: {@code "Matrix, The (1999)"} → {@code "The Matrix"}, year 1999; an alternative
 *       title in parentheses becomes a synonym; rating count → popularity percentile; mean rating
 *       0.5-5 → score ×20.
 *   <li>goodbooks-10k: {@code title} loses its series suffix ({@code "(The Hunger Games, #1)"}),
 *       kept as a synonym; {@code original_title} in CJK script → native (+ the bracketed
 *       romanization), otherwise a synonym; {@code ratings_count} → popularity percentile.
 * </ul>
 */
public final class DatasetMedia {

  /** {@code ../../shared/datasets} from the module folder. */
  public static final Path ROOT = Path.of("../../shared/datasets");

  private static final CsvMapper CSV = new CsvMapper();
  private static final Pattern YEAR =
      Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:[-–]\\d{4})?\\)\\s*$");
  private static final Pattern TRAILING_PAREN = Pattern.compile("^(.+?)\\s*\\(([^()]+)\\)\\s*$");
  private static final Pattern ARTICLE =
      Pattern.compile("^(.+), (The|A|An|Les|La|Le|L'|Il|El|Die|Der|Das|Los|Las|Lo|Una|Un|Une)$");
  private static final Pattern SERIES = Pattern.compile("^(.+?)\\s*\\(([^()]*#[^()]*)\\)\\s*$");
  private static final Pattern CJK =
      Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]");
  private static final Pattern NATIVE_WITH_ROMAJI =
      Pattern.compile("^([^\\[]+)\\[([^\\]]+)\\]\\s*$");

  private DatasetMedia() {}

  /** Every item of the three datasets (about 32,000). */
  public static List<MediaSnapshot> all() throws IOException {
    List<MediaSnapshot> all = new ArrayList<>(anime());
    all.addAll(movies());
    all.addAll(books());
    return all;
  }

  /** anime-recommendations-database/anime.csv. */
  public static List<MediaSnapshot> anime() throws IOException {
    List<Map<String, String>> rows = rows(ROOT.resolve("anime-recommendations-database/anime.csv"));
    Map<Map<String, String>, Integer> popularity =
        percentiles(rows, r -> orZero(parseDouble(r.get("members"))));
    List<MediaSnapshot> media = new ArrayList<>();
    for (Map<String, String> row : rows) {
      String name = StringEscapeUtils.unescapeHtml4(row.get("name")).strip();
      Double rating = parseDouble(row.get("rating"));
      media.add(
          snapshot(
              MediaType.ANIME,
              "mal:" + row.get("anime_id"),
              new MediaSnapshot.Titles(name, null, null, name, List.of()),
              null,
              animeFormat(row.get("type")),
              split(row.get("genre"), ","),
              List.of(),
              popularity.get(row),
              rating == null ? null : (int) Math.round(rating * 10),
              Map.of("mal", row.get("anime_id"))));
    }
    return media;
  }

  /** movielens-ml-latest-small: movies.csv, links.csv, ratings.csv. */
  public static List<MediaSnapshot> movies() throws IOException {
    Path folder = ROOT.resolve("movielens-ml-latest-small");
    Map<String, Map<String, String>> links = new HashMap<>();
    for (Map<String, String> link : rows(folder.resolve("links.csv"))) {
      links.put(link.get("movieId"), link);
    }
    Map<String, double[]> ratings = new HashMap<>();
    for (Map<String, String> rating : rows(folder.resolve("ratings.csv"))) {
      double[] sum = ratings.computeIfAbsent(rating.get("movieId"), k -> new double[2]);
      sum[0] += Double.parseDouble(rating.get("rating"));
      sum[1]++;
    }
    List<Map<String, String>> rows = rows(folder.resolve("movies.csv"));
    Map<Map<String, String>, Integer> popularity =
        percentiles(rows, r -> ratings.getOrDefault(r.get("movieId"), new double[] {0, 0})[1]);
    List<MediaSnapshot> media = new ArrayList<>();
    for (Map<String, String> row : rows) {
      String title = row.get("title").strip();
      Integer year = null;
      Matcher y = YEAR.matcher(title);
      if (y.matches()) {
        title = y.group(1);
        year = Integer.parseInt(y.group(2));
      }
      List<String> synonyms = new ArrayList<>();
      for (Matcher alt = TRAILING_PAREN.matcher(title);
          alt.matches();
          alt = TRAILING_PAREN.matcher(title)) {
        title = alt.group(1);
        synonyms.add(withArticleFirst(alt.group(2).replaceFirst("^a\\.k\\.a\\.?\\s*", "").strip()));
      }
      title = withArticleFirst(title);
      double[] r = ratings.get(row.get("movieId"));
      Map<String, String> ids = new HashMap<>();
      Map<String, String> link = links.get(row.get("movieId"));
      if (link != null && !link.get("imdbId").isBlank()) {
        ids.put("imdb", "tt" + link.get("imdbId"));
      }
      if (link != null && !link.get("tmdbId").isBlank()) {
        ids.put("tmdb", link.get("tmdbId"));
      }
      List<String> genres =
          "(no genres listed)".equals(row.get("genres"))
              ? List.of()
              : split(row.get("genres"), "|");
      media.add(
          snapshot(
              MediaType.MOVIE,
              "movielens:" + row.get("movieId"),
              new MediaSnapshot.Titles(title, title, null, null, synonyms),
              year == null ? null : LocalDate.of(year, 1, 1),
              "MOVIE",
              genres,
              List.of(),
              popularity.get(row),
              r == null ? null : (int) Math.round(r[0] / r[1] * 20),
              ids));
    }
    return media;
  }

  /** goodbooks-10k/books.csv. */
  public static List<MediaSnapshot> books() throws IOException {
    List<Map<String, String>> rows = rows(ROOT.resolve("goodbooks-10k/books.csv"));
    Map<Map<String, String>, Integer> popularity =
        percentiles(rows, r -> orZero(parseDouble(r.get("ratings_count"))));
    List<MediaSnapshot> media = new ArrayList<>();
    for (Map<String, String> row : rows) {
      String full = row.get("title").strip();
      String title = full;
      List<String> synonyms = new ArrayList<>();
      Matcher series = SERIES.matcher(full);
      if (series.matches()) {
        title = series.group(1);
        synonyms.add(full);
      }
      String nativeTitle = null;
      String romanized = null;
      String original = row.get("original_title").strip();
      if (CJK.matcher(original).find()) {
        Matcher m = NATIVE_WITH_ROMAJI.matcher(original);
        if (m.matches()) {
          nativeTitle = m.group(1).strip();
          romanized = m.group(2).strip();
        } else {
          nativeTitle = original;
        }
        if (CJK.matcher(title).find() && !CJK.matcher(nativeTitle).find()) {
          nativeTitle = title;
        }
      } else if (!original.isEmpty() && !original.equalsIgnoreCase(title)) {
        synonyms.add(original);
      }
      Double year = parseDouble(row.get("original_publication_year"));
      Double average = parseDouble(row.get("average_rating"));
      media.add(
          snapshot(
              MediaType.BOOK,
              "goodreads:" + row.get("goodreads_book_id"),
              new MediaSnapshot.Titles(title, title, nativeTitle, romanized, synonyms),
              year == null ? null : LocalDate.of(year.intValue(), 1, 1),
              null,
              List.of(),
              split(row.get("authors"), ","),
              popularity.get(row),
              average == null ? null : (int) Math.round(average * 20),
              Map.of("goodreads", row.get("goodreads_book_id"))));
    }
    return media;
  }

  private static MediaSnapshot snapshot(
      MediaType type,
      String seed,
      MediaSnapshot.Titles titles,
      LocalDate start,
      String format,
      List<String> genres,
      List<String> authors,
      Integer popularity,
      Integer score,
      Map<String, String> externalIds) {
    return new MediaSnapshot(
        UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)),
        type,
        null,
        titles,
        null,
        null,
        start,
        null,
        ReleaseStatus.FINISHED,
        format,
        genres,
        List.of(),
        List.of(),
        List.of(),
        authors,
        List.of(),
        null,
        popularity,
        score,
        externalIds,
        "dataset",
        null,
        List.of());
  }

  private static String withArticleFirst(String title) {
    Matcher m = ARTICLE.matcher(title);
    if (!m.matches()) {
      return title;
    }
    String article = m.group(2);
    return article.endsWith("'") ? article + m.group(1) : article + " " + m.group(1);
  }

  private static String animeFormat(String type) {
    return switch (type == null ? "" : type.strip()) {
      case "TV" -> "TV";
      case "OVA" -> "OVA";
      case "ONA" -> "ONA";
      case "Movie" -> "MOVIE";
      case "Special" -> "SPECIAL";
      case "Music" -> "MUSIC";
      default -> null;
    };
  }

  private static List<String> split(String value, String separator) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(Pattern.quote(separator)))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }

  private static Double parseDouble(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Percentile rank 0-100 of each row by {@code metric} within its dataset (missing = 0). */
  private static Map<Map<String, String>, Integer> percentiles(
      List<Map<String, String>> rows, ToDoubleFunction<Map<String, String>> metric) {
    List<Map<String, String>> sorted = new ArrayList<>(rows);
    sorted.sort(java.util.Comparator.comparingDouble(metric));
    Map<Map<String, String>, Integer> ranks = new java.util.IdentityHashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      ranks.put(sorted.get(i), (int) Math.round(100.0 * i / Math.max(1, sorted.size() - 1)));
    }
    return ranks;
  }

  private static List<Map<String, String>> rows(Path file) throws IOException {
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<Map<String, String>> it =
            CSV.readerForMapOf(String.class).with(schema).readValues(reader)) {
      return it.readAll();
    }
  }
}
