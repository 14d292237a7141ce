package dev.kiroku.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.VertxException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns any exception into a {@link Problem}. One place decides status, code and wording, whether
 * the exception reached a JAX-RS resource ({@link ProblemExceptionMappers}) or failed earlier in
 * the HTTP layer ({@link ProblemRouteHandlers}). Unknown exceptions become a 500 {@code
 * INTERNAL_ERROR} whose detail carries only an error id; the stack trace goes to the log.
 */
public final class Problems {

  private static final Logger LOG = Logger.getLogger(Problems.class);

  private Problems() {}

  /**
   * Maps an exception thrown while serving {@code instance}.
   *
   * @param failure what was thrown
   * @param instance the request path
   * @return the problem to send; never {@code null}
   */
  public static Problem from(Throwable failure, String instance) {
    Problem known = known(failure, instance);
    return known != null ? known : internal(failure, instance);
  }

  /**
   * Maps a failure that the HTTP layer raised together with a 4xx status, as Vert.x does with
   * {@code ctx.fail(400, new VertxException("For HTTP/1.x requests, the 'Host' header is
   * required"))}: the client's mistake, not ours. A failure {@link #from} knows keeps its own
   * problem; any other becomes the problem for {@code status}, never a 500. The detail names the
   * reason (at most 300 characters of the message) when the failure is a {@code VertxException} or
   * an {@code IllegalArgumentException}, which describe the request; other messages may describe
   * our internals and are only logged (DEBUG).
   *
   * @param status the 4xx status the failure was raised with
   * @param failure what was raised, or null
   * @param instance the request path
   */
  public static Problem rejected(int status, Throwable failure, String instance) {
    Problem known = failure == null ? null : known(failure, instance);
    if (known != null) {
      return known;
    }
    String message = null;
    if (failure instanceof VertxException || failure instanceof IllegalArgumentException) {
      message = failure.getMessage();
    } else if (failure != null) {
      LOG.debugf(failure, "Request to %s rejected with %d", instance, status);
    }
    String detail =
        message == null || message.isBlank()
            ? "The request was rejected."
            : "The request was rejected: " + truncate(message, 300);
    return forStatus(status, detail, instance);
  }

  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }

  /** The problem for a failure this class recognises, or null for an unexpected one. */
  private static Problem known(Throwable failure, String instance) {
    if (failure instanceof ProblemException pe) {
      return pe.toProblem(instance);
    }
    if (failure instanceof ConstraintViolationException cve) {
      return validation(cve.getConstraintViolations(), instance);
    }
    if (isUnauthenticated(failure)) {
      return Problem.of(
          CommonErrorCode.UNAUTHORIZED,
          "A valid bearer token is required (Authorization: Bearer <access token>).",
          instance);
    }
    if (failure instanceof ForbiddenException) {
      return Problem.of(
          CommonErrorCode.FORBIDDEN, "Your account may not perform this request.", instance);
    }
    JsonProcessingException json = findCause(failure, JsonProcessingException.class);
    if (json != null) {
      return malformedJson(json, instance);
    }
    if (failure instanceof WebApplicationException wae) {
      int status = wae.getResponse() == null ? 500 : wae.getResponse().getStatus();
      if (status < 500) {
        CommonErrorCode code = CommonErrorCode.forStatus(status);
        return Problem.of(code, detailFor(code, wae), instance);
      }
    }
    return null;
  }

  /** A problem for a bare HTTP status with no exception (e.g. an unmatched route). */
  public static Problem forStatus(int status, String detail, String instance) {
    return Problem.of(CommonErrorCode.forStatus(status), detail, instance);
  }

  /** True for every flavour of "no or bad credentials" Quarkus Security raises. */
  public static boolean isUnauthenticated(Throwable failure) {
    return failure instanceof UnauthorizedException
        || failure instanceof AuthenticationFailedException
        || failure instanceof AuthenticationCompletionException;
  }

  static Problem validation(Iterable<ConstraintViolation<?>> violations, String instance) {
    List<Problem.Violation> list = new ArrayList<>();
    for (ConstraintViolation<?> v : violations) {
      list.add(new Problem.Violation(fieldName(v.getPropertyPath()), v.getMessage()));
    }
    list.sort(Comparator.comparing(Problem.Violation::field));
    String detail =
        list.size() == 1
            ? list.get(0).field() + ": " + list.get(0).message()
            : list.size() + " fields are invalid.";
    CommonErrorCode code = CommonErrorCode.VALIDATION_FAILED;
    return new Problem(
        code.type(), code.title(), code.status(), detail, instance, code.code(), list, Map.of());
  }

  /**
   * The client-facing name of a violated field: the method and parameter nodes of a path such as
   * {@code search.arg0.progress.episode} are dropped where the parameter is a body, and the
   * parameter's own name is kept where it is a query or path parameter.
   */
  static String fieldName(Path path) {
    List<String> names = new ArrayList<>();
    String parameter = null;
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
        continue;
      }
      if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node.getName();
        continue;
      }
      String name = node.getName();
      if (name == null) {
        continue;
      }
      if (node.getIndex() != null) {
        names.add(name + "[" + node.getIndex() + "]");
      } else if (node.getKey() != null) {
        names.add(name + "[" + node.getKey() + "]");
      } else {
        names.add(name);
      }
    }
    if (!names.isEmpty()) {
      return String.join(".", names);
    }
    return parameter == null ? path.toString() : parameter;
  }

  /**
   * A body that is not JSON, or JSON that does not fit the expected shape. The detail names the
   * field and what it must be in JSON terms ("must be a whole number"), never a Java type, class or
   * parser internals; a parse error gives its line and column.
   */
  static Problem malformedJson(JsonProcessingException json, String instance) {
    String field = null;
    if (json instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (JsonMappingException.Reference ref : jme.getPath()) {
        if (ref.getFieldName() != null) {
          if (sb.length() > 0) {
            sb.append('.');
          }
          sb.append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          sb.append('[').append(ref.getIndex()).append(']');
        }
      }
      field = sb.toString();
    }
    CommonErrorCode code = CommonErrorCode.MALFORMED_REQUEST;
    if (!(json instanceof JsonMappingException)) {
      var location = json.getLocation();
      String where =
          location == null || location.getLineNr() < 1
              ? ""
              : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
      return new Problem(
          code.type(),
          code.title(),
          code.status(),
          "The body is not valid JSON" + where + ".",
          instance,
          code.code(),
          List.of(),
          Map.of());
    }
    String expected =
        json instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
            ? expectation(mismatch.getTargetType())
            : "have the expected type and value";
    if (field == null || field.isEmpty()) {
      return new Problem(
          code.type(),
          code.title(),
          code.status(),
          "The body must " + expected.replace("be an object", "be a JSON object") + ".",
          instance,
          code.code(),
          List.of(),
          Map.of());
    }
    String message = "must " + expected;
    return new Problem(
        code.type(),
        code.title(),
        code.status(),
        field + " " + message,
        instance,
        code.code(),
        List.of(new Problem.Violation(field, message)),
        Map.of());
  }

  /** What a value of {@code type} is in JSON terms, after "must": "be a whole number", ... */
  static String expectation(Class<?> type) {
    if (type == null) {
      return "have the expected type and value";
    }
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      return "be one of " + names;
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class
        || type == java.math.BigInteger.class) {
      return "be a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "be a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "be true or false";
    }
    if (CharSequence.class.isAssignableFrom(type) || type == UUID.class) {
      return type == UUID.class ? "be a UUID string" : "be a string";
    }
    if (type == java.time.LocalDate.class) {
      return "be an ISO-8601 date such as \"2026-01-02\"";
    }
    if (type == java.time.Instant.class
        || type == java.time.OffsetDateTime.class
        || type == java.time.ZonedDateTime.class) {
      return "be an ISO-8601 time such as \"2026-01-05T21:00:00Z\"";
    }
    if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
      return "be an array";
    }
    return "be an object";
  }

  static Problem internal(Throwable failure, String instance) {
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(failure, "Unhandled error %s on %s", errorId, instance);
    CommonErrorCode code = CommonErrorCode.INTERNAL_ERROR;
    return new Problem(
        code.type(),
        code.title(),
        code.status(),
        "An unexpected error occurred. Quote error id " + errorId + " when reporting it.",
        instance,
        code.code(),
        List.of(),
        Map.of("errorId", errorId));
  }

  private static String detailFor(CommonErrorCode code, WebApplicationException wae) {
    return switch (code) {
      case NOT_FOUND -> "Nothing exists at this path.";
      case METHOD_NOT_ALLOWED -> "This path does not accept that HTTP method.";
      case UNSUPPORTED_MEDIA_TYPE -> "This endpoint does not accept that Content-Type.";
      case NOT_ACCEPTABLE -> "This endpoint cannot produce the requested media type.";
      default -> wae.getMessage() == null ? code.title() : wae.getMessage();
    };
  }

  private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
