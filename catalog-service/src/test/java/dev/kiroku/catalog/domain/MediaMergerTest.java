package dev.kiroku.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaSnapshot.Counts;
import dev.kiroku.contracts.catalog.MediaSnapshot.Titles;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MediaMergerTest {

  static final UUID ID = UUID.randomUUID();
  static final Instant FETCHED = Instant.parse("2026-01-01T00:00:00Z");

  static MediaSnapshot snapshot(
      String title,
      String synopsis,
      Integer episodes,
      Integer score,
      Map<String, String> ids,
      String provider,
      Instant refreshed) {
    return new MediaSnapshot(
        null,
        MediaType.ANIME,
        null,
        new Titles(title, null, null, null, List.of()),
        synopsis,
        null,
        null,
        null,
        ReleaseStatus.FINISHED,
        "TV",
        List.of("Action"),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new Counts(episodes, null, null, null, null, null, null),
        50,
        score,
        ids,
        provider,
        refreshed,
        List.of());
  }

  static MediaSnapshot stored(MediaSnapshot m) {
    return MediaMerger.create(
        new MediaDraft(m, List.of(), DetailLevel.COMPLETE), ID, "cowboy-bebop");
  }

  @Test
  void aSearchSummaryNeverOverwritesAFullFetchButFillsWhatItLacks() {
    MediaSnapshot full =
        stored(
            snapshot(
                "Cowboy Bebop", "Bounty hunters.", 26, 88, Map.of("mal", "1"), "jikan", FETCHED));
    MediaSnapshot summary =
        snapshot(
            "COWBOY BEBOP!",
            null,
            27,
            10,
            Map.of("mal", "1", "anilist", "1"),
            "jikan",
            Instant.now());
    MediaMerger.Merged merged =
        MediaMerger.merge(
            full, DetailLevel.COMPLETE, new MediaDraft(summary, List.of(), DetailLevel.SUMMARY));
    assertThat(merged.detail()).isEqualTo(DetailLevel.COMPLETE);
    assertThat(merged.media().titles().canonical()).isEqualTo("Cowboy Bebop");
    assertThat(merged.media().counts().episodes()).isEqualTo(26);
    assertThat(merged.media().averageScore()).isEqualTo(88);
    assertThat(merged.media().synopsis()).isEqualTo("Bounty hunters.");
    assertThat(merged.media().lastRefreshedAt()).isEqualTo(FETCHED);
    assertThat(merged.media().externalIds())
        .containsEntry("anilist", "1")
        .containsEntry("mal", "1");
    assertThat(merged.media().id()).isEqualTo(ID);
    assertThat(merged.media().slug()).isEqualTo("cowboy-bebop");
  }

  @Test
  void aFullFetchOverwritesADatasetRowAndKeepsFieldsTheFetchLacks() {
    MediaSnapshot row =
        MediaMerger.create(
            new MediaDraft(
                snapshot(
                    "Cowboy Bebop", null, 26, 88, Map.of("mal", "1"), "dataset:anime-csv", null),
                List.of(),
                DetailLevel.DATASET),
            ID,
            "cowboy-bebop");
    Instant now = Instant.parse("2026-02-01T00:00:00Z");
    MediaSnapshot fetched =
        snapshot("Cowboy Bebop", "Space.", null, 86, Map.of("mal", "1"), "jikan", now);
    MediaMerger.Merged merged =
        MediaMerger.merge(
            row, DetailLevel.DATASET, new MediaDraft(fetched, List.of(), DetailLevel.COMPLETE));
    assertThat(merged.detail()).isEqualTo(DetailLevel.COMPLETE);
    assertThat(merged.media().averageScore()).isEqualTo(86);
    assertThat(merged.media().synopsis()).isEqualTo("Space.");
    assertThat(merged.media().counts().episodes()).as("kept from the row").isEqualTo(26);
    assertThat(merged.media().sourceProvider()).isEqualTo("jikan");
    assertThat(merged.media().lastRefreshedAt()).isEqualTo(now);
  }

  @Test
  void theSameDataMergedAgainIsUnchanged() {
    MediaSnapshot row =
        snapshot("Cowboy Bebop", null, 26, 88, Map.of("mal", "1"), "dataset:anime-csv", null);
    MediaSnapshot first =
        MediaMerger.create(new MediaDraft(row, List.of(), DetailLevel.DATASET), ID, "cowboy-bebop");
    MediaMerger.Merged again =
        MediaMerger.merge(
            first, DetailLevel.DATASET, new MediaDraft(row, List.of(), DetailLevel.DATASET));
    assertThat(again.media()).isEqualTo(first);
  }

  @Test
  void slugsAreAsciiLowerCaseAndDashed() {
    assertThat(Slugs.of("Kimi no Na wa.")).isEqualTo("kimi-no-na-wa");
    assertThat(Slugs.of("Pokémon: The Movie")).isEqualTo("pokemon-the-movie");
    assertThat(Slugs.of("Tom & Jerry")).isEqualTo("tom-and-jerry");
    assertThat(Slugs.of("Gintama'")).isEqualTo("gintama");
    assertThat(Slugs.of("カウボーイビバップ")).isEmpty();
  }

  @Test
  void scoresAreNormalisedTo0To100() {
    assertThat(Scores.percent(9.37, 10)).isEqualTo(94);
    assertThat(Scores.percent(4.34, 5)).isEqualTo(87);
    assertThat(Scores.popularity(1_000_000, 1_000_000)).isEqualTo(100);
    assertThat(Scores.popularity(2_000_000, 1_000_000)).isEqualTo(100);
    assertThat(Scores.popularity(0, 1_000_000)).isZero();
    assertThat(Scores.popularity(1_000, 1_000_000)).isEqualTo(50);
  }
}
