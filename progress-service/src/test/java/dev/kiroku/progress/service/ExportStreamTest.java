package dev.kiroku.progress.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.progress.domain.export.CsvExportWriter;
import dev.kiroku.progress.domain.export.ExportFormat;
import dev.kiroku.progress.domain.export.ExportWriter;
import dev.kiroku.progress.domain.export.ExportedEntry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Paging and chunking of {@link ExportService#stream} over an in-memory library. */
class ExportStreamTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");

  /** A library of {@code n} entries with ascending media ids; records every page request. */
  private static final class Library
      implements BiFunction<UUID, Integer, Uni<List<ExportedEntry>>> {
    final List<ExportedEntry> entries = new ArrayList<>();
    final List<UUID> requestedAfter = new ArrayList<>();

    Library(int n) {
      for (int i = 1; i <= n; i++) {
        entries.add(entry(new UUID(0x1000, i), "Title " + i));
      }
    }

    @Override
    public Uni<List<ExportedEntry>> apply(UUID after, Integer limit) {
      requestedAfter.add(after);
      List<ExportedEntry> page =
          entries.stream()
              .filter(e -> after == null || e.mediaId().compareTo(after) > 0)
              .limit(limit)
              .toList();
      return Uni.createFrom().item(page);
    }
  }

  static ExportedEntry entry(UUID mediaId, String title) {
    return new ExportedEntry(
        mediaId,
        "BOOK",
        title,
        new TreeMap<>(java.util.Map.of("isbn", "978" + mediaId.getLeastSignificantBits())),
        "READING",
        new Progress(null, null, null, null, 10, new BigDecimal("2.50"), null),
        0,
        false,
        null,
        LocalDate.of(2024, 1, 2),
        null,
        AT.minusSeconds(60),
        70,
        null,
        null,
        false,
        List.of(new ExportedEntry.Watched(0, 1, 1, AT.minusSeconds(30))));
  }

  private static byte[] all(Multi<byte[]> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] chunk : chunks.collect().asList().await().indefinitely()) {
      out.writeBytes(chunk);
    }
    return out.toByteArray();
  }

  private static Multi<byte[]> json(Library library, int pageSize) {
    return ExportService.stream(
        ExportWriter.of(ExportFormat.JSON, new JsonFactory()),
        AT,
        Uni.createFrom().item("STARS_5"),
        library,
        pageSize);
  }

  @Test
  void everyEntryOnceInMediaIdOrderWhateverThePageBoundaries() throws Exception {
    for (int n : new int[] {0, 1, 2, 3, 4, 5}) {
      Library library = new Library(n);
      JsonNode doc = JSON.readTree(all(json(library, 2)));
      assertThat(doc.get("ratingScale").asText()).isEqualTo("STARS_5");
      assertThat(doc.get("exportedAt").asText()).isEqualTo("2026-11-22T08:00:00Z");
      assertThat(doc.get("entries").findValuesAsText("title"))
          .as("library of %d", n)
          .containsExactlyElementsOf(library.entries.stream().map(ExportedEntry::title).toList());
      // a full page asks for the next; a short one is the last
      assertThat(library.requestedAfter).hasSize(n / 2 + 1);
      assertThat(library.requestedAfter.get(0)).isNull();
      for (int i = 1; i < library.requestedAfter.size(); i++) {
        assertThat(library.requestedAfter.get(i))
            .isEqualTo(library.entries.get(2 * i - 1).mediaId());
      }
    }
  }

  @Test
  void aPageIsReadOnlyWhenTheClientAsksForMore() {
    Library library = new Library(7);
    AssertSubscriber<byte[]> client =
        json(library, 2).subscribe().withSubscriber(AssertSubscriber.create(1));
    // the start with the first page
    assertThat(client.getItems()).hasSize(1);
    assertThat(new String(client.getItems().get(0), StandardCharsets.UTF_8))
        .startsWith("{\"format\":\"kiroku-json\",\"version\":1,");
    assertThat(library.requestedAfter).hasSize(1);
    client.request(1);
    assertThat(library.requestedAfter).hasSize(2);
    client.request(10);
    client.assertCompleted();
    assertThat(library.requestedAfter).hasSize(4);
    // four pages (2, 2, 2, 1), the end
    assertThat(client.getItems()).hasSize(5);
  }

  @Test
  void aFailureBeforeTheFirstPageSendsNothing() {
    AssertSubscriber<byte[]> client =
        ExportService.stream(
                ExportWriter.of(ExportFormat.JSON, new JsonFactory()),
                AT,
                Uni.createFrom().item("POINT_10"),
                (after, limit) -> Uni.createFrom().failure(new IllegalStateException("db down")),
                2)
            .subscribe()
            .withSubscriber(AssertSubscriber.create(10));
    client.assertFailedWith(IllegalStateException.class, "db down");
    assertThat(client.getItems()).isEmpty();
  }

  @Test
  void decimalsLoseTrailingZerosAndAbsentValuesAreNull() throws Exception {
    JsonNode e = JSON.readTree(all(json(new Library(1), 500))).get("entries").get(0);
    assertThat(e.get("progress").toString()).isEqualTo("{\"page\":10,\"percent\":2.5}");
    assertThat(e.get("completedAt").isNull()).isTrue();
    assertThat(e.get("review").isNull()).isTrue();
    assertThat(e.get("notes").isNull()).isTrue();
  }

  @Test
  void csvChunksJoinIntoOneTableWithOneHeader() {
    Library library = new Library(3);
    String csv =
        new String(
            all(
                ExportService.stream(
                    ExportWriter.of(ExportFormat.CSV, new JsonFactory()),
                    AT,
                    Uni.createFrom().item("POINT_10"),
                    library,
                    2)),
            StandardCharsets.UTF_8);
    List<String> lines = List.of(csv.split("\n"));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo(String.join(",", CsvExportWriter.COLUMNS));
    assertThat(Collections.frequency(lines, lines.get(0))).isEqualTo(1);
    assertThat(lines.get(1))
        .isEqualTo(
            library.entries.get(0).mediaId()
                + ",BOOK,Title 1,isbn:9781,READING,,,,,10,2.5,,0,false,,2024-01-02,,"
                + "2026-11-22T07:59:00Z,70,,,,,,false,0:1:1@2026-11-22T07:59:30Z");
  }
}
