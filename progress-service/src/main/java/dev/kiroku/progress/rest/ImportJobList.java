package dev.kiroku.progress.rest;

import dev.kiroku.progress.domain.imports.ImportJobView;
import java.util.List;

/**
 * {@code GET /imports}: the caller's jobs, newest first, without their reports.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record ImportJobList(List<ImportJobView> items, String nextCursor) {}
