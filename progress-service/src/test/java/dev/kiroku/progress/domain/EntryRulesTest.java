package dev.kiroku.progress.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.EntryChange.ProgressChange;
import dev.kiroku.progress.domain.EntryChange.RatingChange;
import dev.kiroku.progress.domain.MediaUnits.Unit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EntryRules}, table-driven, without I/O: each row is a stored entry (or none), a change,
 * and what the README's "Entries", "Episode history, repeats, advance" and "Ratings" sections say
 * must come of it.
 */
class EntryRulesTest {

  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final LocalDate TODAY = LocalDate.parse("2026-03-10");
  static final String USER = "a11ce000-0000-4000-8000-000000000001";

  static final MediaSummary ANIME = media(MediaType.ANIME, 26, 26, null, null, List.of());
  static final MediaSummary AIRING = media(MediaType.ANIME, 12, 5, null, null, List.of());
  static final MediaSummary TV =
      media(
          MediaType.TV,
          null,
          null,
          null,
          null,
          List.of(
              new MediaSummary.Season(0, 3, 3),
              new MediaSummary.Season(1, 9, 9),
              new MediaSummary.Season(2, 10, 4)));
  static final MediaSummary MANGA = media(MediaType.MANGA, null, null, 100, null, List.of());
  static final MediaSummary BOOK = media(MediaType.BOOK, null, null, null, 400, List.of());
  static final MediaSummary MOVIE = media(MediaType.MOVIE, null, null, null, null, List.of());

  static MediaSummary media(
      MediaType type,
      Integer episodes,
      Integer aired,
      Integer chapters,
      Integer pages,
      List<MediaSummary.Season> seasons) {
    return new MediaSummary(
        UUID.randomUUID(),
        type,
        type + " title",
        List.of(),
        episodes,
        aired,
        chapters,
        10,
        pages,
        seasons);
  }

  static Entry stored(MediaSummary m, EntryStatus status, Progress progress) {
    Entry e = Entry.create(USER, m, NOW.minusSeconds(86_400 * 30));
    e.status = status;
    e.progress = progress;
    e.version = 3;
    e.startedAt = TODAY.minusDays(30);
    if (status == EntryStatus.COMPLETED) {
      e.completedAt = TODAY.minusDays(2);
    }
    return e;
  }

  static EntryChange change(EntryStatus status, ProgressChange progress) {
    return new EntryChange(status, progress, null, null, null, null, null, null, null);
  }

  static ProgressChange episode(int n) {
    return new ProgressChange(null, n, null, null, null, null, null);
  }

  static ProgressChange tv(int season, int episode) {
    return new ProgressChange(season, episode, null, null, null, null, null);
  }

  /**
   * One row: the expected status, position (season, number; null for types without history), units
   * marked and the position unmarked after (null = none), or the error code.
   */
  record Row(
      String name,
      MediaSummary media,
      Entry current,
      EntryChange change,
      String error,
      EntryStatus status,
      Unit position,
      int marked,
      Unit lowerTo) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Row ok(
      String name,
      MediaSummary m,
      Entry cur,
      EntryChange c,
      EntryStatus status,
      Unit position,
      int marked,
      Unit lowerTo) {
    return new Row(name, m, cur, c, null, status, position, marked, lowerTo);
  }

  static Row fails(String name, MediaSummary m, Entry cur, EntryChange c, String error) {
    return new Row(name, m, cur, c, error, null, null, 0, null);
  }

