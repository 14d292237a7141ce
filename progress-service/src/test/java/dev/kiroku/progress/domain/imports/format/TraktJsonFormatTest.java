package dev.kiroku.progress.domain.imports.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trakt JSON on the real files in ../shared/fixtures/imports/trakt. */
class TraktJsonFormatTest {

  @Test
  void watchedShowBecomesAnEntryWithItsEpisodeHistory() {
    List<ImportedEntry> rows =
        Fixtures.parse(ImportSource.TRAKT_JSON, "trakt/yamtrack_trakt_sync_watched.json");

    assertThat(rows).hasSize(1);
    ImportedEntry southPark = rows.get(0);
    assertThat(southPark.title()).isEqualTo("South Park (1997)");
    assertThat(southPark.mediaType()).isEqualTo(MediaType.TV);
    assertThat(southPark.externalIds())
        .containsOnly(
            entry(ExternalSource.TVDB, "75897"),
            entry(ExternalSource.IMDB, "tt0121955"),
            entry(ExternalSource.TMDB, "2190"));
    assertThat(southPark.otherIds())
        .containsOnly(entry("trakt", "2177"), entry("trakt_slug", "south-park"));
    assertThat(southPark.status()).isEqualTo(ImportStatus.WATCHING);
    assertThat(southPark.repeating()).isFalse(); // reset_at null
    assertThat(southPark.progress()).isEqualTo(new ImportedProgress(1, 13, null, null, null));
    assertThat(southPark.updatedAt()).isEqualTo(Instant.parse("2024-09-10T13:52:56Z"));
    assertThat(southPark.episodes()).hasSize(13);
    assertThat(southPark.episodes())
        .allSatisfy(
            e -> {
              assertThat(e.season()).isEqualTo(1);
              assertThat(e.plays()).isEqualTo(1);
              assertThat(e.lastWatchedAt()).isEqualTo(Instant.parse("2024-09-10T13:52:56Z"));
            });
    assertThat(southPark.episodes())
        .extracting(WatchedEpisode::episode)
        .startsWith(1, 2, 3)
        .endsWith(13);
    assertThat(southPark.problems()).isEmpty();
  }

  @Test
  void movieRatingBecomesARatingOnHundredPoints() {
    List<ImportedEntry> rows =
        Fixtures.parse(ImportSource.TRAKT_JSON, "trakt/yamtrack_trakt_sync_ratings.json");

    assertThat(rows).hasSize(1);
    ImportedEntry pulpFiction = rows.get(0);
    assertThat(pulpFiction.title()).isEqualTo("Pulp Fiction (1994)");
    assertThat(pulpFiction.mediaType()).isEqualTo(MediaType.MOVIE);
    assertThat(pulpFiction.externalIds())
        .containsOnly(entry(ExternalSource.IMDB, "tt0110912"), entry(ExternalSource.TMDB, "680"));
    assertThat(pulpFiction.otherIds()).containsEntry("trakt", "554");
    assertThat(pulpFiction.rating()).isEqualTo(80);
    assertThat(pulpFiction.status()).isNull(); // a rating says nothing about the status
    assertThat(pulpFiction.updatedAt()).isEqualTo(Instant.parse("2024-03-07T19:37:27Z"));
    assertThat(pulpFiction.importable()).isTrue();
  }

  /**
   * No Trakt watchlist or watched-movies file is among the fixtures: built from Trakt's API docs.
   */
  @Test
  void watchlistAndWatchedMoviesAndUnsupportedItems() {
    String watchlist =
        """
        [
          {"rank": 1, "id": 101, "listed_at": "2014-09-01T09:10:11.000Z", "notes": "for the weekend",
           "type": "movie", "movie": {"title": "TRON: Legacy", "year": 2010,
             "ids": {"trakt": 1, "slug": "tron-legacy-2010", "imdb": "tt1104001", "tmdb": 20526}}},
          {"rank": 2, "id": 102, "listed_at": "2014-09-01T09:10:11.000Z", "type": "show",
           "show": {"title": "Breaking Bad", "year": 2008,
             "ids": {"trakt": 1, "slug": "breaking-bad", "tvdb": 81189, "imdb": "tt0903747", "tmdb": 1396}}},
          {"rank": 3, "id": 103, "listed_at": "2014-09-01T09:10:11.000Z", "type": "season",
           "season": {"number": 1, "ids": {"tvdb": 30272}},
           "show": {"title": "Breaking Bad", "year": 2008, "ids": {"trakt": 1, "tmdb": 1396}}}
        ]
        """;
    List<ImportedEntry> rows = Fixtures.parseString(ImportSource.TRAKT_JSON, watchlist);

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).status()).isEqualTo(ImportStatus.PLANNING);
    assertThat(rows.get(0).mediaType()).isEqualTo(MediaType.MOVIE);
    assertThat(rows.get(0).notes()).isEqualTo("for the weekend");
    assertThat(rows.get(0).addedAt()).isEqualTo(Instant.parse("2014-09-01T09:10:11Z"));
    assertThat(rows.get(1).mediaType()).isEqualTo(MediaType.TV);
    assertThat(rows.get(1).externalId(ExternalSource.TVDB)).isEqualTo("81189");
    assertThat(rows.get(2).importable()).isFalse();
    assertThat(rows.get(2).problems())
        .extracting(RowProblem::code)
        .containsExactly("UNSUPPORTED_ITEM");

    String watchedMovies =
        """
        [{"plays": 3, "last_watched_at": "2014-10-11T17:00:54.000Z",
          "last_updated_at": "2014-10-11T17:00:54.000Z",
          "movie": {"title": "Batman Begins", "year": 2005,
            "ids": {"trakt": 6, "slug": "batman-begins-2005", "imdb": "tt0372784", "tmdb": 272}}}]
        """;
    ImportedEntry batman = Fixtures.parseString(ImportSource.TRAKT_JSON, watchedMovies).get(0);
    assertThat(batman.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(batman.repeatCount()).isEqualTo(2); // 3 plays = 1 viewing + 2 repeats
    assertThat(batman.completedAt().toLocalDate()).isEqualTo(LocalDate.of(2014, 10, 11));
  }

  @Test
  void showHistoryAcrossSeasonsTakesTheLastWatchedEpisode() {
    String watched =
        """
        [{"plays": 4, "last_watched_at": "2020-01-05T20:00:00.000Z", "reset_at": "2019-12-01T00:00:00.000Z",
          "show": {"title": "X", "ids": {"tmdb": 1}},
          "seasons": [
            {"number": 2, "episodes": [{"number": 1, "plays": 2, "last_watched_at": "2020-01-05T20:00:00.000Z"}]},
            {"number": 1, "episodes": [{"number": 9, "plays": 1, "last_watched_at": null}]},
            {"number": 0, "episodes": [{"number": 1, "plays": 1}]}]}]
        """;
    ImportedEntry x = Fixtures.parseString(ImportSource.TRAKT_JSON, watched).get(0);
    assertThat(x.progress()).isEqualTo(new ImportedProgress(2, 1, null, null, null));
    assertThat(x.episodes())
        .containsExactly(
            new WatchedEpisode(2, 1, 2, Instant.parse("2020-01-05T20:00:00Z")),
            new WatchedEpisode(1, 9, 1, null),
            new WatchedEpisode(0, 1, 1, null));
    assertThat(x.repeating()).isTrue(); // reset_at set: the user restarted the show
  }
}
