package dev.kiroku.progress.domain.imports.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** AniList MediaListCollection JSON on the real files in ../shared/fixtures/imports/anilist. */
class AniListJsonFormatTest {

  private static final ImportOptions POINT_100 = new ImportOptions(AniListScoreFormat.POINT_100);

  private static Map<String, Long> countByTypeAndStatus(List<ImportedEntry> rows) {
    return rows.stream()
        .collect(
            Collectors.groupingBy(r -> r.mediaType() + " " + r.status(), Collectors.counting()));
  }

  /** Kitsu's importer fixture: lists carry the status, entries do not; scores on 100 points. */
  @Test
  void kitsuFullListWithListLevelStatuses() {
    List<ImportedEntry> rows =
        Fixtures.parse(ImportSource.ANILIST_JSON, "anilist/toyhammered_full_list.json", POINT_100);

    assertThat(rows).hasSize(12);
    assertThat(countByTypeAndStatus(rows))
        .containsOnly(
            entry("ANIME PLANNING", 2L),
            entry("ANIME COMPLETED", 2L),
            entry("ANIME WATCHING", 1L),
            entry("ANIME PAUSED", 1L),
            entry("ANIME DROPPED", 1L),
            entry("MANGA READING", 1L),
            entry("MANGA COMPLETED", 2L),
            entry("MANGA PLANNING", 1L),
            entry("MANGA DROPPED", 1L));
    assertThat(rows).allSatisfy(r -> assertThat(r.problems()).isEmpty());

    ImportedEntry sign = Fixtures.byTitle(rows, ".hack//Sign");
    assertThat(sign.externalIds())
        .containsOnly(entry(ExternalSource.ANILIST, "48"), entry(ExternalSource.MAL, "48"));
    assertThat(sign.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(sign.rating()).isEqualTo(90);
    assertThat(sign.progress()).isEqualTo(new ImportedProgress(null, 26, null, null, null));
    assertThat(sign.startedAt().toLocalDate()).isEqualTo(LocalDate.of(2020, 4, 30));
    assertThat(sign.completedAt().toLocalDate()).isEqualTo(LocalDate.of(2012, 8, 5));
    assertThat(sign.notes()).startsWith("THESE are some cool notes man!!?\nwhatup dude?!?!");
    assertThat(sign.line()).isGreaterThan(1);

    ImportedEntry activeRaid =
        Fixtures.byTitle(rows, "Active Raid: Kidou Kyoushuushitsu Dai Hakkei");
    assertThat(activeRaid.externalIds())
        .containsOnly(entry(ExternalSource.ANILIST, "21417"), entry(ExternalSource.MAL, "31790"));
    assertThat(activeRaid.status()).isEqualTo(ImportStatus.WATCHING);
    assertThat(activeRaid.rating()).isNull(); // score 0

    ImportedEntry boys = Fixtures.byTitle(rows, "20th Century Boys");
    assertThat(boys.mediaType()).isEqualTo(MediaType.MANGA);
    assertThat(boys.externalIds())
        .containsOnly(entry(ExternalSource.ANILIST, "30003"), entry(ExternalSource.MAL, "3"));
    assertThat(boys.progress()).isEqualTo(new ImportedProgress(null, null, 249, 0, null));
    assertThat(boys.rating()).isEqualTo(100);
    assertThat(boys.startedAt()).hasToString("2017-06-04");

    ImportedEntry akuNoHana = Fixtures.byTitle(rows, "Aku no Hana");
    assertThat(akuNoHana.status()).isEqualTo(ImportStatus.DROPPED);
    assertThat(akuNoHana.rating()).isEqualTo(20);
  }

  @Test
  void withoutAStatedScaleRatingsAreLeftOutWithAWarningNotGuessed() {
    List<ImportedEntry> rows =
        Fixtures.parse(ImportSource.ANILIST_JSON, "anilist/toyhammered_full_list.json");

    assertThat(rows).hasSize(12).allSatisfy(r -> assertThat(r.rating()).isNull());
    assertThat(rows).allSatisfy(r -> assertThat(r.importable()).isTrue());
    // five entries have a non-zero score: 90, 100, 20, 100, 100
    assertThat(rows.stream().flatMap(r -> r.problems().stream()))
        .hasSize(5)
        .allSatisfy(p -> assertThat(p.code()).isEqualTo("RATING_SCALE_UNKNOWN"));
  }

  /** Yamtrack's fixture answers a query asking {@code score(format: POINT_10_DECIMAL)}. */
  @Test
  void yamtrackFileWithEntryStatusesAndMalIdsOnly() {
    List<ImportedEntry> rows =
        Fixtures.parse(
            ImportSource.ANILIST_JSON,
            "anilist/yamtrack_import_anilist.json",
            new ImportOptions(AniListScoreFormat.POINT_10_DECIMAL));

    assertThat(rows)
        .extracting(ImportedEntry::title, ImportedEntry::mediaType, ImportedEntry::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Chainsaw Man", MediaType.ANIME, ImportStatus.PLANNING),
            org.assertj.core.groups.Tuple.tuple("FLCL", MediaType.ANIME, ImportStatus.PAUSED),
            org.assertj.core.groups.Tuple.tuple("Hyouka", MediaType.ANIME, ImportStatus.WATCHING),
            org.assertj.core.groups.Tuple.tuple(
                "Blue Lock", MediaType.ANIME, ImportStatus.COMPLETED),
            org.assertj.core.groups.Tuple.tuple(
                "Fire Punch", MediaType.MANGA, ImportStatus.READING),
            org.assertj.core.groups.Tuple.tuple(
                "One Punch-Man", MediaType.MANGA, ImportStatus.COMPLETED));
    assertThat(rows).extracting(ImportedEntry::rating).containsExactly(70, 80, 80, 70, 70, 90);
    ImportedEntry chainsaw = rows.get(0);
    assertThat(chainsaw.externalIds()).containsOnly(entry(ExternalSource.MAL, "44511"));
    assertThat(chainsaw.updatedAt()).isEqualTo(Instant.ofEpochSecond(1749031877));
    assertThat(chainsaw.notes()).isNull(); // ""
    assertThat(chainsaw.startedAt()).isNull();
    ImportedEntry blueLock = rows.get(3);
    assertThat(blueLock.progress().episode()).isEqualTo(24);
    assertThat(blueLock.startedAt().toLocalDate()).isEqualTo(LocalDate.of(2022, 12, 28));
    assertThat(blueLock.completedAt().toLocalDate()).isEqualTo(LocalDate.of(2022, 12, 28));
    ImportedEntry onePunch = rows.get(5);
    assertThat(onePunch.repeatCount()).isEqualTo(1);
    assertThat(onePunch.progress().chapter()).isZero();
  }

  /** The two single-entry fixtures, placed in a collection that states its scoreFormat. */
  @Test
  void singleEntryFixturesInACollectionThatStatesItsScale() {
    String json =
        "{\"data\": {\"anime\": {\"user\": {\"mediaListOptions\": {\"scoreFormat\": \"POINT_100\"}},"
            + " \"lists\": [{\"entries\": ["
            + Fixtures.text("anilist/anime_completed_accel_world.json")
            + "]}]}, \"manga\": {\"lists\": [{\"entries\": ["
            + Fixtures.text("anilist/manga_current_arifureta.json")
            + "]}]}}}";
    // the file's own scoreFormat wins over the caller's fallback
    List<ImportedEntry> rows =
        Fixtures.parseString(
            ImportSource.ANILIST_JSON, json, new ImportOptions(AniListScoreFormat.POINT_5));

    assertThat(rows).hasSize(2);
    ImportedEntry accel = rows.get(0);
    assertThat(accel.mediaType()).isEqualTo(MediaType.ANIME);
    assertThat(accel.externalIds())
        .containsOnly(entry(ExternalSource.ANILIST, "11759"), entry(ExternalSource.MAL, "11990"));
    assertThat(accel.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(accel.rating()).isEqualTo(100);
    assertThat(accel.repeatCount()).isEqualTo(3);
    assertThat(accel.progress().episode()).isEqualTo(24);
    assertThat(accel.startedAt().toLocalDate()).isEqualTo(LocalDate.of(2012, 9, 3));
    assertThat(accel.completedAt().toLocalDate()).isEqualTo(LocalDate.of(2012, 9, 21));

    ImportedEntry arifureta = rows.get(1);
    assertThat(arifureta.mediaType()).isEqualTo(MediaType.MANGA);
    assertThat(arifureta.status()).isEqualTo(ImportStatus.READING);
    assertThat(arifureta.progress()).isEqualTo(new ImportedProgress(null, null, 38, 0, null));
    assertThat(arifureta.rating()).isEqualTo(70);
    assertThat(arifureta.notes()).isEqualTo("The best notes!");
    assertThat(arifureta.startedAt().toLocalDate()).isEqualTo(LocalDate.of(2017, 11, 12));
    assertThat(arifureta.completedAt()).isNull(); // {year: null, ...}
    assertThat(arifureta.title()).isEqualTo("Arifureta Shokugyou de Sekai Saikyou");
  }

  @Test
  void repeatingCustomListsPartialDatesAndUnknownTypes() {
    String json =
        """
        {"data": {"MediaListCollection": {"user": {"mediaListOptions": {"scoreFormat": "POINT_3"}},
          "lists": [
            {"name": "Rewatching", "isCustomList": false, "entries": [
              {"status": "REPEATING", "score": 3, "progress": 5, "repeat": 1,
               "startedAt": {"year": 2019, "month": 5, "day": null},
               "createdAt": 1500000000, "customLists": {"Favourites": true, "Later": false},
               "media": {"id": 1, "idMal": 1, "type": "ANIME"}}]},
            {"name": "Favourites", "isCustomList": true, "entries": [
              {"status": "REPEATING", "score": 3, "media": {"id": 1, "idMal": 1, "type": "ANIME"}},
              {"status": "CURRENT", "score": 1, "media": {"id": 2, "type": "MANGA"}}]},
            {"entries": [
              {"status": "COMPLETED", "score": 2, "media": {"id": 3}},
              {"status": "WHATEVER", "media": {"id": 4, "type": "ANIME"}},
              {"status": "COMPLETED", "score": 4, "media": {"type": "ANIME"}}]}
          ]}}}
        """;
    List<ImportedEntry> rows = Fixtures.parseString(ImportSource.ANILIST_JSON, json);

    assertThat(rows).hasSize(5); // media 1 appears twice: counted once
    ImportedEntry rewatch = rows.get(0);
    assertThat(rewatch.status()).isEqualTo(ImportStatus.WATCHING);
    assertThat(rewatch.repeating()).isTrue();
    assertThat(rewatch.rating()).isEqualTo(85); // POINT_3: 3 → 85
    assertThat(rewatch.startedAt()).isEqualTo(new PartialDate(2019, 5, null));
    assertThat(rewatch.addedAt()).isEqualTo(Instant.ofEpochSecond(1500000000));
    assertThat(rewatch.tags()).containsExactly("Favourites");
    assertThat(rows.get(1).status()).isEqualTo(ImportStatus.READING);
    assertThat(rows.get(1).rating()).isEqualTo(35);
    assertThat(rows.get(2).problems())
        .extracting(RowProblem::code)
        .containsExactly("UNKNOWN_MEDIA_TYPE");
    assertThat(rows.get(3).problems())
        .extracting(RowProblem::code)
        .containsExactly("UNKNOWN_STATUS");
    assertThat(rows.get(4).problems())
        .extracting(RowProblem::code)
        .containsExactly("MISSING_ID", "RATING_OUT_OF_RANGE");
    assertThat(rows.stream().filter(ImportedEntry::importable)).hasSize(2);
  }

  @Test
  void scoreFormatsConvertToHundred() {
    assertThat(AniListScoreFormat.POINT_100.toHundred(73)).isEqualTo(73);
    assertThat(AniListScoreFormat.POINT_10_DECIMAL.toHundred(7.5)).isEqualTo(75);
    assertThat(AniListScoreFormat.POINT_10.toHundred(8)).isEqualTo(80);
    assertThat(AniListScoreFormat.POINT_5.toHundred(4)).isEqualTo(80);
    assertThat(AniListScoreFormat.POINT_3.toHundred(2)).isEqualTo(60);
    assertThat(AniListScoreFormat.POINT_10.toHundred(0)).isNull();
    assertThatThrownBy(() -> AniListScoreFormat.POINT_10.toHundred(7.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AniListScoreFormat.POINT_5.toHundred(6))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