  static Stream<Row> rows() {
    EntryStatus watching = EntryStatus.WATCHING;
    return Stream.of(
        ok(
            "a new entry at episode 3 marks 1-3",
            ANIME,
            null,
            change(watching, episode(3)),
            watching,
            new Unit(1, 3),
            3,
            null),
        ok(
            "reaching the last episode completes",
            ANIME,
            null,
            change(watching, episode(26)),
            EntryStatus.COMPLETED,
            new Unit(1, 26),
            26,
            null),
        ok(
            "progress on a planning entry makes it active",
            ANIME,
            null,
            change(EntryStatus.PLANNING, episode(2)),
            watching,
            new Unit(1, 2),
            2,
            null),
        ok(
            "planning without progress stays planning",
            ANIME,
            null,
            change(EntryStatus.PLANNING, null),
            EntryStatus.PLANNING,
            new Unit(1, 0),
            0,
            null),
        ok(
            "completed without progress moves to the last episode",
            ANIME,
            null,
            change(EntryStatus.COMPLETED, null),
            EntryStatus.COMPLETED,
            new Unit(1, 26),
            26,
            null),
        ok(
            "a lower position unmarks after it",
            ANIME,
            stored(ANIME, watching, new Progress(null, 10, null, null, null, null, null)),
            change(watching, episode(4)),
            watching,
            new Unit(1, 4),
            0,
            new Unit(1, 4)),
        ok(
            "absent progress keeps the position",
            ANIME,
            stored(ANIME, watching, new Progress(null, 10, null, null, null, null, null)),
            change(EntryStatus.PAUSED, null),
            EntryStatus.PAUSED,
            new Unit(1, 10),
            0,
            null),
        ok(
            "completed to watching starts a repeat at the start",
            ANIME,
            stored(
                ANIME, EntryStatus.COMPLETED, new Progress(null, 26, null, null, null, null, null)),
            change(watching, null),
            watching,
            new Unit(1, 0),
            0,
            null),
        ok(
            "a season-2 position on TV marks season 1 whole and season 2 up to it",
            TV,
            null,
            change(watching, tv(2, 3)),
            watching,
            new Unit(2, 3),
            9 + 3,
            null),
        ok(
            "a manga chapter is its position",
            MANGA,
            null,
            change(EntryStatus.READING, new ProgressChange(null, null, 40, 4, null, null, null)),
            EntryStatus.READING,
            new Unit(1, 40),
            40,
            null),
        ok(
            "the last page completes a book",
            BOOK,
            null,
            change(
                EntryStatus.READING, new ProgressChange(null, null, null, null, 400, null, null)),
            EntryStatus.COMPLETED,
            null,
            0,
            null),
        ok(
            "100 percent completes a book",
            BOOK,
            null,
            change(
                EntryStatus.READING,
                new ProgressChange(null, null, null, null, null, new BigDecimal("100"), null)),
            EntryStatus.COMPLETED,
            null,
            0,
            null),
        fails(
            "an active status of another type",
            ANIME,
            null,
            change(EntryStatus.READING, null),
            "STATUS_NOT_ALLOWED_FOR_TYPE"),
        fails(
            "beyond the known total",
            ANIME,
            null,
            change(watching, episode(27)),
            "INVALID_PROGRESS"),
        fails(
            "a field that does not fit the type",
            ANIME,
            null,
            change(watching, new ProgressChange(null, null, 3, null, null, null, null)),
            "INVALID_PROGRESS"),
        fails("an unknown season", TV, null, change(watching, tv(3, 1)), "INVALID_PROGRESS"),
        fails(
            "specials are not a position",
            TV,
            null,
            change(watching, tv(0, 1)),
            "INVALID_PROGRESS"),
        fails(
            "movies have no progress",
            MOVIE,
            null,
            change(watching, episode(1)),
            "INVALID_PROGRESS"),
        fails(
            "completed short of the last episode",
            ANIME,
            null,
            change(EntryStatus.COMPLETED, episode(3)),
            "INVALID_PROGRESS"),
        fails(
            "completed back to planning",
            ANIME,
            stored(
                ANIME, EntryStatus.COMPLETED, new Progress(null, 26, null, null, null, null, null)),
            change(EntryStatus.PLANNING, null),
            "INVALID_TRANSITION"),
        fails(
            "planning to paused",
            ANIME,
            stored(ANIME, EntryStatus.PLANNING, Progress.NONE),
            change(EntryStatus.PAUSED, null),
            "INVALID_TRANSITION"),
        fails(
            "a start date in the future",
            ANIME,
            null,
            new EntryChange(watching, null, null, TODAY.plusDays(5), null, null, null, null, null),
            "INVALID_ENTRY"),
        fails(
            "completed before started",
            ANIME,
            null,
            new EntryChange(
                EntryStatus.COMPLETED,
                null,
                null,
                TODAY.minusDays(1),
                TODAY.minusDays(3),
                null,
                null,
                null,
                null),
            "INVALID_ENTRY"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void aChangeGivesWhatTheReadmeSays(Row row) {
    if (row.error() != null) {
      assertThatThrownBy(
              () ->
                  EntryRules.apply(
                      row.current(), USER, row.media(), row.change(), RatingScale.DEFAULT, NOW))
          .isInstanceOf(ProblemException.class)
          .satisfies(
              e -> assertThat(((ProblemException) e).errorCode().code()).isEqualTo(row.error()));
      return;
    }
    EntryRules.Change c =
        EntryRules.apply(row.current(), USER, row.media(), row.change(), RatingScale.DEFAULT, NOW);
    assertThat(c.entry().status).isEqualTo(row.status());
    if (row.position() != null) {
      assertThat(EntryRules.position(row.media().type(), c.entry().progress))
          .isEqualTo(row.position());
    }
    assertThat(c.mark()).hasSize(row.marked());
    assertThat(c.lowerTo()).isEqualTo(row.lowerTo());
    if (row.current() == null) {
      assertThat(c.entry().userId).isEqualTo(USER);
      assertThat(c.entry().mediaId).isEqualTo(row.media().id());
      assertThat(c.entry().createdAt).isEqualTo(NOW);
    } else {
      assertThat(c.entry().id).isEqualTo(row.current().id);
    }
  }

  @Test
  void completionDatesAndRepeatsAreSetOnce() {
    Entry fresh =
        EntryRules.apply(null, USER, ANIME, change(EntryStatus.COMPLETED, null), null, NOW).entry();
    assertThat(fresh.completedAt).isEqualTo(TODAY);

    Entry repeating =
        stored(ANIME, EntryStatus.WATCHING, new Progress(null, 20, null, null, null, null, null));
    repeating.repeating = true;
    repeating.repeatCount = 1;
    repeating.completedAt = TODAY.minusDays(10);
    Entry done =
        EntryRules.apply(
                repeating,
                USER,
                ANIME,
                change(EntryStatus.WATCHING, episode(26)),
                RatingScale.DEFAULT,
                NOW)
            .entry();
    assertThat(done.status).isEqualTo(EntryStatus.COMPLETED);
    assertThat(done.repeatCount).isEqualTo(2);
    assertThat(done.repeating).isFalse();
    assertThat(done.lastRepeatedAt).isEqualTo(TODAY);
    assertThat(done.completedAt)
        .as("the first completion's date stays")
        .isEqualTo(TODAY.minusDays(10));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @org.junit.jupiter.params.provider.CsvSource({
    "POINT_10, 8, 80",
    "POINT_10_DECIMAL, 7.5, 75",
    "POINT_100, 73, 73",
    "STARS_5, 3, 60",
    "POINT_10, 0, 0"
  })
  void ratingsAreStoredAs0To100(RatingScale scale, BigDecimal value, int score) {
    EntryChange rated =
        new EntryChange(
            EntryStatus.WATCHING,
            null,
            new RatingChange(value, scale),
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(EntryRules.apply(null, USER, ANIME, rated, RatingScale.DEFAULT, NOW).entry().rating)
        .isEqualTo(score);
  }

  @ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "POINT_10, 8.5",
    "POINT_10, 11",
    "STARS_5, 6",
    "POINT_100, -1"
  })
  void aRatingOutsideItsScaleIsRefused(RatingScale scale, BigDecimal value) {
    EntryChange rated =
        new EntryChange(
            EntryStatus.WATCHING,
            null,
            new RatingChange(value, scale),
            null,
            null,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> EntryRules.apply(null, USER, ANIME, rated, RatingScale.DEFAULT, NOW))
        .isInstanceOf(ProblemException.class)
        .satisfies(
            e -> assertThat(((ProblemException) e).errorCode().code()).isEqualTo("INVALID_RATING"));
  }

  @Test
  void aRatingWithoutScaleIsReadInTheUsersScale() {
    EntryChange rated =
        new EntryChange(
            EntryStatus.WATCHING,
            null,
            new RatingChange(new BigDecimal("4"), null),
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(EntryRules.apply(null, USER, ANIME, rated, RatingScale.STARS_5, NOW).entry().rating)
        .isEqualTo(80);
  }

  @Test
  void theSameChangeTwiceChangesNothing() {
    Entry cur =
        stored(ANIME, EntryStatus.WATCHING, new Progress(null, 5, null, null, null, null, null));
    EntryRules.Change same =
        EntryRules.apply(
            cur, USER, ANIME, change(EntryStatus.WATCHING, episode(5)), RatingScale.DEFAULT, NOW);
    assertThat(EntryRules.unchanged(cur, same)).isTrue();
    EntryRules.Change moved =
        EntryRules.apply(
            cur, USER, ANIME, change(EntryStatus.WATCHING, episode(6)), RatingScale.DEFAULT, NOW);
    assertThat(EntryRules.unchanged(cur, moved)).isFalse();
  }

  @Test
  void ifMatchMustNameTheStoredVersion() {
    Entry cur = stored(ANIME, EntryStatus.WATCHING, Progress.NONE);
    EntryRules.checkVersion(cur, null);
    EntryRules.checkVersion(cur, 3L);
    for (var call :
        List.<Runnable>of(
            () -> EntryRules.checkVersion(cur, 2L), () -> EntryRules.checkVersion(null, 1L))) {
      assertThatThrownBy(call::run)
          .isInstanceOf(ProblemException.class)
          .satisfies(
              e ->
                  assertThat(((ProblemException) e).errorCode().code())
                      .isEqualTo("VERSION_MISMATCH"));
    }
  }

  @Test
  void aPatchNeedsAnEntryAndIsCheckedAgainstItsVersion() {
    EntryCommand patch = new EntryCommand.Patch(cur -> change(cur.status, null));
    UUID media = ANIME.id();
    assertThatThrownBy(() -> patch.resolve(null, media, null))
        .satisfies(
            e ->
                assertThat(((ProblemException) e).errorCode().code()).isEqualTo("ENTRY_NOT_FOUND"));
    Entry cur = stored(ANIME, EntryStatus.PAUSED, Progress.NONE);
    assertThat(patch.resolve(cur, media, 3L).status()).isEqualTo(EntryStatus.PAUSED);
    assertThatThrownBy(() -> patch.resolve(cur, media, 4L))
        .satisfies(
            e ->
                assertThat(((ProblemException) e).errorCode().code())
                    .isEqualTo("VERSION_MISMATCH"));
  }

  @Test
  void episodesNameTheirUnits() {
    assertThat(EpisodeRules.units(TV, new EpisodeMarks(2, null, 3, 5, null)))
        .containsExactly(new Unit(2, 3), new Unit(2, 4), new Unit(2, 5));
    assertThat(EpisodeRules.units(ANIME, new EpisodeMarks(null, 7, null, null, null)))
        .containsExactly(new Unit(1, 7));
    for (EpisodeMarks bad :
        List.of(
            new EpisodeMarks(null, null, null, null, null),
            new EpisodeMarks(null, 3, 1, 2, null),
            new EpisodeMarks(null, null, 5, 3, null),
            new EpisodeMarks(null, 27, null, null, null),
            new EpisodeMarks(2, 1, null, null, null),
            new EpisodeMarks(null, null, 1, EpisodeRules.MAX_UNITS_PER_REQUEST + 1, null))) {
      assertThatThrownBy(() -> EpisodeRules.units(ANIME, bad)).isInstanceOf(ProblemException.class);
    }
    assertThatThrownBy(() -> EpisodeRules.units(BOOK, new EpisodeMarks(null, 1, null, null, null)))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void markingAndUnmarkingMoveTheStatus() {
    Entry planning = stored(ANIME, EntryStatus.PLANNING, Progress.NONE);
    EpisodeRules.afterUnits(planning, ANIME, new Unit(1, 1), false, TODAY);
    assertThat(planning.status).isEqualTo(EntryStatus.WATCHING);

    Entry watching = stored(ANIME, EntryStatus.WATCHING, Progress.NONE);
    EpisodeRules.afterUnits(watching, ANIME, new Unit(1, 26), false, TODAY);
    assertThat(watching.status).isEqualTo(EntryStatus.COMPLETED);
    assertThat(watching.progress.episode()).isEqualTo(26);

    EpisodeRules.afterUnits(watching, ANIME, new Unit(1, 25), true, TODAY);
    assertThat(watching.status).as("unmarking reopens").isEqualTo(EntryStatus.WATCHING);
    assertThat(watching.progress.episode()).isEqualTo(25);
  }

  @Test
  void nextIsTheFollowingAiredEpisodeAcrossSeasons() {
    Entry endOfSeason1 =
        stored(TV, EntryStatus.WATCHING, new Progress(1, 9, null, null, null, null, null));
    NextEpisode next = EpisodeRules.next(endOfSeason1, TV);
    assertThat(next.caughtUp()).isFalse();
    assertThat(next.next()).isEqualTo(new Progress(2, 1, null, null, null, null, null));

    Entry atLastAired =
        stored(TV, EntryStatus.WATCHING, new Progress(2, 4, null, null, null, null, null));
    assertThat(EpisodeRules.next(atLastAired, TV)).isEqualTo(new NextEpisode(true, null));

    Entry airing =
        stored(AIRING, EntryStatus.WATCHING, new Progress(null, 5, null, null, null, null, null));
    assertThat(EpisodeRules.next(airing, AIRING).caughtUp()).isTrue();

    Entry done =
        stored(ANIME, EntryStatus.COMPLETED, new Progress(null, 26, null, null, null, null, null));
    assertThat(EpisodeRules.next(done, ANIME)).isEqualTo(new NextEpisode(true, null));
  }
}
