package dev.kiroku.catalog.imports;

import dev.kiroku.catalog.config.CatalogConfig;
import dev.kiroku.catalog.domain.MediaDraft;
import dev.kiroku.catalog.service.MediaWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Bulk-loads a dataset file: streams it row by row, maps each row ({@link DatasetRows}), and
 * upserts batches of {@code kiroku.catalog.import-batch-size} rows through {@link MediaWriter} (one
 * transaction and one outbox batch per batch). Idempotent: a re-import finds every item by its
 * external ids, so it updates or leaves items as they are and never duplicates them; an item
 * already known from a provider by one of the row's ids is merged (the dataset only fills fields
 * the provider's data lacks). Bad rows are rejected with their line number; good rows are imported.
 *
 * <p>Blocking: runs on a worker thread (it waits for each batch before reading the next, so at most
 * one batch is held in memory).
 */
@ApplicationScoped
public class DatasetImporter {

  private static final Logger LOG = Logger.getLogger(DatasetImporter.class);
  private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(2);

  private final MediaWriter writer;
  private final CatalogConfig config;

  @Inject
  DatasetImporter(MediaWriter writer, CatalogConfig config) {
    this.writer = writer;
    this.config = config;
  }

  @FunctionalInterface
  interface RowMapper {
    MediaDraft map(CsvFile.Row row, int width) throws RowRejected;
  }

  /** Imports anime.csv (part {@code file}). */
  public ImportReport importAnimeCsv(Path file) {
    try (CsvFile csv = new CsvFile("file", file, DatasetRows.ANIME_COLUMNS)) {
      return run(
          ImportFormat.ANIME_CSV, csv, DatasetRows::anime, new Counter(config), System.nanoTime());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Imports MovieLens movies.csv (part {@code movies}) with links.csv (part {@code links}). */
  public ImportReport importMovieLens(Path movies, Path links) {
    long started = System.nanoTime();
    Counter counter = new Counter(config);
    Map<Long, DatasetRows.Link> byMovie = new HashMap<>();
    try (CsvFile csv = new CsvFile("links", links, DatasetRows.LINKS_COLUMNS)) {
      CsvFile.Row row;
      while ((row = nextOrReject(csv, counter)) != null) {
        try {
          Map.Entry<Long, DatasetRows.Link> link = DatasetRows.link(row, csv.width());
          byMovie.put(link.getKey(), link.getValue());
        } catch (RowRejected e) {
          counter.rejectLink(csv.part(), row.line(), e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (CsvFile csv = new CsvFile("movies", movies, DatasetRows.MOVIES_COLUMNS)) {
      return run(
          ImportFormat.MOVIELENS,
          csv,
          (row, width) -> DatasetRows.movie(row, width, byMovie),
          counter,
          started);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Imports goodbooks-10k books.csv (part {@code file}). */
  public ImportReport importGoodbooks(Path file) {
    try (CsvFile csv = new CsvFile("file", file, DatasetRows.BOOKS_COLUMNS)) {
      return run(
          ImportFormat.GOODBOOKS_CSV,
          csv,
          DatasetRows::book,
          new Counter(config),
          System.nanoTime());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ImportReport run(
      ImportFormat format, CsvFile csv, RowMapper mapper, Counter counter, long started) {
    int batchSize = Math.max(1, config.importBatchSize());
    List<MediaDraft> batch = new ArrayList<>(batchSize);
    CsvFile.Row row;
    while ((row = nextOrReject(csv, counter)) != null) {
      counter.rows++;
      try {
        batch.add(mapper.map(row, csv.width()));
      } catch (RowRejected e) {
        counter.reject(csv.part(), row.line(), e.getMessage());
      }
      if (batch.size() >= batchSize) {
        flush(batch, counter);
      }
    }
    flush(batch, counter);
    long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
    LOG.infof(
        "Import %s: %d rows, %d inserted, %d updated, %d unchanged, %d rejected in %d ms",
        format.key(),
        counter.rows,
        counter.inserted,
        counter.updated,
        counter.unchanged,
        counter.rejected,
        ms);
    return new ImportReport(
        format.key(),
        counter.rows,
        counter.inserted,
        counter.updated,
        counter.unchanged,
        counter.rejected,
        List.copyOf(counter.rejections),
        ms);
  }

  /** The next row; an unparseable rest of file is one rejection and ends the file. */
  private static CsvFile.Row nextOrReject(CsvFile csv, Counter counter) {
    try {
      return csv.next();
    } catch (CsvFile.UnreadableCsv e) {
      counter.reject(csv.part(), e.line, "unreadable CSV from this line on: " + e.getMessage());
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void flush(List<MediaDraft> batch, Counter counter) {
    if (batch.isEmpty()) {
      return;
    }
    List<MediaWriter.Written> written = writer.upsert(batch).await().atMost(BATCH_TIMEOUT);
    for (MediaWriter.Written w : written) {
      switch (w.outcome()) {
        case INSERTED -> counter.inserted++;
        case UPDATED -> counter.updated++;
        case UNCHANGED -> counter.unchanged++;
      }
    }
    batch.clear();
  }

  private static final class Counter {
    final int reportLimit;
    int rows;
    int inserted;
    int updated;
    int unchanged;
    int rejected;
    final List<ImportReport.Rejection> rejections = new ArrayList<>();

    Counter(CatalogConfig config) {
      this.reportLimit = config.importReportedRejections();
    }

    void reject(String part, long line, String reason) {
      rejected++;
      rejectLink(part, line, reason);
    }

    /** A links.csv row: listed, but not counted among the movies. */
    void rejectLink(String part, long line, String reason) {
      if (rejections.size() < reportLimit) {
        rejections.add(new ImportReport.Rejection(part, line, reason));
      }
    }
  }
}
