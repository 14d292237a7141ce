package dev.kiroku.catalog.imports;

import dev.kiroku.catalog.domain.DetailLevel;
import dev.kiroku.catalog.domain.MediaDraft;
import dev.kiroku.catalog.domain.Scores;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaSnapshot.Counts;
import dev.kiroku.contracts.catalog.MediaSnapshot.Images;
import dev.kiroku.contracts.catalog.MediaSnapshot.Titles;
import dev.kiroku.contracts.catalog.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.validator.routines.ISBNValidator;

/**
 * Maps one row of each dataset to a {@link MediaDraft} ({@link DetailLevel#DATASET}), or rejects it
 * with a reason naming the column. Datasets give a year, not a date: {@code startDate} is January 1
 * of that year.
 */
final class DatasetRows {

  /** MyAnimeList members that map to popularity 100 (see {@link Scores#popularity}). */
  static final long MAL_MEMBERS_REFERENCE = 1_000_000;

  /** Goodreads ratings that map to popularity 100. */
  static final long GOODREADS_RATINGS_REFERENCE = 5_000_000;

  static final List<String> ANIME_COLUMNS =
      List.of("anime_id", "name", "genre", "type", "episodes", "rating", "members");
  static final List<String> MOVIES_COLUMNS = List.of("movieId", "title", "genres");
  static final List<String> LINKS_COLUMNS = List.of("movieId", "imdbId", "tmdbId");
  static final List<String> BOOKS_COLUMNS =
      List.of(
          "goodreads_book_id",
          "isbn",
          "isbn13",
          "authors",
          "original_publication_year",
          "original_title",
          "title",
          "average_rating",
          "ratings_count",
          "image_url");

  private DatasetRows() {}

  static void requireWidth(CsvFile.Row row, int width) throws RowRejected {
    if (row.values().length != width) {
      throw new RowRejected("expected " + width + " columns, found " + row.values().length);
    }
  }

  /**
   * anime.csv: {@code anime_id} → mal id; {@code name} (HTML entities decoded) → canonical and
   * romanized title; {@code genre} ("Action, Drama") → genres; {@code type} → format (TV, OVA,
   * MOVIE, SPECIAL, ONA, MUSIC); {@code episodes} ("Unknown" → null); {@code rating} 0-10 → average
   * score ×10; {@code members} → popularity (log scale, 1,000,000 members = 100).
   */
  static MediaDraft anime(CsvFile.Row row, int width) throws RowRejected {
    requireWidth(row, width);
    long id = positiveLong(row, "anime_id");
    String name = required(row, "name");
    name = StringEscapeUtils.unescapeHtml4(name).strip();
    List<String> genres = split(row.get("genre"), ",");
    String format = animeFormat(row.get("type"));
    Integer episodes = null;
    String episodesText = row.get("episodes");
    if (episodesText != null && !episodesText.equalsIgnoreCase("Unknown")) {
      episodes = (int) nonNegativeLong(row, "episodes", 100_000);
    }
    Integer score = null;
    String rating = row.get("rating");
    if (rating != null) {
      score = Scores.percent(decimal("rating", rating, 0, 10), 10);
    }
    Integer popularity = null;
    if (row.get("members") != null) {
      popularity =
          Scores.popularity(nonNegativeLong(row, "members", Long.MAX_VALUE), MAL_MEMBERS_REFERENCE);
    }
    MediaSnapshot media =
        snapshot(
            MediaType.ANIME,
            new Titles(name, null, null, name, List.of()),
            null,
            null,
            format,
            genres,
            List.of(),
            new Counts(episodes, null, null, null, null, null, null),
            popularity,
            score,
            Map.of(ExternalSource.MAL.key(), Long.toString(id)),
            ImportFormat.ANIME_CSV.sourceProvider());
    return new MediaDraft(media, List.of(), DetailLevel.DATASET);
  }

