package dev.kiroku.social.domain;

import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a media id must be to join a list or the favorites: known to the catalog, not removed. */
public final class MediaRules {

  private MediaRules() {}

  /**
   * {@code found} when it is a media item lists may take.
   *
   * @param field the request field that named the id, e.g. {@code mediaId}, {@code mediaIds[2]}
   * @param found the projection's item, or null when it has none
   * @throws ProblemException 422 {@code UNKNOWN_MEDIA} naming {@code field} when the catalog does
   *     not know the id or removed the item
   */
  public static MediaItem known(String field, UUID id, MediaItem found) {
    if (found == null || found.removed()) {
      throw new ProblemException(
          SocialErrorCode.UNKNOWN_MEDIA,
          "The catalog has no media item " + id,
          List.of(new Problem.Violation(field, "is not a media item of the catalog")),
          Map.of());
    }
    return found;
  }
}
