package dev.kiroku.contracts.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kiroku.contracts.catalog.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProgressEventsJsonTest {

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final MediaSummary BEBOP =
      new MediaSummary(
          UUID.fromString("0b0e9a4e-5d7b-4d0e-9a36-1f0c5c1e0001"),
          MediaType.ANIME,
          "Cowboy Bebop",
          List.of("Action", "Sci-Fi"),
          26,
          26,
          null,
          null,
          null,
          List.of());

  @Test
  void typeStringsFollowTheNamingScheme() {
    assertThat(
            List.of(
                ProgressEvents.ENTRY_CREATED,
                ProgressEvents.ENTRY_UPDATED,
                ProgressEvents.EPISODES_WATCHED,
                ProgressEvents.ENTRY_REMOVED,
                ProgressEvents.RATED,
                ProgressEvents.REVIEWED,
                ProgressEvents.ENTRIES_IMPORTED))
        .allMatch(t -> t.matches("kiroku\\.progress\\.[a-z-]+\\.v1"))
        .doesNotHaveDuplicates();
    assertThat(ProgressEvents.ENTRY_UPDATED).isEqualTo("kiroku.progress.entry-updated.v1");
  }

  @Test
  void entryUpdatedRoundTripsWithBeforeAndAfter() throws Exception {
    EntryUpdated event =
        new EntryUpdated(
            UUID.randomUUID(),
            "alice",
            BEBOP,
            EntryStatus.WATCHING,
            EntryStatus.COMPLETED,
            new Progress(null, 25, null, null, null, null, null),
            new Progress(null, 26, null, null, null, null, null),
            0,
            false,
            LocalDate.of(2026, 1, 2),
            LocalDate.of(2026, 1, 9),
            false,
            7,
            Instant.parse("2026-01-09T20:00:00Z"),
            null);
    String text = json.writeValueAsString(event);
    JsonNode tree = json.readTree(text);
    assertThat(tree.get("statusBefore").asText()).isEqualTo("WATCHING");
    assertThat(tree.get("progressAfter").get("episode").asInt()).isEqualTo(26);
    assertThat(tree.get("media").get("title").asText()).isEqualTo("Cowboy Bebop");
    assertThat(tree.get("completedAt").asText()).isEqualTo("2026-01-09");
    assertThat(json.readValue(text, EntryUpdated.class)).isEqualTo(event);
  }

  @Test
  void episodesWatchedAndReviewedRoundTrip() throws Exception {
    EpisodesWatched watched =
        new EpisodesWatched(
            UUID.randomUUID(),
            "alice",
            BEBOP,
            List.of(new EpisodesWatched.Unit(null, 5, Instant.parse("2026-01-05T21:00:00Z"))),
            false,
            1,
            false,
            3,
            Instant.parse("2026-01-05T21:00:01Z"));
    assertThat(json.readValue(json.writeValueAsString(watched), EpisodesWatched.class))
        .isEqualTo(watched);
    Reviewed reviewed =
        new Reviewed(
            UUID.randomUUID(),
            "alice",
            BEBOP,
            "See you space cowboy",
            true,
            "PUBLIC",
            false,
            Instant.parse("2026-01-05T21:00:01Z"),
            UUID.fromString("0b0e9a4e-5d7b-4d0e-9a36-1f0c5c1e0001"));
    assertThat(json.readValue(json.writeValueAsString(reviewed), Reviewed.class))
        .isEqualTo(reviewed);
    Progress book = new Progress(null, null, null, null, 120, new BigDecimal("35.5"), null);
    assertThat(json.readValue(json.writeValueAsString(book), Progress.class)).isEqualTo(book);
  }

  @Test
  void activeStatusFitsEachMediaType() {
    assertThat(EntryStatus.activeFor(MediaType.TV)).isEqualTo(EntryStatus.WATCHING);
    assertThat(EntryStatus.activeFor(MediaType.BOOK)).isEqualTo(EntryStatus.READING);
    assertThat(EntryStatus.activeFor(MediaType.GAME)).isEqualTo(EntryStatus.PLAYING);
    assertThat(EntryStatus.activeFor(MediaType.PODCAST)).isEqualTo(EntryStatus.LISTENING);
    assertThat(EntryStatus.COMPLETED.isActive()).isFalse();
    assertThat(EntryStatus.fromName("watching")).isEmpty();
  }
}
