package dev.kiroku.catalog.provider.jikan;

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

class JikanMapperTest {

  private final JikanMapper mapper = new JikanMapper(Fixtures.CLOCK);

  @Test
  void cowboyBebopDetailsWithEpisodes() {
    ProviderMedia media =
        mapper.mapDetails(
            Fixtures.json("jikan/anime_1.json"),
            MediaType.ANIME,
            List.of(Fixtures.json("jikan/anime_1_episodes.json")));
    MediaSnapshot s = media.media();
    assertTrue(media.complete());
    assertNull(s.id());
    assertNull(s.slug());
    assertEquals(MediaType.ANIME, s.type());
    assertEquals("Cowboy Bebop", s.titles().canonical());
    assertEquals("Cowboy Bebop", s.titles().english());
    assertEquals("カウボーイビバップ", s.titles().nativeTitle());
    assertEquals("Cowboy Bebop", s.titles().romanized());
    assertEquals(List.of(), s.titles().synonyms());
    assertTrue(s.synopsis().startsWith("Crime is timeless."));
    assertEquals("https://myanimelist.net/images/anime/4/19644l.jpg", s.images().poster());
    assertNull(s.images().banner());
    assertEquals(LocalDate.of(1998, 4, 3), s.startDate());
    assertEquals(LocalDate.of(1999, 4, 24), s.endDate());
    assertEquals(ReleaseStatus.FINISHED, s.status());
    assertEquals("TV", s.format());
    assertEquals(List.of("Action", "Award Winning", "Sci-Fi"), s.genres());
    assertEquals(List.of("Adult Cast", "Space"), s.themes());
    assertEquals(List.of("Sunrise"), s.studios());
    assertEquals(
        List.of("Bandai Visual", "Victor Entertainment", "Audio Planning U", "Funimation"),
        s.companies());
    assertEquals(List.of(), s.authors());
    assertEquals(List.of(), s.platforms());
    assertEquals(new MediaSnapshot.Counts(26, 26, null, null, null, null, 24), s.counts());
    assertEquals(88, s.averageScore()); // 8.75 × 10 = 87.5 → 88
    // members 2,051,751: round(100 × log10(2,051,752) / log10(4,000,001)) = round(95.6) = 96
    assertEquals(96, s.popularity());
    assertEquals(Map.of("mal", "1"), s.externalIds());
    assertEquals("jikan", s.sourceProvider());
    assertEquals(Fixtures.CLOCK.instant(), s.lastRefreshedAt());
    assertEquals(List.of(), s.seasons());

    assertEquals(26, media.episodes().size());
    ProviderMedia.Episode first = media.episodes().get(0);
    assertEquals(
        new ProviderMedia.Episode(null, 1, "Asteroid Blues", LocalDate.of(1998, 10, 24), null),
        first);
    assertEquals(26, media.episodes().get(25).number());
  }

  @Test
  void monsterMangaDetails() {
    ProviderMedia media =
        mapper.mapDetails(Fixtures.json("jikan/manga_1_full.json"), MediaType.MANGA, List.of());
    MediaSnapshot s = media.media();
    assertEquals("Monster", s.titles().canonical());
    assertEquals("MONSTER", s.titles().nativeTitle());
    assertEquals(LocalDate.of(1994, 12, 5), s.startDate());
    assertEquals(LocalDate.of(2001, 12, 20), s.endDate());
    assertEquals(ReleaseStatus.FINISHED, s.status());
    assertEquals("MANGA", s.format());
    assertEquals(List.of("Award Winning", "Drama", "Mystery"), s.genres());
    assertEquals(List.of("Adult Cast", "Psychological", "Seinen"), s.themes());
    assertEquals(List.of("Urasawa, Naoki"), s.authors());
    assertEquals(List.of("Big Comic Original"), s.companies());
    assertEquals(new MediaSnapshot.Counts(null, null, null, 162, 18, null, null), s.counts());
    assertEquals(92, s.averageScore()); // 9.16
    assertEquals(Map.of("mal", "1"), s.externalIds());
    assertEquals(List.of(), media.episodes());
  }

  @Test
  void scheduleListDropsTheDuplicateEntryAndKeepsNullEpisodeCounts() {
    List<ProviderMedia> list =
        mapper.mapList(Fixtures.json("jikan/schedules_filter_monday.json"), MediaType.ANIME);
    // 12 entries, mal_id 62983 listed three times
    assertEquals(10, list.size());
    assertEquals(
        1, list.stream().filter(m -> "62983".equals(m.media().externalIds().get("mal"))).count());
    assertTrue(list.stream().noneMatch(ProviderMedia::complete));
    assertTrue(list.stream().anyMatch(m -> m.media().counts().episodes() == null));
  }

  @Test
  void upcomingSeasonHasNullDatesScoresAndEpisodes() {
    List<ProviderMedia> list =
        mapper.mapList(Fixtures.json("jikan/seasons_upcoming.json"), MediaType.ANIME);
    assertFalse(list.isEmpty());
    assertTrue(list.stream().anyMatch(m -> m.media().averageScore() == null));
    assertTrue(list.stream().anyMatch(m -> m.media().startDate() == null));
    assertTrue(list.stream().allMatch(m -> m.media().status() == ReleaseStatus.NOT_YET_RELEASED));
  }

  @Test
  void mangaSearchKeepsNullChaptersOfPublishingSeries() {
    List<ProviderMedia> list =
        mapper.mapList(Fixtures.json("jikan/search_manga_jujutsu_kaisen.json"), MediaType.MANGA);
    assertFalse(list.isEmpty());
    assertTrue(
        list.stream()
            .anyMatch(
                m ->
                    m.media().status() == ReleaseStatus.RELEASING
                        && m.media().counts().chapters() == null));
  }

  @Test
  void durations() {
    assertEquals(24, JikanMapper.runtimeMinutes("24 min per ep"));
    assertEquals(115, JikanMapper.runtimeMinutes("1 hr 55 min"));
    assertEquals(60, JikanMapper.runtimeMinutes("1 hr"));
    assertNull(JikanMapper.runtimeMinutes("Unknown"));
  }
}
