package dev.kiroku.progress.domain.imports.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Goodreads library CSV on the real exports in ../shared/fixtures/imports/goodreads. */
class GoodreadsCsvFormatTest {

  @Test
  void olderHeaderWithAverageRating() {
    List<ImportedEntry> rows =
        Fixtures.parse(ImportSource.GOODREADS_CSV, "goodreads/yamtrack_import_goodreads.csv");

    assertThat(rows).hasSize(3);
    assertThat(rows).allSatisfy(r -> assertThat(r.mediaType()).isEqualTo(MediaType.BOOK));
    assertThat(rows).extracting(ImportedEntry::recordNumber).containsExactly(1L, 2L, 3L);
    assertThat(rows).extracting(ImportedEntry::line).containsExactly(2L, 3L, 4L);

    ImportedEntry ghosts = rows.get(0);
    assertThat(ghosts.title()).isEqualTo("Ghosts of the Tristan Basin (Powder Mage, #0.8)");
    assertThat(ghosts.externalIds()).containsOnly(entry(ExternalSource.GOODREADS, "28825810"));
    assertThat(ghosts.otherIds()).isEmpty(); // ISBN ="" and ISBN13 =""
    assertThat(ghosts.status()).isEqualTo(ImportStatus.PLANNING);
    assertThat(ghosts.rating()).isNull(); // My Rating 0
    assertThat(ghosts.addedAt()).isEqualTo(Instant.parse("2025-07-02T00:00:00Z"));
    assertThat(ghosts.repeatCount()).isZero();
    assertThat(ghosts.tags()).isEmpty(); // "to-read" is the built-in shelf

    ImportedEntry wiseMan = rows.get(1);
    assertThat(wiseMan.externalIds())
        .containsOnly(
            entry(ExternalSource.GOODREADS, "1215032"),
            entry(ExternalSource.ISBN, "9780756404734"));
    assertThat(wiseMan.otherIds()).containsOnly(entry("isbn10", "0756404738"));
    assertThat(wiseMan.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(wiseMan.rating()).isEqualTo(100);
    assertThat(wiseMan.completedAt()).isNull(); // Date Read empty
    assertThat(wiseMan.repeatCount()).isZero(); // Read Count 1

    ImportedEntry whiteSand = rows.get(2);
    assertThat(whiteSand.status()).isEqualTo(ImportStatus.READING);
    assertThat(whiteSand.rating()).isEqualTo(60);
    assertThat(whiteSand.completedAt().toLocalDate()).isEqualTo(LocalDate.of(2021, 10, 11));
    assertThat(whiteSand.repeating()).isFalse(); // Read Count 1
    assertThat(rows).allSatisfy(r -> assertThat(r.problems()).isEmpty());
  }

  @Test
  void header2026WithoutAverageRating() {
    List<ImportedEntry> rows =
        Fixtures.parse(
            ImportSource.GOODREADS_CSV, "goodreads/aaronj1335_goodreads_library_export_2026.csv");

    assertThat(rows).hasSize(112);
    Map<ImportStatus, Long> byStatus =
        rows.stream()
            .filter(r -> r.status() != null)
            .collect(Collectors.groupingBy(ImportedEntry::status, Collectors.counting()));
    assertThat(byStatus)
        .containsOnly(entry(ImportStatus.COMPLETED, 80L), entry(ImportStatus.PLANNING, 31L));
    // the one book on the custom exclusive shelf "did-not-finish" is reported, not guessed
    List<ImportedEntry> unknown = rows.stream().filter(r -> !r.importable()).toList();
    assertThat(unknown)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.title()).isEqualTo("White Fang");
              assertThat(r.status()).isNull();
              assertThat(r.problems())
                  .extracting(RowProblem::code)
                  .containsExactly("UNKNOWN_STATUS");
              assertThat(r.problems().get(0).message()).contains("did-not-finish");
              assertThat(r.tags()).containsExactly("kidz", "did-not-finish");
            });
    // My Rating: 43 × 5, 20 × 4, 8 × 3, 1 × 2, 40 unrated
    assertThat(rows.stream().filter(r -> r.rating() == null)).hasSize(40);
    assertThat(rows.stream().filter(r -> Integer.valueOf(100).equals(r.rating()))).hasSize(43);
    assertThat(rows.stream().filter(r -> r.completedAt() != null)).hasSize(41);
    assertThat(rows.stream().filter(r -> r.externalId(ExternalSource.ISBN) != null))
        .hasSize(73); // 112 − 39 rows with neither ISBN13 nor ISBN-10

    ImportedEntry raintree = rows.get(0);
    assertThat(raintree.title()).isEqualTo("Raintree County");
    assertThat(raintree.externalIds())
        .containsOnly(
            entry(ExternalSource.GOODREADS, "257233"), entry(ExternalSource.ISBN, "9780140236668"));
    assertThat(raintree.otherIds()).containsOnly(entry("isbn10", "014023666X"));
    assertThat(raintree.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(raintree.rating()).isEqualTo(60);
    assertThat(raintree.completedAt().toLocalDate()).isEqualTo(LocalDate.of(2026, 6, 23));
    assertThat(raintree.addedAt()).isEqualTo(Instant.parse("2024-06-28T00:00:00Z"));

    // Book Id 2657 has Read Count 3: read three times = two rereads
    ImportedEntry thrice =
        rows.stream()
            .filter(r -> "2657".equals(r.externalId(ExternalSource.GOODREADS)))
            .findFirst()
            .orElseThrow();
    assertThat(thrice.repeatCount()).isEqualTo(2);
    assertThat(rows.stream().filter(r -> r.repeatCount() > 0)).containsExactly(thrice);
  }

  @Test
  void isbnQuirksReviewsNotesAndColumnsInAnyOrder() {
    String csv =
        "Exclusive Shelf,Title,ISBN,My Review,Spoiler,Private Notes,Book Id,ISBN13,My Rating,"
            + "Read Count,Bookshelves,Date Read\n"
            + "currently-reading,Dune,=\"0441172717\",\"Great, \"\"really\"\"\nsecond line\",true,"
            + "mine,234225,=\"\",4,2,\"sci-fi, to-read, favourites\",2020-01-31\n"
            + "read,Bad isbn,=\"0441172718\",,,,5,=\"9780441172710\",6,x,,2020/02/30\n"
            + "read,No id,,,,,,,0,1,,\n";
    List<ImportedEntry> rows = Fixtures.parseString(ImportSource.GOODREADS_CSV, csv);

    assertThat(rows).hasSize(3);
    ImportedEntry dune = rows.get(0);
    // ISBN-10 only: converted to its ISBN-13 for the lookup
    assertThat(dune.externalId(ExternalSource.ISBN)).isEqualTo("9780441172719");
    assertThat(dune.otherIds()).containsOnly(entry("isbn10", "0441172717"));
    assertThat(dune.review()).isEqualTo("Great, \"really\"\nsecond line");
    assertThat(dune.reviewSpoiler()).isTrue();
    assertThat(dune.notes()).isEqualTo("mine");
    assertThat(dune.rating()).isEqualTo(80);
    assertThat(dune.status()).isEqualTo(ImportStatus.READING);
    assertThat(dune.repeatCount()).isEqualTo(1);
    assertThat(dune.repeating()).isTrue(); // reading again (Read Count 2)
    assertThat(dune.tags()).containsExactly("sci-fi", "favourites");
    assertThat(dune.completedAt()).hasToString("2020-01-31");

    ImportedEntry bad = rows.get(1);
    assertThat(bad.line()).isEqualTo(4); // the review above spans two lines
    assertThat(bad.importable()).isTrue();
    assertThat(bad.problems())
        .extracting(RowProblem::field, RowProblem::code)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("ISBN13", "INVALID_ISBN"),
            org.assertj.core.groups.Tuple.tuple("ISBN", "INVALID_ISBN"),
            org.assertj.core.groups.Tuple.tuple("My Rating", "RATING_OUT_OF_RANGE"),
            org.assertj.core.groups.Tuple.tuple("Read Count", "INVALID_NUMBER"),
            org.assertj.core.groups.Tuple.tuple("Date Read", "INVALID_DATE"));
    assertThat(bad.externalIds()).containsOnly(entry(ExternalSource.GOODREADS, "5"));

    assertThat(rows.get(2).importable()).isFalse();
    assertThat(rows.get(2).problems()).extracting(RowProblem::code).containsExactly("MISSING_ID");
  }
}
