package dev.kiroku.contracts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MediaSnapshotJsonTest {

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void snapshotRoundTripsThroughJsonWithTheDocumentedFieldNames() throws Exception {
    MediaSnapshot snapshot =
        new MediaSnapshot(
            UUID.fromString("0b0e9a4e-5d7b-4d0e-9a36-1f0c5c1e0001"),
            MediaType.TV,
            "breaking-bad",
            new MediaSnapshot.Titles("Breaking Bad", "Breaking Bad", null, null, List.of("BB")),
            "A chemistry teacher...",
            new MediaSnapshot.Images("https://image.tmdb.org/p.jpg", null),
            LocalDate.of(2008, 1, 20),
            LocalDate.of(2013, 9, 29),
            ReleaseStatus.FINISHED,
            "TV",
            List.of("Drama"),
            List.of(),
            List.of(),
            List.of("AMC"),
            List.of(),
            List.of(),
            new MediaSnapshot.Counts(62, 62, 5, null, null, null, 47),
            91,
            89,
            Map.of(ExternalSource.TMDB.key(), "1396", ExternalSource.IMDB.key(), "tt0903747"),
            "tmdb",
            Instant.parse("2026-11-22T10:00:00Z"),
            List.of(
                new MediaSnapshot.SeasonSummary(0, "Specials", 9, 9, null),
                new MediaSnapshot.SeasonSummary(1, "Season 1", 7, 7, LocalDate.of(2008, 1, 20))));

    String text = json.writeValueAsString(snapshot);
    JsonNode tree = json.readTree(text);

    assertThat(tree.get("type").asText()).isEqualTo("TV");
    assertThat(tree.get("titles").get("canonical").asText()).isEqualTo("Breaking Bad");
    assertThat(tree.get("startDate").asText()).isEqualTo("2008-01-20");
    assertThat(tree.get("externalIds").get("tmdb").asText()).isEqualTo("1396");
    assertThat(tree.get("seasons").get(0).get("number").asInt()).isZero();
    assertThat(tree.get("counts").get("runtimeMinutes").asInt()).isEqualTo(47);
    assertThat(json.readValue(text, MediaSnapshot.class)).isEqualTo(snapshot);
  }

  @Test
  void externalSourceKeysAreLowerCaseAndParseIgnoringCase() {
    assertThat(ExternalSource.GOOGLE_BOOKS.key()).isEqualTo("google_books");
    assertThat(ExternalSource.fromKey("MAL")).contains(ExternalSource.MAL);
    assertThat(ExternalSource.fromKey("tmdb")).contains(ExternalSource.TMDB);
    assertThat(ExternalSource.fromKey("myspace")).isEmpty();
    assertThat(ExternalSource.fromKey(null)).isEmpty();
  }
}