  private static String animeFormat(String type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "Movie" -> "MOVIE";
      case "Special" -> "SPECIAL";
      case "Music" -> "MUSIC";
      default -> type.toUpperCase(Locale.ROOT);
    };
  }

  /** A links.csv row: MovieLens id → IMDb ({@code tt} + 7 digits) and TMDB ids. */
  record Link(String imdb, String tmdb) {}

  static Map.Entry<Long, Link> link(CsvFile.Row row, int width) throws RowRejected {
    requireWidth(row, width);
    long movieId = positiveLong(row, "movieId");
    String imdb = null;
    if (row.get("imdbId") != null) {
      long n = positiveLong(row, "imdbId");
      imdb = "tt" + String.format(Locale.ROOT, "%07d", n);
    }
    String tmdb = row.get("tmdbId") == null ? null : Long.toString(positiveLong(row, "tmdbId"));
    return Map.entry(movieId, new Link(imdb, tmdb));
  }

  private static final Pattern YEAR =
      Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:\\s*[-–]\\s*\\d{0,4})?\\)\\s*$");
  private static final Pattern ALT = Pattern.compile("^(.+?)\\s*\\(([^()]+)\\)$");
  private static final Pattern ARTICLE =
      Pattern.compile("^(.+), (The|A|An|Les|La|Le|L'|Il|Das|Der|Die|Den|Det|El|Los|Las|Lo|Gli|I)$");

  /**
   * movies.csv with its links: {@code title} "Matrix, The (1999)" → canonical "The Matrix", start
   * date 1999-01-01; an alternative title in parentheses ("(a.k.a. …)", "(Cité des enfants perdus,
   * La)") → synonyms; {@code genres} pipe-separated, "(no genres listed)" → none; ids from
   * links.csv (tmdb, imdb). A movie with neither id is rejected.
   */
  static MediaDraft movie(CsvFile.Row row, int width, Map<Long, Link> links) throws RowRejected {
    requireWidth(row, width);
    long movieId = positiveLong(row, "movieId");
    String title = required(row, "title");
    LocalDate start = null;
    Matcher year = YEAR.matcher(title);
    if (year.matches() && !year.group(1).isBlank()) {
      title = year.group(1);
      start = LocalDate.of(Integer.parseInt(year.group(2)), 1, 1);
    }
    List<String> synonyms = new ArrayList<>();
    Matcher alt = ALT.matcher(title);
    if (alt.matches()) {
      title = alt.group(1);
      String other = alt.group(2).replaceFirst("^a\\.k\\.a\\. ", "").strip();
      synonyms.add(fixArticle(other));
    }
    title = fixArticle(title.strip());
    List<String> genres =
        split(row.get("genres"), "\\|").stream()
            .filter(g -> !g.equals("(no genres listed)"))
            .toList();
    Link link = links.get(movieId);
    Map<String, String> ids = new TreeMap<>();
    if (link != null) {
      if (link.tmdb() != null) {
        ids.put(ExternalSource.TMDB.key(), link.tmdb());
      }
      if (link.imdb() != null) {
        ids.put(ExternalSource.IMDB.key(), link.imdb());
      }
    }
    if (ids.isEmpty()) {
      throw new RowRejected("movieId: no TMDB or IMDb id for movie " + movieId + " in links.csv");
    }
    MediaSnapshot media =
        snapshot(
            MediaType.MOVIE,
            new Titles(title, null, null, null, synonyms),
            start,
            null,
            "MOVIE",
            genres,
            List.of(),
            null,
            null,
            null,
            ids,
            ImportFormat.MOVIELENS.sourceProvider());
    return new MediaDraft(media, List.of(), DetailLevel.DATASET);
  }

  private static String fixArticle(String title) {
    Matcher m = ARTICLE.matcher(title);
    if (!m.matches()) {
      return title;
    }
    String article = m.group(2);
    return article.endsWith("'") ? article + m.group(1) : article + " " + m.group(1);
  }

  /**
   * books.csv: {@code goodreads_book_id} → goodreads id; {@code isbn} (leading zeros restored, kept
   * only when the ISBN-10 check digit holds) → isbn as ISBN-13; {@code isbn13} only when written as
   * 13 digits (the file mostly has lossy scientific notation such as 9.78043902348e+12, which is
   * ignored); {@code original_title} (else {@code title}) → canonical title, the edition {@code
   * title} → synonym; {@code authors} → authors; {@code original_publication_year} → start date;
   * {@code average_rating} 0-5 → average score ×20; {@code ratings_count} → popularity (log scale,
   * 5,000,000 ratings = 100); {@code image_url} → poster (Goodreads' "nophoto" placeholder
   * dropped).
   */
  static MediaDraft book(CsvFile.Row row, int width) throws RowRejected {
    requireWidth(row, width);
    long goodreads = positiveLong(row, "goodreads_book_id");
    String edition = row.get("title");
    String original = row.get("original_title");
    String canonical = original != null ? original : edition;
    if (canonical == null) {
      throw new RowRejected("title: empty (and original_title empty)");
    }
    List<String> synonyms =
        edition != null && !edition.equals(canonical) ? List.of(edition) : List.of();
    LocalDate start = null;
    String yearText = row.get("original_publication_year");
    if (yearText != null) {
      double year = decimal("original_publication_year", yearText, -5000, 3000);
      if (year != Math.rint(year)) {
        throw new RowRejected("original_publication_year: not a whole year: " + yearText);
      }
      start = LocalDate.of((int) year, 1, 1);
    }
    Integer score = null;
    if (row.get("average_rating") != null) {
      score = Scores.percent(decimal("average_rating", row.get("average_rating"), 0, 5), 5);
    }
    Integer popularity = null;
    if (row.get("ratings_count") != null) {
      popularity =
          Scores.popularity(
              nonNegativeLong(row, "ratings_count", Long.MAX_VALUE), GOODREADS_RATINGS_REFERENCE);
    }
    Map<String, String> ids = new TreeMap<>();
    ids.put(ExternalSource.GOODREADS.key(), Long.toString(goodreads));
    String isbn13 = row.get("isbn13");
    String isbn =
        isbn13 != null && isbn13.matches("\\d{13}")
            ? ISBNValidator.getInstance().validate(isbn13)
            : isbn13(row.get("isbn"));
    if (isbn != null) {
      ids.put(ExternalSource.ISBN.key(), isbn);
    }
    String image = row.get("image_url");
    if (image != null && (image.contains("nophoto") || !image.startsWith("http"))) {
      image = null;
    }
    MediaSnapshot media =
        new MediaSnapshot(
            null,
            MediaType.BOOK,
            null,
            new Titles(canonical, null, null, null, synonyms),
            null,
            image == null ? null : new Images(image, null),
            start,
            null,
            null,
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            split(row.get("authors"), ","),
            List.of(),
            null,
            popularity,
            score,
            ids,
            ImportFormat.GOODBOOKS_CSV.sourceProvider(),
            null,
            List.of());
    return new MediaDraft(media, List.of(), DetailLevel.DATASET);
  }

  /**
   * The ISBN-13 of a books.csv {@code isbn} value (an ISBN-10 whose leading zeros the file lost),
   * or null when it is not a valid ISBN-10. Catalog keeps every ISBN as ISBN-13 ({@code
   * ExternalSource.ISBN}), so imports and providers match the same key.
   */
  static String isbn13(String raw) {
    if (raw == null || !raw.matches("\\d{1,9}[\\dXx]")) {
      return null;
    }
    return ISBNValidator.getInstance(true)
        .validate("0".repeat(10 - raw.length()) + raw.toUpperCase(Locale.ROOT));
  }

  private static MediaSnapshot snapshot(
      MediaType type,
      Titles titles,
      LocalDate start,
      LocalDate end,
      String format,
      List<String> genres,
      List<String> authors,
      Counts counts,
      Integer popularity,
      Integer score,
      Map<String, String> ids,
      String sourceProvider) {
    return new MediaSnapshot(
        null,
        type,
        null,
        titles,
        null,
        null,
        start,
        end,
        null,
        format,
        genres,
        List.of(),
        List.of(),
        List.of(),
        authors,
        List.of(),
        counts,
        popularity,
        score,
        ids,
        sourceProvider,
        null,
        List.of());
  }

  private static String required(CsvFile.Row row, String column) throws RowRejected {
    String value = row.get(column);
    if (value == null) {
      throw new RowRejected(column + ": empty");
    }
    return value;
  }

  private static long positiveLong(CsvFile.Row row, String column) throws RowRejected {
    String value = required(row, column);
    try {
      long n = Long.parseLong(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new RowRejected(column + ": not a positive integer: '" + shorten(value) + "'");
  }

  private static long nonNegativeLong(CsvFile.Row row, String column, long max) throws RowRejected {
    String value = required(row, column);
    try {
      long n = Long.parseLong(value);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new RowRejected(
        column + ": not an integer from 0 to " + max + ": '" + shorten(value) + "'");
  }

  private static double decimal(String column, String value, double min, double max)
      throws RowRejected {
    try {
      double d = Double.parseDouble(value);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new RowRejected(
        column
            + ": not a number from "
            + fmt(min)
            + " to "
            + fmt(max)
            + ": '"
            + shorten(value)
            + "'");
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static List<String> split(String value, String separator) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(separator))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .distinct()
        .toList();
  }

  private static String shorten(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }
}
