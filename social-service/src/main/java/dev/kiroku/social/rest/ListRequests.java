package dev.kiroku.social.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.ListChange;
import dev.kiroku.social.domain.Patch;
import dev.kiroku.social.domain.SocialErrorCode;
import dev.kiroku.social.domain.Visibility;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The bodies and path parameters of the list endpoints, read strictly: an unknown field, or a value
 * of the wrong JSON type, is a 400 {@code VALIDATION_FAILED} naming the field.
 */
final class ListRequests {

  static final Set<String> LIST_FIELDS = Set.of("name", "description", "visibility");
  static final Set<String> ADD_FIELDS = Set.of("mediaId", "position");
  static final Set<String> MOVE_FIELDS = Set.of("position");

  /**
   * A new list: {@code name} (string), {@code description} (string or null), {@code visibility}.
   */
  record NewList(String name, String description, Visibility visibility) {}

  /**
   * An item to add: {@code mediaId} (a media id), {@code position} (0 = first; null: at the end).
   */
  record NewItem(UUID mediaId, Integer position) {}

  private ListRequests() {}

  /** {@code POST /me/lists}: {@code name} required; visibility a name, any case; null: PUBLIC. */
  static NewList create(JsonNode body) {
    ObjectNode object = object(body, LIST_FIELDS);
    return new NewList(
        text(object, "name").value(),
        text(object, "description").value(),
        visibility(object).value());
  }

  /** {@code PATCH /me/lists/{id}}: a JSON merge patch of name, description, visibility. */
  static ListChange change(JsonNode body) {
    ObjectNode object = object(body, LIST_FIELDS);
    return new ListChange(text(object, "name"), text(object, "description"), visibility(object));
  }

  /** {@code POST /me/lists/{id}/items}: {@code {"mediaId": "...", "position": 0}}. */
  static NewItem add(JsonNode body) {
    ObjectNode object = object(body, ADD_FIELDS);
    JsonNode id = object.get("mediaId");
    if (id == null || id.isNull()) {
      throw ProblemException.invalidField("mediaId", "must not be null");
    }
    if (!id.isTextual()) {
      throw ProblemException.invalidField("mediaId", "must be a media id (a UUID string)");
    }
    JsonNode position = object.get("position");
    return new NewItem(
        mediaId("mediaId", id.textValue()),
        position == null || position.isNull() ? null : index(position));
  }

  /** {@code PATCH /me/lists/{id}/items/{mediaId}}: {@code {"position": n}} (0 = first). */
  static int move(JsonNode body) {
    ObjectNode object = object(body, MOVE_FIELDS);
    JsonNode position = object.get("position");
    if (position == null || position.isNull()) {
      throw ProblemException.invalidField("position", "must not be null");
    }
    return index(position);
  }

  /**
   * A list id from the path.
   *
   * @throws ProblemException 404 {@code LIST_NOT_FOUND} when it is not a UUID (no list has it)
   */
  static UUID listId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(SocialErrorCode.LIST_NOT_FOUND, "No list " + id);
    }
  }

  /**
   * A media id.
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code field} when it is not a
   *     UUID
   */
  static UUID mediaId(String field, String value) {
    try {
      if (value != null && value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // below
    }
    throw ProblemException.invalidField(field, "must be a media id (a UUID)");
  }

  static ObjectNode object(JsonNode body, Set<String> fields) {
    if (!(body instanceof ObjectNode object)) {
      throw ProblemException.invalidField("body", "must be a JSON object");
    }
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw ProblemException.invalidField(
            name, "is not a field here " + fields.stream().sorted().toList());
      }
    }
    return object;
  }

  private static int index(JsonNode position) {
    if (!position.isIntegralNumber() || !position.canConvertToInt() || position.intValue() < 0) {
      throw ProblemException.invalidField("position", "must be a whole number from 0");
    }
    return position.intValue();
  }

  private static Patch<String> text(ObjectNode object, String field) {
    if (!object.has(field)) {
      return Patch.absent();
    }
    JsonNode value = object.get(field);
    if (value.isNull()) {
      return Patch.of(null);
    }
    if (!value.isTextual()) {
      throw ProblemException.invalidField(field, "must be a string or null");
    }
    return Patch.of(value.textValue());
  }

  private static Patch<Visibility> visibility(ObjectNode object) {
    Patch<String> name = text(object, "visibility");
    if (!name.present() || name.value() == null) {
      return name.present() ? Patch.of(null) : Patch.absent();
    }
    try {
      return Patch.of(Visibility.valueOf(name.value().strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField(
          "visibility",
          "must be one of " + Arrays.stream(Visibility.values()).map(Enum::name).toList());
    }
  }
}
