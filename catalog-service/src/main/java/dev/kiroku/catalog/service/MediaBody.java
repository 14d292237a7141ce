package dev.kiroku.catalog.service;

/**
 * A media item's JSON body as served by {@code GET /media/{id}}.
 *
 * @param json the MediaSnapshot JSON bytes (UTF-8)
 * @param staleBecause null for a fresh answer; otherwise why the stored copy is served instead of
 *     the provider's (e.g. {@code "jikan unavailable"}), sent in the {@code Warning} header with
 *     {@code Kiroku-Stale: true}
 */
public record MediaBody(byte[] json, String staleBecause) {

  /** A fresh body. */
  public static MediaBody fresh(byte[] json) {
    return new MediaBody(json, null);
  }

  public boolean stale() {
    return staleBecause != null;
  }
}
