/**
 * Streaming parsers for list imports (issue 6): MyAnimeList XML, AniList JSON, Trakt JSON and
 * Goodreads CSV in, neutral {@link dev.kiroku.progress.domain.imports.format.ImportedEntry} rows
 * out. No catalog lookup, database or Quarkus here: the import job resolves ids and writes entries.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * ImportFormat format = ImportFormats.forKey("mal-xml");      // UNSUPPORTED_FORMAT if unknown
 * ImportSummary summary =
 *     format.parse(upload, ImportLimits.DEFAULTS, ImportOptions.DEFAULTS, row -> batch.add(row));
 * }</pre>
 *
 * Call it on a worker thread (it blocks on the stream). Rows arrive in file order, one at a time;
 * the file is never held in memory whole. A row the parser cannot use is still delivered, with
 * {@link dev.kiroku.progress.domain.imports.format.RowProblem}s: {@code ERROR} (not importable:
 * {@code MISSING_ID}, {@code INVALID_ID}, {@code UNKNOWN_STATUS}, {@code UNKNOWN_MEDIA_TYPE},
 * {@code UNSUPPORTED_ITEM}) or {@code WARNING} (imported without that field: {@code INVALID_DATE},
 * {@code INVALID_NUMBER}, {@code INVALID_ISBN}, {@code RATING_OUT_OF_RANGE}, {@code
 * RATING_SCALE_UNKNOWN}). A file that is over a limit, malformed or in another format throws {@link
 * dev.kiroku.progress.domain.imports.format.ImportFileRejectedException} with a {@link
 * dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason}: {@code
 * FILE_TOO_LARGE}, {@code TOO_MANY_ENTRIES}, {@code LINE_TOO_LONG}, {@code FIELD_TOO_LONG}, {@code
 * DTD_NOT_ALLOWED}, {@code MALFORMED_FILE}, {@code UNSUPPORTED_FORMAT}; rows delivered before it
 * must be discarded by the job (the whole file fails).
 *
 * <h2>Limits ({@link dev.kiroku.progress.domain.imports.format.ImportLimits#DEFAULTS})</h2>
 *
 * <ul>
 *   <li>64 MiB read, counted on the raw upload and again after gzip decompression;
 *   <li>100,000 rows;
 *   <li>1 MiB per CSV line;
 *   <li>100,000 characters per value (XML element text, JSON string, CSV field).
 * </ul>
 *
 * Any format may be gzipped: detected by the magic bytes {@code 1f 8b}, not the file name. XML is
 * read by the JDK's StAX parser with DTDs and external entities off and any {@code <!DOCTYPE>}
 * refused, so entity bombs never expand; any run of more than {@code maxFieldLength} + 16 Ki
 * characters without {@code <} or {@code >} (a huge attribute, comment or whitespace run) is
 * refused as {@code FIELD_TOO_LONG}, so the parser never buffers more than that. JSON nesting is
 * capped at 64 levels. Invalid UTF-8 bytes in XML and CSV are replaced by U+FFFD (a real MAL export
 * has them in {@code my_comments}); JSON must be valid UTF-8.
 *
 * <h2>Mapping decisions</h2>
 *
 * <ul>
 *   <li>Ratings are 0-100 or null (unrated): MAL 1-10 × 10, Trakt 1-10 × 10, Goodreads 1-5 × 20,
 *       AniList per {@link dev.kiroku.progress.domain.imports.format.AniListScoreFormat}; 0 is
 *       unrated everywhere.
 *   <li>AniList's scale comes from the file's {@code scoreFormat}, else {@link
 *       dev.kiroku.progress.domain.imports.format.ImportOptions#aniListScoreFormat()}, else the
 *       rating is left out with a warning (never guessed).
 *   <li>Repeat count is completed repeats: MAL {@code my_times_watched}/{@code my_times_read} and
 *       AniList {@code repeat} as is; Goodreads Read Count − 1 and Trakt movie plays − 1 (the first
 *       read or viewing is not a repeat).
 *   <li>Dates keep their precision ({@link dev.kiroku.progress.domain.imports.format.PartialDate}):
 *       MAL {@code 0000-00-00} → null, {@code 2012-07-00} → 2012-07; AniList {@code {year, month:
 *       null}} → the year.
 *   <li>MAL On-Hold → PAUSED; MAL's rewatching flag sets {@code repeating} and keeps MAL's status;
 *       AniList REPEATING → WATCHING/READING with {@code repeating}.
 *   <li>Goodreads custom exclusive shelves (e.g. {@code did-not-finish}) are reported as {@code
 *       UNKNOWN_STATUS}, not mapped to DROPPED; non-built-in shelves become tags.
 *   <li>Trakt watched shows are WATCHING with their episode history; ratings carry no status.
 *   <li>Ids with no {@link dev.kiroku.contracts.catalog.ExternalSource} constant go to {@link
 *       dev.kiroku.progress.domain.imports.format.ImportedEntry#otherIds()}: {@code trakt}, {@code
 *       trakt_slug}, {@code isbn10}. {@code ISBN} is always ISBN-13 (an ISBN-10 alone is
 *       converted).
 * </ul>
 */
package dev.kiroku.progress.domain.imports.format;
