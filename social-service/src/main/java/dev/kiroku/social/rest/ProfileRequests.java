package dev.kiroku.social.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.Patch;
import dev.kiroku.social.domain.ProfileChange;
import dev.kiroku.social.domain.RatingScale;
import dev.kiroku.social.domain.Visibility;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code PATCH /api/v1/social/me}: a JSON merge patch (RFC 7386) of {@code handle},
 * {@code displayName}, {@code bio}, {@code avatarUrl} (strings; null clears the last three), {@code
 * visibility} and {@code ratingScale} (names, any case).
 */
final class ProfileRequests {

  static final Set<String> FIELDS =
      Set.of("handle", "displayName", "bio", "avatarUrl", "visibility", "ratingScale");

  private ProfileRequests() {}

  /**
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming the field: an unknown field, a
   *     value that is not a string (or null), a visibility or scale that is not one of the names
   */
  static ProfileChange change(JsonNode body) {
    if (!(body instanceof ObjectNode patch)) {
      throw ProblemException.invalidField("body", "must be a JSON object");
    }
    Iterator<String> names = patch.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ProblemException.invalidField(name, "is not a profile field " + sorted());
      }
    }
    return new ProfileChange(
        text(patch, "handle"),
        text(patch, "displayName"),
        text(patch, "bio"),
        text(patch, "avatarUrl"),
        named(patch, "visibility", Visibility.class),
        named(patch, "ratingScale", RatingScale.class));
  }

  private static Patch<String> text(ObjectNode patch, String field) {
    if (!patch.has(field)) {
      return Patch.absent();
    }
    JsonNode value = patch.get(field);
    if (value.isNull()) {
      return Patch.of(null);
    }
    if (!value.isTextual()) {
      throw ProblemException.invalidField(field, "must be a string or null");
    }
    return Patch.of(value.textValue());
  }

  private static <E extends Enum<E>> Patch<E> named(ObjectNode patch, String field, Class<E> type) {
    Patch<String> name = text(patch, field);
    if (!name.present() || name.value() == null) {
      return name.present() ? Patch.of(null) : Patch.absent();
    }
    try {
      return Patch.of(Enum.valueOf(type, name.value().trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField(
          field,
          "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }
  }

  private static String sorted() {
    return FIELDS.stream().sorted().toList().toString();
  }
}
