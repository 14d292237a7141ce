package dev.kiroku.catalog.provider.tmdb;

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

class TmdbMapperTest {

  private final TmdbMapper mapper = new TmdbMapper(Fixtures.CLOCK);

  @Test
  void fightClub() {
    MediaSnapshot s = mapper.mapMovie(Fixtures.json("tmdb/movie_550_details.json")).media();
    assertEquals(MediaType.MOVIE, s.type());
    assertEquals("Fight Club", s.titles().canonical());
    assertEquals("Fight Club", s.titles().english());
    assertNull(s.titles().nativeTitle()); // original_title is the same
    assertEquals(
        "https://image.tmdb.org/t/p/original/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg", s.images().poster());
    assertEquals(
        "https://image.tmdb.org/t/p/original/hZkgoQYus5vegHoetLkCJzb17zJ.jpg", s.images().banner());
    assertEquals(LocalDate.of(1999, 10, 15), s.startDate());
    assertEquals(LocalDate.of(1999, 10, 15), s.endDate());
    assertEquals(ReleaseStatus.FINISHED, s.status());
    assertEquals("MOVIE", s.format());
    assertEquals(List.of("Drama", "Thriller", "Comedy"), s.genres());
    assertEquals(7, s.companies().size());
    assertEquals("Regency Enterprises", s.companies().get(0));
    assertEquals(139, s.counts().runtimeMinutes());
    assertEquals(84, s.averageScore()); // 8.433 × 10
    assertEquals(97, s.popularity()); // 26,280 votes on the log scale
    assertEquals(Map.of("tmdb", "550", "imdb", "tt0137523"), s.externalIds());
    assertEquals("tmdb", s.sourceProvider());
  }

  @Test
  void menInBlackWithAppendedCreditsAndExternalIds() {
    ProviderMedia media =
        mapper.mapMovie(Fixtures.json("tmdb/movie_607_append_credits_videos.json"));
    MediaSnapshot s = media.media();
    assertTrue(media.complete());
    assertEquals("Men in Black", s.titles().canonical());
    assertEquals(List.of("Ed Solomon", "Lowell Cunningham"), s.authors());
    assertEquals(98, s.counts().runtimeMinutes());
    assertEquals(72, s.averageScore());
    assertEquals(89, s.popularity());
    assertEquals("tt0119654", s.externalIds().get("imdb"));
    assertEquals(List.of("Action", "Adventure", "Comedy", "Science Fiction"), s.genres());
  }

  @Test
  void gameOfThronesWithSpecialsAndSeasonOne() {
    ProviderMedia media =
        mapper.mapTv(
            Fixtures.json("tmdb/tv_1399_details.json"),
            List.of(Fixtures.json("tmdb/tv_1399_season_1.json")));
    MediaSnapshot s = media.media();
    assertEquals(MediaType.TV, s.type());
    assertEquals("Game of Thrones", s.titles().canonical());
    assertEquals(ReleaseStatus.FINISHED, s.status()); // "Ended"; next_episode_to_air is ignored
    assertEquals(LocalDate.of(2011, 4, 17), s.startDate());
    assertEquals(LocalDate.of(2019, 5, 19), s.endDate());
    assertEquals("TV", s.format());
    assertEquals(
        List.of(
            "Revolution Sun Studios",
            "Television 360",
            "Generator Entertainment",
            "Bighead Littlehead",
            "HBO"),
        s.companies());
    assertEquals(List.of("David Benioff", "D.B. Weiss"), s.authors());
    assertEquals(new MediaSnapshot.Counts(73, 10, 8, null, null, null, 60), s.counts());
    assertEquals(9, s.seasons().size());
    MediaSnapshot.SeasonSummary specials = s.seasons().get(0);
    assertEquals(0, specials.number());
    assertEquals("Specials", specials.title());
    assertEquals(272, specials.episodeCount());
    assertEquals(272, specials.airedEpisodeCount()); // not fetched; the show has ended
    assertEquals(LocalDate.of(2010, 12, 5), specials.airDate());
    assertEquals(
        new MediaSnapshot.SeasonSummary(1, "Season 1", 10, 10, LocalDate.of(2011, 4, 17)),
        s.seasons().get(1));
    assertEquals(
        new MediaSnapshot.SeasonSummary(8, "Season 8", 6, 6, LocalDate.of(2019, 4, 14)),
        s.seasons().get(8));

    assertEquals(10, media.episodes().size());
    assertEquals(
        new ProviderMedia.Episode(1, 1, "Winter Is Coming", LocalDate.of(2011, 4, 17), 62),
        media.episodes().get(0));
  }

  @Test
  void appendedExternalIdsGiveImdbAndTvdbAndAlternativeTitles() {
    MediaSnapshot s =
        mapper.mapTv(Fixtures.json("tmdb/tv_1399_details_with_append.json"), List.of()).media();
    assertEquals("tt2934286", s.externalIds().get("imdb"));
    assertEquals("366524", s.externalIds().get("tvdb"));
    assertTrue(s.titles().synonyms().contains("헤일로"));
    assertTrue(s.titles().synonyms().contains("Halo the Series"));
  }

  @Test
  void fiftyEpisodeSeason() {
    ProviderMedia media =
        mapper.mapTv(
            Fixtures.json("tmdb/tv_1399_details.json"),
            List.of(Fixtures.json("tmdb/tv_19849_season_1_50_episodes.json")));
    assertEquals(50, media.episodes().size());
    assertEquals(
        new ProviderMedia.Episode(1, 1, "First Kiss", LocalDate.of(2005, 10, 8), 24),
        media.episodes().get(0));
  }

  @Test
  void searchTvWithUnicodeOriginalTitlesAndUnratedShows() {
    List<ProviderMedia> results =
        mapper.mapSearch(Fixtures.json("tmdb/search_tv_lupin.json"), MediaType.TV);
    assertEquals(15, results.size());
    assertTrue(results.stream().noneMatch(ProviderMedia::complete));
    MediaSnapshot fujiko = results.get(3).media();
    assertEquals("Lupin the Third: The Woman Called Fujiko Mine", fujiko.titles().canonical());
    assertEquals("LUPIN the Third ～峰不二子という女～", fujiko.titles().nativeTitle());
    MediaSnapshot unrated = results.get(4).media(); // vote_count 0, vote_average 0
    assertNull(unrated.averageScore());
    assertEquals(0, unrated.popularity());
    assertEquals(ReleaseStatus.UNKNOWN, unrated.status());
  }

  @Test
  void multiSearchKeepsMoviesAndShowsOnly() {
    List<ProviderMedia> results =
        mapper.mapSearch(Fixtures.json("tmdb/search_multi_brad.json"), null);
    assertEquals(10, results.size());
    assertEquals(MediaType.TV, results.get(0).media().type());
    assertEquals("The Brady Bunch", results.get(0).media().titles().canonical());
    assertEquals(MediaType.MOVIE, results.get(1).media().type());
    List<ProviderMedia> starWars =
        mapper.mapSearch(Fixtures.json("tmdb/search_multi_star_wars.json"), null);
    assertEquals(
        List.of("Star Wars", "Star Wars: Andor"),
        starWars.stream().map(m -> m.media().titles().canonical()).toList());
    assertFalse(starWars.stream().anyMatch(m -> m.media().externalIds().isEmpty()));
  }
}
