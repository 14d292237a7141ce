package dev.kiroku.progress.domain.imports;

import dev.kiroku.progress.domain.MediaUnits;
import java.util.UUID;

/** Unmark run {@code repeat}'s units after {@code after}: an import lowered the progress. */
public record HistoryTrim(UUID entryId, int repeat, MediaUnits.Unit after) {}
