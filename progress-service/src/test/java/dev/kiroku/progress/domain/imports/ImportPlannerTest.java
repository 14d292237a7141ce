package dev.kiroku.progress.domain.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.imports.ImportPlanner.Outcome;
import dev.kiroku.progress.domain.imports.ImportPlanner.Plan;
import dev.kiroku.progress.domain.imports.format.ImportSource;
import dev.kiroku.progress.domain.imports.format.ImportStatus;
import dev.kiroku.progress.domain.imports.format.ImportedEntry;
import dev.kiroku.progress.domain.imports.format.PartialDate;
import jakarta.validation.Validation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** The row rules of imports, without I/O. */
class ImportPlannerTest {

  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private static final String USER = "u-1";
  private static final MediaSummary BEBOP =
      new MediaSummary(
          UUID.randomUUID(),
          MediaType.ANIME,
          "Cowboy Bebop",
          List.of(),
          26,
          26,
          null,
          null,
          null,
          List.of());
  private static final MediaSummary MOVIE =
      new MediaSummary(
          UUID.randomUUID(),
          MediaType.MOVIE,
          "Toy Story",
          List.of(),
          null,
          null,
          null,
          null,
          null,
          List.of());

  private final ImportPlanner planner =
      new ImportPlanner(
          Validation.byDefaultProvider()
              .configure()
              .messageInterpolator(new ParameterMessageInterpolator())
              .buildValidatorFactory()
              .getValidator());

  private static ImportedEntry.Builder mal(ImportStatus status, int watched) {
    return ImportedEntry.builder(ImportSource.MAL_XML, 1, 10)
        .mediaType(MediaType.ANIME)
        .externalId(ExternalSource.MAL, "1")
        .title("Cowboy Bebop")
        .status(status)
        .episode(watched);
  }

  private Plan plan(
      ImportedEntry row, MediaSummary media, ExistingEntry existing, ImportMode mode) {
    return planner.plan(row, media, existing, mode, USER, NOW);
  }

  @Test
  void aCompletedRowIsAtTheLastEpisodeWithHistoryOnItsCompletionDate() {
    // MAL exports often keep a stale watched count on completed anime
    Plan p =
        plan(
            mal(ImportStatus.COMPLETED, 20)
                .rating(80)
                .startedAt(PartialDate.ofParts(2012, 7, null))
                .completedAt(PartialDate.ofParts(2012, 8, 3))
                .repeatCount(1)
                .build(),
            BEBOP,
            null,
            ImportMode.MERGE);
    assertThat(p.outcome()).isEqualTo(Outcome.CREATED);
    Entry e = p.after();
    assertThat(e.status).isEqualTo(EntryStatus.COMPLETED);
    assertThat(e.progress.episode()).isEqualTo(26);
    assertThat(e.rating).isEqualTo(80);
    assertThat(e.repeatCount).isEqualTo(1);
    assertThat(e.startedAt).isEqualTo(LocalDate.of(2012, 7, 1)); // partial date: its first day
    assertThat(e.completedAt).isEqualTo(LocalDate.of(2012, 8, 3));
    assertThat(e.version).isEqualTo(1);
    assertThat(p.history()).hasSize(26);
    assertThat(p.history())
        .extracting(HistoryInsert::watchedAt)
        .containsOnly(Instant.parse("2012-08-03T00:00:00Z"));
    assertThat(p.history()).extracting(HistoryInsert::repeat).containsOnly(1);
  }

  @Test
  void datesTheFileLeavesEmptyStayEmpty() {
    Entry e = plan(mal(ImportStatus.WATCHING, 3).build(), BEBOP, null, ImportMode.MERGE).after();
    assertThat(e.status).isEqualTo(EntryStatus.WATCHING);
    assertThat(e.startedAt).isNull();
    assertThat(e.completedAt).isNull();
    assertThat(e.progress.episode()).isEqualTo(3);
  }

  @Test
  void theSameRowOverTheEntryItMadeIsUnchanged() {
    ImportedEntry row = mal(ImportStatus.WATCHING, 3).rating(70).notes("with Sam").build();
    Entry made = plan(row, BEBOP, null, ImportMode.MERGE).after();
    Plan again = plan(row, BEBOP, new ExistingEntry(made, made.version), ImportMode.MERGE);
    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(again.after()).isNull();
  }

