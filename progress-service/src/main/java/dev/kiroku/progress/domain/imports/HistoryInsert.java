package dev.kiroku.progress.domain.imports;

import java.time.Instant;
import java.util.UUID;

/** One history row an import inserts (kept as it is when already there). */
public record HistoryInsert(UUID entryId, int repeat, int season, int number, Instant watchedAt) {}
