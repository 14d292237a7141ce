package dev.kiroku.catalog.rest;

import dev.kiroku.catalog.CatalogErrorCode;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.validator.routines.ISBNValidator;

/**
 * Parses query and path parameters, answering 400 problem+json that names the parameter and the
 * reason (never JAX-RS's 404 for an unconvertible parameter).
 */
final class Params {

  /** Most characters a search query may have. */
  static final int MAX_QUERY_LENGTH = 500;

  /** Highest search page. */
  static final int MAX_SEARCH_PAGE = 100;

  /** Most items per page of a list. */
  static final int MAX_PAGE_SIZE = 100;

  private Params() {}

  static UUID uuid(String field, String value) {
    try {
      if (value != null && value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw invalid(field, "must be a media id (UUID), got '" + abbreviate(value) + "'");
  }

  static MediaType mediaType(String field, String value, MediaType fallback) {
    if (value == null || value.isBlank()) {
      if (fallback != null) {
        return fallback;
      }
      throw invalid(field, "is required: one of " + Arrays.toString(MediaType.values()));
    }
    try {
      return MediaType.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(
          field,
          "unknown media type '"
              + abbreviate(value)
              + "': one of "
              + Arrays.toString(MediaType.values()));
    }
  }

  static ExternalSource source(String value) {
    return ExternalSource.fromKey(value)
        .orElseThrow(
            () ->
                new ProblemException(
                    CatalogErrorCode.UNKNOWN_EXTERNAL_SOURCE,
                    "source: unknown external source '"
                        + abbreviate(value)
                        + "'; known: "
                        + Arrays.stream(ExternalSource.values()).map(ExternalSource::key).toList(),
                    List.of(new Problem.Violation("source", "unknown external source")),
                    Map.of()));
  }

  static int integer(String field, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw invalid(
        field,
        "must be an integer from " + min + " to " + max + ", got '" + abbreviate(value) + "'");
  }

  static String query(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field, "must not be empty");
    }
    if (value.length() > MAX_QUERY_LENGTH) {
      throw invalid(
          field, "must be at most " + MAX_QUERY_LENGTH + " characters, got " + value.length());
    }
    return value;
  }

  static String externalId(String field, String value) {
    if (value == null
        || value.isBlank()
        || value.length() > 100
        || !value.matches("[A-Za-z0-9._:-]+")) {
      throw invalid(field, "must be 1-100 letters, digits, '.', '_', ':' or '-'");
    }
    return value;
  }

  /**
   * An ISBN path value as catalog stores it: ISBN-13 digits (an ISBN-10 is converted; hyphens and
   * spaces are dropped).
   *
   * @throws ProblemException 400 naming {@code field} when it is not a valid ISBN-10 or ISBN-13
   */
  static String isbn(String field, String value) {
    String isbn = ISBNValidator.getInstance(true).validate(value);
    if (isbn == null) {
      throw invalid(field, "not a valid ISBN-10 or ISBN-13 (check digit included)");
    }
    return isbn;
  }

  /** {@code true}/{@code false} (any case), or {@code fallback} when absent. */
  static boolean bool(String field, String value, boolean fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(field, "must be true or false");
    };
  }

  static ProblemException invalid(String field, String message) {
    return new ProblemException(
        CatalogErrorCode.INVALID_PARAMETER,
        field + ": " + message,
        List.of(new Problem.Violation(field, message)),
        Map.of());
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "";
    }
    return value.length() > 60 ? value.substring(0, 60) + "…" : value;
  }
}