  @Test
  void mergeKeepsAnEntryChangedInKirokuUnlessTheRowIsNewerAndOverwriteReplacesIt() {
    ImportedEntry row = mal(ImportStatus.WATCHING, 5).build();
    Entry made = plan(mal(ImportStatus.WATCHING, 3).build(), BEBOP, null, ImportMode.MERGE).after();
    ExistingEntry changedInKiroku = new ExistingEntry(made, made.version - 1);

    Plan merge = plan(row, BEBOP, changedInKiroku, ImportMode.MERGE);
    assertThat(merge.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(merge.code()).isEqualTo("KEPT_NEWER_CHANGE");

    ImportedEntry newer =
        ImportedEntry.builder(ImportSource.ANILIST_JSON, 1, 1)
            .mediaType(MediaType.ANIME)
            .externalId(ExternalSource.ANILIST, "1")
            .status(ImportStatus.WATCHING)
            .episode(5)
            .updatedAt(NOW.plusSeconds(60))
            .build();
    assertThat(plan(newer, BEBOP, changedInKiroku, ImportMode.MERGE).outcome())
        .isEqualTo(Outcome.UPDATED);

    Plan overwrite = plan(row, BEBOP, changedInKiroku, ImportMode.OVERWRITE);
    assertThat(overwrite.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(overwrite.after().progress.episode()).isEqualTo(5);
    assertThat(overwrite.after().version).isEqualTo(made.version + 1);
    assertThat(overwrite.after().id).isEqualTo(made.id);

    // lowering the position unmarks what lies after it in the current run
    Entry at5 = overwrite.after();
    Plan lower =
        plan(
            mal(ImportStatus.WATCHING, 2).build(),
            BEBOP,
            new ExistingEntry(at5, at5.version),
            ImportMode.MERGE);
    assertThat(lower.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(lower.trimAfter().number()).isEqualTo(2);
  }

  @Test
  void rowsThatBreakTheEntryRulesFailWithTheFieldAndReason() {
    Plan beyond = plan(mal(ImportStatus.WATCHING, 30).build(), BEBOP, null, ImportMode.MERGE);
    assertThat(beyond.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(beyond.code()).isEqualTo("INVALID_PROGRESS");
    assertThat(beyond.detail()).contains("26");

    Plan reading = plan(mal(ImportStatus.READING, 1).build(), BEBOP, null, ImportMode.MERGE);
    assertThat(reading.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(reading.code()).isEqualTo("STATUS_NOT_ALLOWED_FOR_TYPE");

    Plan review =
        plan(
            mal(ImportStatus.WATCHING, 1).review("x".repeat(20_001)).build(),
            BEBOP,
            null,
            ImportMode.MERGE);
    assertThat(review.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(review.field()).isEqualTo("review.text");
  }

  @Test
  void aRatingWithoutStatusCompletesAMovieAndKeepsAnExistingStatus() {
    ImportedEntry rating =
        ImportedEntry.builder(ImportSource.TRAKT_JSON, 1, 1)
            .mediaType(MediaType.MOVIE)
            .externalId(ExternalSource.TMDB, "862")
            .rating(90)
            .build();
    Plan p = plan(rating, MOVIE, null, ImportMode.MERGE);
    assertThat(p.after().status).isEqualTo(EntryStatus.COMPLETED);
    assertThat(p.after().rating).isEqualTo(90);
    assertThat(p.history()).isEmpty();

    Entry planned =
        plan(
                ImportedEntry.builder(ImportSource.TRAKT_JSON, 2, 2)
                    .mediaType(MediaType.MOVIE)
                    .externalId(ExternalSource.TMDB, "862")
                    .status(ImportStatus.PLANNING)
                    .build(),
                MOVIE,
                null,
                ImportMode.MERGE)
            .after();
    Plan rated = plan(rating, MOVIE, new ExistingEntry(planned, planned.version), ImportMode.MERGE);
    assertThat(rated.after().status).isEqualTo(EntryStatus.PLANNING);
    assertThat(rated.after().rating).isEqualTo(90);
  }
}
