package dev.kiroku.social.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.FavoriteRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The media type path parameter and the body of {@code PUT /me/favorites/{type}}. */
final class FavoriteRequests {

  private FavoriteRequests() {}

  /**
   * A media type name, any case.
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code type}
   */
  static MediaType type(String name) {
    try {
      return MediaType.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField(
          "type", "must be one of " + Arrays.stream(MediaType.values()).map(Enum::name).toList());
    }
  }

  /**
   * {@code {"mediaIds": ["...", ...]}}: the new favorites in order (the rules on their number and
   * repetition are {@link FavoriteRules}').
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code mediaIds} (missing, not an
   *     array) or {@code mediaIds[i]} (not a media id string)
   */
  static List<UUID> mediaIds(JsonNode body) {
    ObjectNode object = ListRequests.object(body, Set.of(FavoriteRules.FIELD));
    JsonNode ids = object.get(FavoriteRules.FIELD);
    if (ids == null || !ids.isArray()) {
      throw ProblemException.invalidField(FavoriteRules.FIELD, "must be an array of media ids");
    }
    List<UUID> mediaIds = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      String field = FavoriteRules.FIELD + "[" + i + "]";
      JsonNode id = ids.get(i);
      if (!id.isTextual()) {
        throw ProblemException.invalidField(field, "must be a media id (a UUID string)");
      }
      mediaIds.add(ListRequests.mediaId(field, id.textValue()));
    }
    return mediaIds;
  }
}
