package dev.kiroku.catalog.provider.hardcover;

import static dev.kiroku.catalog.provider.support.Json.at;
import static dev.kiroku.catalog.provider.support.Json.date;
import static dev.kiroku.catalog.provider.support.Json.decimal;
import static dev.kiroku.catalog.provider.support.Json.integer;
import static dev.kiroku.catalog.provider.support.Json.names;
import static dev.kiroku.catalog.provider.support.Json.text;
import static dev.kiroku.catalog.provider.support.Json.union;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.catalog.provider.ProviderMedia;
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

/**
 * Maps Hardcover GraphQL results to the canonical model: {@code books_by_pk} (details) and the
 * Typesense documents of {@code search(query_type: "Book")} ({@code
 * search.results.hits[].document}). Field by field (details / search document):
 *
 * <ul>
 *   <li>titles: canonical ← {@code title}; synonyms ← {@code alternative_titles} (runs of spaces
 *       and no-break spaces as one space, trimmed, distinct, without the title); no English/native
 *       split
 *   <li>synopsis ← {@code description} (CRLF line ends as LF)
 *   <li>images.poster ← {@code cached_image.url} / {@code image.url}
 *   <li>startDate and endDate ← {@code release_date} (a book is released once; kept as Hardcover
 *       writes it, e.g. "0198-01-01" for book 1); status FINISHED when that date is not after the
 *       fetch, NOT_YET_RELEASED when later, UNKNOWN without a date
 *   <li>genres ← {@code cached_tags.Genre[].tag} / {@code genres}
 *   <li>authors ← {@code cached_contributors[].author.name} (else {@code
 *       contributions[].author.name}) / {@code author_names}
 *   <li>counts.pages ← {@code pages}
 *   <li>averageScore ← {@code rating} (0-5) × 20, rounded
 *   <li>popularity ← {@code users_count} on a log scale: round(100 × log10(1 + users) / log10(1 +
 *       50,000)), capped at 100
 *   <li>externalIds: hardcover ← {@code id}; isbn ← {@code default_physical_edition.isbn_13} (else
 *       {@code isbn_10}) or the edition an ISBN lookup found; goodreads ← {@code book_mappings[]}
 *       with {@code platform.name} "Goodreads"
 * </ul>
 */
public final class HardcoverMapper {

  /** The provider name written to {@code sourceProvider}. */
  public static final String NAME = "hardcover";

  static final double USERS_CEILING = 50_000;

  private final Clock clock;

  public HardcoverMapper(Clock clock) {
    this.clock = clock;
  }

  /** Maps the documents of a search response ({@code data.search.results.hits[].document}). */
  public List<ProviderMedia> mapSearch(JsonNode body) {
    List<ProviderMedia> results = new ArrayList<>();
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (JsonNode hit : at(body, "data", "search", "results", "hits")) {
      JsonNode doc = at(hit, "document");
      String id = text(doc, "id");
      if (id == null || text(doc, "title") == null || !seen.add(id)) {
        continue;
      }
      results.add(new ProviderMedia(snapshot(doc, null), List.of(), false));
    }
    return results;
  }

  /**
   * Maps {@code data.books_by_pk}; null when Hardcover has no such book.
   *
   * @param isbn the ISBN the book was looked up by, null otherwise
   */
  public ProviderMedia mapBook(JsonNode body, String isbn) {
    JsonNode book = at(body, "data", "books_by_pk");
    if (!book.isObject() || text(book, "title") == null) {
      return null;
    }
    return new ProviderMedia(snapshot(book, isbn), List.of(), true);
  }

  private MediaSnapshot snapshot(JsonNode b, String lookedUpIsbn) {
    Instant now = clock.instant();
    String title = text(b, "title");
    LinkedHashSet<String> synonyms = new LinkedHashSet<>();
    for (JsonNode alternative : at(b, "alternative_titles")) {
      String t = text(alternative);
      if (t != null) {
        synonyms.add(t.replaceAll("[\\h\\s]+", " ").strip());
      }
    }
    synonyms.remove(title);

    String description = text(b, "description");
    if (description != null) {
      description = description.replace("\r\n", "\n");
    }
    String poster = text(b, "cached_image", "url");
    if (poster == null) {
      poster = text(b, "image", "url");
    }
    LocalDate released = date(text(b, "release_date"));
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    ReleaseStatus status =
        released == null
            ? ReleaseStatus.UNKNOWN
            : released.isAfter(today) ? ReleaseStatus.NOT_YET_RELEASED : ReleaseStatus.FINISHED;

    List<String> authors = new ArrayList<>();
    for (JsonNode c : at(b, "cached_contributors")) {
      String name = text(c, "author", "name");
      if (name != null && !authors.contains(name)) {
        authors.add(name);
      }
    }
    if (authors.isEmpty()) {
      for (JsonNode c : at(b, "contributions")) {
        String name = text(c, "author", "name");
        if (name != null && !authors.contains(name)) {
          authors.add(name);
        }
      }
    }
    authors = union(authors, names(at(b, "author_names"), null));

    Map<String, String> externalIds = new LinkedHashMap<>();
    externalIds.put(ExternalSource.HARDCOVER.key(), text(b, "id"));
    String isbn = text(b, "default_physical_edition", "isbn_13");
    if (isbn == null) {
      isbn = text(b, "default_physical_edition", "isbn_10");
    }
    if (lookedUpIsbn != null) {
      isbn = lookedUpIsbn;
    }
    if (isbn != null) {
      externalIds.put(ExternalSource.ISBN.key(), isbn);
    }
    for (JsonNode mapping : at(b, "book_mappings")) {
      String platform = text(mapping, "platform", "name");
      String externalId = text(mapping, "external_id");
      if ("Goodreads".equalsIgnoreCase(platform) && externalId != null) {
        externalIds.putIfAbsent(ExternalSource.GOODREADS.key(), externalId);
      }
    }

    return new MediaSnapshot(
        null,
        MediaType.BOOK,
        null,
        new MediaSnapshot.Titles(title, null, null, null, List.copyOf(synonyms)),
        description,
        new MediaSnapshot.Images(poster, null),
        released,
        status == ReleaseStatus.FINISHED ? released : null,
        status,
        null,
        union(names(at(b, "cached_tags", "Genre"), "tag"), names(at(b, "genres"), null)),
        List.of(),
        List.of(),
        List.of(),
        authors,
        List.of(),
        new MediaSnapshot.Counts(null, null, null, null, null, positive(integer(b, "pages")), null),
        Scores.logPopularity(integer(b, "users_count"), USERS_CEILING),
        Scores.scale(decimal(b, "rating"), 5, false),
        externalIds,
        NAME,
        now,
        List.of());
  }

  private static Integer positive(Integer value) {
    return value == null || value <= 0 ? null : value;
  }
}
