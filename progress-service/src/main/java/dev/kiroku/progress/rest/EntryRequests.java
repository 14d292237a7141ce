package dev.kiroku.progress.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryChange;
import dev.kiroku.progress.domain.RatingScale;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps entry request bodies to the domain's {@link EntryChange} and validates it (Bean Validation:
 * the constraints are declared on {@code EntryChange}; a violation names the JSON field, e.g.
 * {@code progress.episode}). PATCH bodies are RFC 7396 JSON merge patches over the stored entry:
 * {@link #merge} returns the function the write runs against the locked entry.
 */
@ApplicationScoped
public class EntryRequests {

  private final ObjectMapper json;
  private final Validator validator;

  @Inject
  EntryRequests(ObjectMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  /**
   * The change a PUT body asks for.
   *
   * @throws ConstraintViolationException 400 {@code VALIDATION_FAILED} naming each field
   */
  public EntryChange toChange(EntryRequest r) {
    EntryChange change =
        new EntryChange(
            r.status(),
            r.progress() == null ? null : progress(r.progress()),
            r.rating() == null
                ? null
                : new EntryChange.RatingChange(r.rating().value(), r.rating().scale()),
            r.startedAt(),
            r.completedAt(),
            r.review() == null
                ? null
                : new EntryChange.ReviewChange(
                    r.review().text(), r.review().spoiler(), r.review().visibility()),
            r.notes(),
            r.privateEntry(),
            r.repeatCount());
    Set<ConstraintViolation<EntryChange>> violations = validator.validate(change);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return change;
  }

  /**
   * The change a PATCH body asks of the stored entry: the members it names replace the entry's
   * ({@code null} clears), {@code rating} is replaced as a whole, {@code progress} and {@code
   * review} are merged member by member. Absent {@code progress}, {@code startedAt}, {@code
   * completedAt} and {@code repeatCount} keep their values, as in a PUT.
   *
   * @param patch a JSON object (the caller checks)
   * @return the function the write applies to the stored entry; it throws {@link ProblemException}
   *     400 {@code MALFORMED_REQUEST} ("{@code <field>} has the wrong type or value") or {@link
   *     ConstraintViolationException} 400 {@code VALIDATION_FAILED}
   */
  public Function<Entry, EntryChange> merge(ObjectNode patch) {
    return current -> toChange(merged(current, patch));
  }

  private EntryRequest merged(Entry cur, ObjectNode patch) {
    ObjectNode base = json.createObjectNode();
    base.put("status", cur.status.name());
    if (cur.rating != null) {
      base.putObject("rating").put("value", cur.rating).put("scale", RatingScale.POINT_100.name());
    }
    if (cur.reviewText != null) {
      base.putObject("review")
          .put("text", cur.reviewText)
          .put("spoiler", cur.reviewSpoiler)
          .put("visibility", cur.reviewVisibility.name());
    }
    if (cur.notes != null) {
      base.put("notes", cur.notes);
    }
    base.put("private", cur.privateEntry);
    var fields = patch.fields();
    while (fields.hasNext()) {
      var f = fields.next();
      String name = f.getKey();
      JsonNode value = f.getValue();
      if (name.equals("progress") && value.isObject()) {
        ObjectNode merged = json.valueToTree(body(cur.progress));
        mergeInto(merged, (ObjectNode) value);
        base.set("progress", merged);
      } else if (name.equals("review") && value.isObject() && base.get("review") != null) {
        mergeInto((ObjectNode) base.get("review"), (ObjectNode) value);
      } else if (value.isNull()) {
        base.remove(name);
      } else {
        base.set(name, value);
      }
    }
    try {
      return json.treeToValue(base, EntryRequest.class);
    } catch (JsonProcessingException e) {
      // answered like a PUT body of the wrong shape: 400 MALFORMED_REQUEST naming the field
      throw new UncheckedIOException(e);
    }
  }

  private static void mergeInto(ObjectNode target, ObjectNode patch) {
    var fields = patch.fields();
    while (fields.hasNext()) {
      var f = fields.next();
      if (f.getValue().isNull()) {
        target.remove(f.getKey());
      } else {
        target.set(f.getKey(), f.getValue());
      }
    }
  }

  private static EntryChange.ProgressChange progress(ProgressBody p) {
    return new EntryChange.ProgressChange(
        p.season(), p.episode(), p.chapter(), p.volume(), p.page(), p.percent(), p.hoursPlayed());
  }

  private static ProgressBody body(Progress p) {
    return new ProgressBody(
        p.season(), p.episode(), p.chapter(), p.volume(), p.page(), p.percent(), p.hoursPlayed());
  }
}
