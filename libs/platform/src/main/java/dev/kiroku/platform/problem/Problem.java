package dev.kiroku.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details body, sent as {@code application/problem+json}.
 *
 * <p>Shape: {@code {"type": uri, "title": str, "status": int, "detail": str, "instance": path,
 * "code": "MEDIA_NOT_FOUND", "violations": [{"field": "q", "message": "..."}], ...extensions}}.
 * {@code violations} appears only on validation errors; extension members (for example {@code
 * nextRefreshAt}) are flattened into the top level.
 *
 * @param type problem type URI
 * @param title short summary, fixed per code
 * @param status HTTP status
 * @param detail human explanation of this occurrence
 * @param instance request path the problem occurred on
 * @param code stable machine-readable code
 * @param violations field violations, empty unless validation failed
 * @param extensions further members specific to the code
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "code", "violations"})
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    List<Violation> violations,
    @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

  /** The media type problem bodies are sent with. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One invalid field.
   *
   * @param field the field's name as the client sent it, e.g. {@code progress.episode} or the query
   *     parameter {@code q}
   * @param message why it was rejected
   */
  public record Violation(String field, String message) {}

  public Problem {
    violations = violations == null ? List.of() : List.copyOf(violations);
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  /** Extension members, written at the top level of the JSON object. */
  @JsonAnyGetter
  public Map<String, Object> extensionMembers() {
    return extensions;
  }

  /** A problem for {@code code} with the given detail and no violations. */
  public static Problem of(ErrorCode code, String detail, String instance) {
    return new Problem(
        code.type(), code.title(), code.status(), detail, instance, code.code(), null, null);
  }
}
