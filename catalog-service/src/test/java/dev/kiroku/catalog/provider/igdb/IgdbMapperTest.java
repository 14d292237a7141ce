package dev.kiroku.catalog.provider.igdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class IgdbMapperTest {

  private final IgdbMapper mapper = new IgdbMapper(Fixtures.CLOCK);

  @Test
  void godOfWarExpandedDetails() {
    List<ProviderMedia> games =
        mapper.map(Fixtures.json("igdb/games_details_god_of_war_expanded.json"), true);
    assertEquals(1, games.size());
    MediaSnapshot s = games.get(0).media();
    assertTrue(games.get(0).complete());
    assertEquals(MediaType.GAME, s.type());
    assertEquals("God of War", s.titles().canonical());
    assertTrue(s.synopsis().startsWith("God of War is the sequel to God of War III"));
    assertEquals(
        "https://images.igdb.com/igdb/image/upload/t_cover_big/co1tmu.jpg", s.images().poster());
    assertNull(s.images().banner());
    assertEquals(LocalDate.of(2018, 4, 20), s.startDate()); // 1524182400
    assertNull(s.endDate());
    assertEquals(ReleaseStatus.FINISHED, s.status()); // no status field; released before the clock
    assertNull(s.format()); // no category requested in this recording
    assertEquals(List.of("Hack and slash/Beat 'em up", "Adventure"), s.genres());
    // the developer first, then the others
    assertEquals(
        List.of("SIE Santa Monica Studio", "Sony Interactive Entertainment", "Jetpack Interactive"),
        s.companies());
    assertEquals(List.of("PC (Microsoft Windows)", "PlayStation 4"), s.platforms());
    assertNull(s.averageScore());
    assertNull(s.popularity());
    assertEquals(Map.of("igdb", "19560"), s.externalIds());
    assertEquals("igdb", s.sourceProvider());
  }

  @Test
  void fieldsStarResponseHasIdArraysButScores() {
    MediaSnapshot s =
        mapper.map(Fixtures.json("igdb/games_get_7346_fields_star.json"), true).get(0).media();
    assertEquals("The Legend of Zelda: Breath of the Wild", s.titles().canonical());
    assertEquals(List.of(), s.genres()); // ids only, not expanded
    assertEquals(List.of(), s.titles().synonyms());
    assertNull(s.images().poster()); // cover is an id
    assertEquals("GAME", s.format()); // category 0
    assertEquals(93, s.averageScore()); // rating 92.587 (already 0-100)
    // total_rating_count 484: round(100 × log10(485) / log10(4001)) = 75
    assertEquals(75, s.popularity());
    assertEquals(LocalDate.of(2017, 3, 3), s.startDate());
  }

  @Test
  void searchWithRomanizedTitlesAndMissingRatings() {
    List<ProviderMedia> games =
        mapper.map(Fixtures.json("igdb/games_search_super_fields_star.json"), false);
    assertEquals(5, games.size());
    assertEquals("Dai-4-Ji Super Robot Taisen", games.get(4).media().titles().canonical());
    assertNull(games.get(2).media().averageScore()); // Super Xevious: no rating
    assertEquals(85, games.get(1).media().averageScore());
    assertTrue(games.stream().noneMatch(ProviderMedia::complete));
  }

  @Test
  void errorBodiesAreNotGames() {
    assertEquals(List.of(), mapper.map(Fixtures.json("igdb/error_400_syntax_error.json"), false));
    assertEquals(List.of(), mapper.map(Fixtures.json("igdb/error_401_auth_failure.json"), false));
  }
}
