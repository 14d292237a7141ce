package dev.kiroku.catalog.provider.googlebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiroku.catalog.provider.Fixtures;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoogleBooksMapperTest {

  private final GoogleBooksMapper mapper = new GoogleBooksMapper(Fixtures.CLOCK);

  @Test
  void bomPrefixedFixturesAreRead() {
    byte[] raw = Fixtures.bytes("googlebooks/volume_children_of_time_en.json");
    assertEquals((byte) 0xEF, raw[0]); // the UTF-8 byte-order mark is really there
    assertEquals((byte) 0xBB, raw[1]);
  }

  @Test
  void childrenOfTime() {
    ProviderMedia media =
        mapper.mapVolume(Fixtures.json("googlebooks/volume_children_of_time_en.json"));
    MediaSnapshot s = media.media();
    assertTrue(media.complete());
    assertEquals("Children of Time", s.titles().canonical());
    assertEquals(List.of("Adrian Tchaikovsky"), s.authors());
    assertEquals(List.of("Orbit"), s.companies());
    assertEquals(LocalDate.of(2018, 12, 11), s.startDate());
    assertEquals(ReleaseStatus.FINISHED, s.status());
    assertEquals("BOOK", s.format());
    assertEquals(640, s.counts().pages());
    assertEquals(80, s.averageScore()); // 4 × 20
    assertEquals(42, s.popularity()); // 49 ratings on the log scale
    assertEquals(Map.of("google_books", "49T5twEACAAJ", "isbn", "9780316452502"), s.externalIds());
    assertEquals(
        List.of(
            "Fiction",
            "Science Fiction",
            "Alien Contact",
            "Genetic Engineering",
            "Hard Science Fiction",
            "Space Exploration",
            "Space Opera"),
        s.genres());
    assertTrue(
        s.synopsis()
            .startsWith(
                "Adrian Tchaikovksy's award-winning novel Children of Time, is the epic story"),
        s.synopsis());
    assertFalse(s.synopsis().contains("<"));
    assertTrue(
        s.synopsis().contains("Who will inherit this new Earth?\n\nThe last remnants"),
        s.synopsis());
    assertTrue(
        s.images().poster().startsWith("https://books.google.com/books/content?id=49T5twEACAAJ"));
    assertTrue(s.images().poster().contains("zoom=1"));
  }

  @Test
  void frenchEditionWithoutRatings() {
    MediaSnapshot s =
        mapper
            .mapVolume(Fixtures.json("googlebooks/volume_dans_la_toile_du_temps_fr.json"))
            .media();
    assertEquals("Dans la toile du temps", s.titles().canonical());
    assertEquals(LocalDate.of(2019, 10, 3), s.startDate()); // "2019-10-03T00:00:00+02:00"
    assertEquals(478, s.counts().pages()); // printedPageCount over pageCount 704
    assertNull(s.averageScore());
    assertNull(s.popularity());
    assertEquals(List.of("Editions Gallimard"), s.companies());
    assertEquals("9782072853319", s.externalIds().get("isbn"));
    assertTrue(s.images().poster().contains("zoom=6")); // extraLarge
    assertTrue(s.images().poster().startsWith("https://"));
  }

  @Test
  void search() {
    List<ProviderMedia> results =
        mapper.mapSearch(Fixtures.json("googlebooks/volumes_search_children_of_time.json"));
    assertEquals(
        List.of("Children of Time", "Dans la toile du temps"),
        results.stream().map(m -> m.media().titles().canonical()).toList());
    assertTrue(results.stream().noneMatch(ProviderMedia::complete));
  }
}
