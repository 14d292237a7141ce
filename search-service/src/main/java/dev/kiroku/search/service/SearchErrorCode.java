package dev.kiroku.search.service;

import dev.kiroku.platform.problem.ErrorCode;

/** Error codes of search-service (problem+json {@code code}). */
public enum SearchErrorCode implements ErrorCode {
  /** Neither a query ({@code q}) nor a filter was given. */
  SEARCH_QUERY_REQUIRED(400, "Search query required"),
  /** A parameter is malformed or out of range; {@code violations} names it and why. */
  INVALID_SEARCH_PARAMETER(400, "Invalid search parameter"),
  /** An index rebuild is already running. */
  REBUILD_IN_PROGRESS(409, "Index rebuild in progress"),
  /** Every search worker is busy and the waiting queue is full; retry after {@code Retry-After}. */
  SEARCH_BUSY(503, "Search busy"),
  /** The index is not open (the service is starting or stopping). */
  SEARCH_INDEX_UNAVAILABLE(503, "Search index unavailable");

  private final int status;
  private final String title;

  SearchErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String title() {
    return title;
  }
}
