package dev.kiroku.social.domain;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The rules of a user's favorites: an ordered top list per media type, at most 10, each once. */
public final class FavoriteRules {

  /** Most favorites of one media type. */
  public static final int MAX_PER_TYPE = 10;

  /** The request field of the ids. */
  public static final String FIELD = "mediaIds";

  private FavoriteRules() {}

  /**
   * Checks the ids of a new favorites list before they are looked up.
   *
   * @throws ProblemException 422 {@code LIMIT_REACHED} naming {@code mediaIds} over 10 ids; 400
   *     {@code VALIDATION_FAILED} naming {@code mediaIds[i]} for an id already named before
   */
  public static void checkIds(List<UUID> ids) {
    if (ids.size() > MAX_PER_TYPE) {
      throw new ProblemException(
          SocialErrorCode.LIMIT_REACHED,
          "At most " + MAX_PER_TYPE + " favorites per media type",
          List.of(new Problem.Violation(FIELD, "must hold at most " + MAX_PER_TYPE + " ids")),
          Map.of("limit", MAX_PER_TYPE));
    }
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!seen.add(ids.get(i))) {
        throw ProblemException.invalidField(field(i), "names a media item already in the list");
      }
    }
  }

  /**
   * The favorites {@code ids} name, in order, once each is known to be a catalog item of {@code
   * type}.
   *
   * @param found the projection's items by id (unknown ids absent)
   * @throws ProblemException 422 {@code UNKNOWN_MEDIA} naming {@code mediaIds[i]} for an id the
   *     catalog does not know (or removed); 400 {@code VALIDATION_FAILED} naming {@code
   *     mediaIds[i]} for an item of another media type
   */
  public static List<MediaItem> resolve(
      MediaType type, List<UUID> ids, Map<UUID, MediaItem> found) {
    List<MediaItem> items = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      MediaItem item = MediaRules.known(field(i), ids.get(i), found.get(ids.get(i)));
      if (item.type() != type) {
        throw ProblemException.invalidField(
            field(i), "is " + article(item.type()) + ", not " + article(type));
      }
      items.add(item);
    }
    return items;
  }

  private static String field(int index) {
    return FIELD + "[" + index + "]";
  }

  private static String article(MediaType type) {
    return (type == MediaType.ANIME ? "an " : "a ") + type.name();
  }
}
