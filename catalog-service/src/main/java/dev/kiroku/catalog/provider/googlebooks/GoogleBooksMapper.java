package dev.kiroku.catalog.provider.googlebooks;

import static dev.kiroku.catalog.provider.support.Json.at;
import static dev.kiroku.catalog.provider.support.Json.date;
import static dev.kiroku.catalog.provider.support.Json.decimal;
import static dev.kiroku.catalog.provider.support.Json.integer;
import static dev.kiroku.catalog.provider.support.Json.names;
import static dev.kiroku.catalog.provider.support.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.catalog.provider.support.Json;
import dev.kiroku.catalog.provider.support.Scores;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.validator.routines.ISBNValidator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Maps Google Books v1 volumes ({@code /volumes/{id}}, and {@code items[]} of {@code /volumes?q=})
 * to the canonical model. Field by field:
 *
 * <ul>
 *   <li>titles: canonical ← {@code volumeInfo.title}; synonyms ← {@code title: subtitle} when there
 *       is a {@code volumeInfo.subtitle}
 *   <li>synopsis ← {@code volumeInfo.description} (HTML) as plain text, {@code <br>} and {@code
 *       <p>} as line breaks
 *   <li>images.poster ← the largest of {@code volumeInfo.imageLinks.extraLarge}, {@code large},
 *       {@code medium}, {@code small}, {@code thumbnail}, {@code smallThumbnail}, as https
 *   <li>startDate and endDate ← {@code volumeInfo.publishedDate} ("2018-12-11", "2019-10-03T00:00
 *       :00+02:00", "2018-12", "2018"); status FINISHED when not after the fetch, else
 *       NOT_YET_RELEASED; UNKNOWN without a date
 *   <li>format ← {@code volumeInfo.printType} ("BOOK", "MAGAZINE")
 *   <li>genres ← {@code volumeInfo.categories}, each "A / B / C" split into its parts, distinct
 *   <li>companies ← {@code volumeInfo.publisher}; authors ← {@code volumeInfo.authors}
 *   <li>counts.pages ← {@code volumeInfo.printedPageCount} (else {@code pageCount})
 *   <li>averageScore ← {@code volumeInfo.averageRating} (0-5) × 20
 *   <li>popularity ← {@code volumeInfo.ratingsCount} on a log scale: round(100 × log10(1 + ratings)
 *       / log10(1 + 10,000)), capped at 100
 *   <li>externalIds: google_books ← {@code id}; isbn ← {@code industryIdentifiers[]} of type
 *       ISBN_13 (else ISBN_10)
 * </ul>
 */
public final class GoogleBooksMapper {

  /** The provider name written to {@code sourceProvider}. */
  public static final String NAME = "googlebooks";

  static final double RATINGS_CEILING = 10_000;

  private static final String[] IMAGE_SIZES = {
    "extraLarge", "large", "medium", "small", "thumbnail", "smallThumbnail"
  };

  private final Clock clock;

  public GoogleBooksMapper(Clock clock) {
    this.clock = clock;
  }

  /** Maps {@code items[]} of a search; empty when {@code totalItems} is 0 (no {@code items}). */
  public List<ProviderMedia> mapSearch(JsonNode body) {
    List<ProviderMedia> results = new ArrayList<>();
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (JsonNode volume : at(body, "items")) {
      String id = text(volume, "id");
      if (id == null || text(volume, "volumeInfo", "title") == null || !seen.add(id)) {
        continue;
      }
      results.add(new ProviderMedia(snapshot(volume), List.of(), false));
    }
    return results;
  }

  /** Maps one volume; null when it has no title. */
  public ProviderMedia mapVolume(JsonNode volume) {
    if (text(volume, "id") == null || text(volume, "volumeInfo", "title") == null) {
      return null;
    }
    return new ProviderMedia(snapshot(volume), List.of(), true);
  }

  private MediaSnapshot snapshot(JsonNode volume) {
    Instant now = clock.instant();
    JsonNode v = at(volume, "volumeInfo");
    String title = text(v, "title");
    String subtitle = text(v, "subtitle");
    List<String> synonyms = subtitle == null ? List.of() : List.of(title + ": " + subtitle);

    String poster = null;
    for (String size : IMAGE_SIZES) {
      poster = text(v, "imageLinks", size);
      if (poster != null) {
        break;
      }
    }
    if (poster != null && poster.startsWith("http://")) {
      poster = "https://" + poster.substring("http://".length());
    }

    LocalDate published = date(text(v, "publishedDate"));
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    ReleaseStatus status =
        published == null
            ? ReleaseStatus.UNKNOWN
            : published.isAfter(today) ? ReleaseStatus.NOT_YET_RELEASED : ReleaseStatus.FINISHED;

    LinkedHashSet<String> genres = new LinkedHashSet<>();
    for (String category : names(at(v, "categories"), null)) {
      for (String part : category.split("/")) {
        if (!part.isBlank()) {
          genres.add(part.strip());
        }
      }
    }

    Map<String, String> externalIds = new LinkedHashMap<>();
    externalIds.put(ExternalSource.GOOGLE_BOOKS.key(), text(volume, "id"));
    String isbn13 = null;
    String isbn10 = null;
    for (JsonNode identifier : at(v, "industryIdentifiers")) {
      String kind = text(identifier, "type");
      if ("ISBN_13".equals(kind)) {
        isbn13 = text(identifier, "identifier");
      } else if ("ISBN_10".equals(kind)) {
        isbn10 = text(identifier, "identifier");
      }
    }
    // catalog keeps ISBNs as ISBN-13: an ISBN-10 alone is converted
    String isbn = ISBNValidator.getInstance(true).validate(isbn13 != null ? isbn13 : isbn10);
    if (isbn != null) {
      externalIds.put(ExternalSource.ISBN.key(), isbn);
    }

    Integer pages = integer(v, "printedPageCount");
    if (pages == null || pages <= 0) {
      pages = integer(v, "pageCount");
    }
    String publisher = text(v, "publisher");
    return new MediaSnapshot(
        null,
        MediaType.BOOK,
        null,
        new MediaSnapshot.Titles(title, null, null, null, synonyms),
        plainText(text(v, "description")),
        new MediaSnapshot.Images(poster, null),
        published,
        status == ReleaseStatus.FINISHED ? published : null,
        status,
        Json.formatWord(text(v, "printType")),
        List.copyOf(genres),
        List.of(),
        List.of(),
        publisher == null ? List.of() : List.of(publisher),
        names(at(v, "authors"), null),
        List.of(),
        new MediaSnapshot.Counts(
            null, null, null, null, null, pages != null && pages > 0 ? pages : null, null),
        Scores.logPopularity(integer(v, "ratingsCount"), RATINGS_CEILING),
        Scores.scale(decimal(v, "averageRating"), 5, false),
        externalIds,
        NAME,
        now,
        List.of());
  }

  /** HTML description as plain text: {@code <br>} and block ends become line breaks. */
  static String plainText(String html) {
    if (html == null) {
      return null;
    }
    Document document = Jsoup.parseBodyFragment(html);
    document.outputSettings().prettyPrint(false);
    document.select("br").after("\\n");
    document.select("p, div, li").after("\\n\\n");
    String text = document.text().replace("\\n", "\n");
    text = text.replaceAll("[ \\t]*\\n[ \\t]*", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    return text.isEmpty() ? null : text;
  }
}
