package dev.kiroku.catalog;

import dev.kiroku.platform.problem.ErrorCode;

/**
 * catalog-service's stable problem codes (sent as {@code code} in problem+json). Bean Validation
 * failures of query and path parameters use the shared {@code VALIDATION_FAILED}.
 */
public enum CatalogErrorCode implements ErrorCode {
  /** No media item with this id, or the provider has none for this external id. */
  MEDIA_NOT_FOUND(404, "Media not found"),
  /** The media item has no such season (or no seasons at all). */
  SEASON_NOT_FOUND(404, "Season not found"),
  /**
   * {@code POST /media/{id}/refresh} within 24 h of the last one; extension {@code nextRefreshAt}.
   */
  MEDIA_ALREADY_REFRESHED(409, "Media already refreshed"),
  /**
   * No provider can look up any of the item's external ids (e.g. a MovieLens row with IMDb only).
   */
  MEDIA_NOT_REFRESHABLE(422, "Media not refreshable"),
  /** A parameter is out of range or malformed; {@code violations} names it. */
  INVALID_PARAMETER(400, "Invalid parameter"),
  /** {@code source} in {@code /media/by-external/{source}/...} is not a known external source. */
  UNKNOWN_EXTERNAL_SOURCE(400, "Unknown external source"),
  /** No provider looks up ids of this source for this media type (e.g. kitsu, or mal for TV). */
  UNSUPPORTED_EXTERNAL_SOURCE(400, "External source not supported"),
  /** An import file or part is missing, has the wrong columns or an unknown format. */
  INVALID_IMPORT(400, "Invalid import"),
  /** The provider did not answer (timeout, errors, open circuit); extension {@code provider}. */
  PROVIDER_UNAVAILABLE(503, "Provider unavailable"),
  /** The provider has no credentials configured; extension {@code provider}. */
  PROVIDER_NOT_CONFIGURED(503, "Provider not configured");

  private final int status;
  private final String title;

  CatalogErrorCode(int status, String title) {
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
