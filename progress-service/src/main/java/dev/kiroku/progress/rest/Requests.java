package dev.kiroku.progress.rest;

import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.ProgressErrorCode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What every resource of this service reads from a request the same way. */
final class Requests {

  /** Keycloak's user ids (token {@code sub}): UUIDs in their canonical text form. */
  private static final Pattern USER_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Requests() {}

  /** The caller: the token's subject. */
  static String user(SecurityIdentity identity) {
    return identity.getPrincipal().getName();
  }

  /**
   * A user id from a path: the token subject of that user, a UUID.
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code userId}
   */
  static String userId(String value) {
    if (!USER_ID.matcher(value).matches()) {
      throw ProblemException.invalidField("userId", "must be a user id (a UUID)");
    }
    return value;
  }

  /**
   * An enum query parameter, in any case.
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code field} and the values
   */
  static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
      throw ProblemException.invalidField(field, "must be one of " + names);
    }
  }

  /**
   * The {@code limit} query parameter.
   *
   * @return {@code fallback} when absent
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code limit}
   */
  static int limit(String value, int fallback, int max) {
    if (value == null) {
      return fallback;
    }
    int size;
    try {
      size = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (size < 1 || size > max) {
      throw ProblemException.invalidField("limit", "must be a whole number from 1 to " + max);
    }
    return size;
  }

  /**
   * The version in {@code If-Match} ({@code "3"}, {@code W/"3"}); null when absent or {@code *}.
   *
   * @throws ProblemException 412 {@code VERSION_MISMATCH} when it is not a version
   */
  static Long version(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String v = ifMatch.trim();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    v = v.replace("\"", "");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ProblemException(
          ProgressErrorCode.VERSION_MISMATCH,
          "If-Match " + ifMatch + " is not a version of this entry",
          List.of(new Problem.Violation("If-Match", "must be an ETag this service sent")),
          Map.of());
    }
  }

  /** An entry response with its {@code ETag}. */
  static Response entry(int status, EntryView view) {
    Response.ResponseBuilder b = Response.status(status).entity(view);
    if (view.version() > 0) {
      b.header(HttpHeaders.ETAG, "\"" + view.version() + "\"");
    }
    return b.build();
  }
}
