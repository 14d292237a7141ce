package dev.kiroku.progress.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.progress.domain.export.ExportFormat;
import dev.kiroku.progress.domain.export.ExportWriter;
import dev.kiroku.progress.domain.export.ExportedEntry;
import dev.kiroku.progress.repository.ExportQueries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A user's whole library as a stream of document chunks: one chunk per page of {@link #PAGE_SIZE}
 * entries (the first one led by the document's start), then the end. Pages are read on demand (the
 * next query starts only when the previous chunk has been written to the client), so memory holds
 * one page whatever the library's size.
 */
@ApplicationScoped
public class ExportService {

  /** Entries per query. */
  public static final int PAGE_SIZE = 500;

  private final ExportQueries queries;
  private final ObjectMapper json;

  @Inject
  ExportService(ExportQueries queries, ObjectMapper json) {
    this.queries = queries;
    this.json = json;
  }

  /**
   * The export of {@code userId}'s library in {@code format}, as UTF-8 chunks. Nothing is read
   * until the stream is subscribed; each subscription is a fresh export.
   */
  public Multi<byte[]> export(String userId, ExportFormat format) {
    return Multi.createFrom()
        .deferred(
            () ->
                stream(
                    ExportWriter.of(format, json.getFactory()),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    queries.ratingScale(userId),
                    (after, limit) -> queries.page(userId, after, limit),
                    PAGE_SIZE));
  }

  /**
   * The chunks of one export.
   *
   * @param pages loads up to {@code limit} entries with media id above the given one (from the
   *     first when null), ordered by media id
   */
  static Multi<byte[]> stream(
      ExportWriter writer,
      Instant exportedAt,
      Uni<String> ratingScale,
      BiFunction<UUID, Integer, Uni<List<ExportedEntry>>> pages,
      int pageSize) {
    Multi<byte[]> entries =
        Multi.createBy()
            .repeating()
            .uni(
                Cursor::new,
                cursor ->
                    pages
                        .apply(cursor.after, pageSize)
                        .invoke(
                            page -> {
                              if (!page.isEmpty()) {
                                cursor.after = page.get(page.size() - 1).mediaId();
                              }
                            }))
            // a short page is the last one (it is still emitted)
            .whilst(page -> page.size() == pageSize)
            .filter(page -> !page.isEmpty())
            .map(writer::entries);
    Multi<byte[]> end = Multi.createFrom().item(writer::end);
    // the document's start goes out with the first page: nothing is sent before a page was read
    return ratingScale
        .invoke(scale -> writer.begin(scale, exportedAt))
        .onItem()
        .transformToMulti(scale -> Multi.createBy().concatenating().streams(entries, end));
  }

  /** Keyset position: the last exported media id. */
  private static final class Cursor {
    UUID after;
  }
}
