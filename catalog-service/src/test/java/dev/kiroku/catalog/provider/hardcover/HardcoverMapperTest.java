package dev.kiroku.catalog.provider.hardcover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiroku.catalog.provider.Fixtures;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardcoverMapperTest {

  private final HardcoverMapper mapper = new HardcoverMapper(Fixtures.CLOCK);

  @Test
  void bookByPk() {
    ProviderMedia media = mapper.mapBook(Fixtures.json("hardcover/book_by_pk_1.json"), null);
    MediaSnapshot s = media.media();
    assertTrue(media.complete());
    assertEquals(MediaType.BOOK, s.type());
    assertEquals("Lord Peter Views the Body", s.titles().canonical());
    assertEquals(List.of(), s.titles().synonyms());
    assertTrue(
        s.synopsis().startsWith("Consists of the following short stories -\n\"The Abominable"));
    assertFalse(s.synopsis().contains("\r"));
    assertEquals(
        "https://assets.hardcover.app/external_data/60951398/fcce59736371385c33cab5dd4b5fc478fac17dd6.jpeg",
        s.images().poster());
    // Hardcover's own (odd) date for book 1 is kept as written
    assertEquals(LocalDate.of(198, 1, 1), s.startDate());
    assertEquals(ReleaseStatus.FINISHED, s.status());
    assertNull(s.format());
    assertEquals(
        List.of(
            "Mystery", "Classics", "Fiction", "Detective and mystery stories", "Fantasy", "Magic"),
        s.genres());
    assertEquals(List.of("Dorothy L. Sayers"), s.authors());
    assertEquals(288, s.counts().pages());
    assertEquals(77, s.averageScore()); // 3.8448 × 20
    assertEquals(37, s.popularity()); // 55 users on the log scale
    assertEquals(Map.of("hardcover", "1"), s.externalIds());
    assertEquals("hardcover", s.sourceProvider());
  }

  @Test
  void bookFoundByIsbnCarriesTheIsbn() {
    MediaSnapshot s =
        mapper.mapBook(Fixtures.json("hardcover/book_by_pk_1.json"), "9780450564741").media();
    assertEquals(Map.of("hardcover", "1", "isbn", "9780450564741"), s.externalIds());
  }

  @Test
  void searchDocumentsWithUnicodeAlternativeTitles() {
    List<ProviderMedia> results =
        mapper.mapSearch(Fixtures.json("hardcover/search_book_dune.json"));
    assertEquals(3, results.size());
    MediaSnapshot dune = results.get(0).media();
    assertFalse(results.get(0).complete());
    assertEquals("Dune", dune.titles().canonical());
    assertTrue(dune.titles().synonyms().contains("Дюна"));
    assertTrue(dune.titles().synonyms().contains("Dune. Der Wüstenplanet"));
    assertTrue(
        dune.titles()
            .synonyms()
            .contains("Dune - Editura Nemira")); // a run of spaces and a no-break space collapsed
    assertFalse(dune.titles().synonyms().contains("Dune")); // "Dune " trimmed is the title
    assertEquals(List.of("Frank Herbert", "Brian Herbert"), dune.authors());
    assertEquals(List.of("Science Fiction"), dune.genres());
    assertEquals(LocalDate.of(1965, 6, 1), dune.startDate());
    assertEquals(704, dune.counts().pages());
    assertEquals(86, dune.averageScore()); // 4.3234 × 20
    assertEquals("312460", dune.externalIds().get("hardcover"));
    assertEquals(
        "https://assets.hardcover.app/editions/30426415/8362709973192601-9780441013593-us.jpg",
        dune.images().poster());
  }

  @Test
  void emptyAndErrorBodiesGiveNothing() {
    assertEquals(List.of(), mapper.mapSearch(Fixtures.json("hardcover/books_empty_result.json")));
    assertNull(mapper.mapBook(Fixtures.json("hardcover/books_empty_result.json"), null));
    assertNull(mapper.mapBook(Fixtures.json("hardcover/error_invalid_token.json"), null));
  }
}
