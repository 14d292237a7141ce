package dev.kiroku.social.domain;

import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rules of a profile change: limits per field, then the changed profile. */
public final class ProfileRules {

  /** Longest display name, in characters. */
  public static final int DISPLAY_NAME_MAX = 100;

  /** Longest bio, in characters. */
  public static final int BIO_MAX = 1_000;

  /** Longest avatar URL, in characters. */
  public static final int AVATAR_URL_MAX = 2_000;

  private ProfileRules() {}

  /**
   * The profile after {@code change}. Texts are trimmed; an empty display name, bio or avatar URL
   * clears it.
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming every field that breaks a rule
   *     (handle format or reserved word, display name over 100 characters, bio over 1,000, avatar
   *     not an https URL, handle, visibility or rating scale set to null)
   */
  public static Profile apply(Profile current, ProfileChange change, Instant now) {
    List<Problem.Violation> violations = new ArrayList<>();
    String handle = current.handle();
    if (change.handle().present()) {
      String problem = Handles.problem(change.handle().value());
      if (problem != null) {
        violations.add(new Problem.Violation("handle", problem));
      } else {
        handle = change.handle().value().toLowerCase(Locale.ROOT);
      }
    }
    String displayName = text(change.displayName().or(current.displayName()));
    if (displayName != null
        && displayName.codePointCount(0, displayName.length()) > DISPLAY_NAME_MAX) {
      violations.add(
          new Problem.Violation(
              "displayName", "must be at most " + DISPLAY_NAME_MAX + " characters"));
    }
    String bio = text(change.bio().or(current.bio()));
    if (bio != null && bio.codePointCount(0, bio.length()) > BIO_MAX) {
      violations.add(new Problem.Violation("bio", "must be at most 1000 characters"));
    }
    String avatarUrl = text(change.avatarUrl().or(current.avatarUrl()));
    if (change.avatarUrl().present() && avatarUrl != null && !isHttpsUrl(avatarUrl)) {
      violations.add(
          new Problem.Violation(
              "avatarUrl", "must be an https URL of at most " + AVATAR_URL_MAX + " characters"));
    }
    if (change.visibility().present() && change.visibility().value() == null) {
      violations.add(new Problem.Violation("visibility", "must not be null"));
    }
    if (change.ratingScale().present() && change.ratingScale().value() == null) {
      violations.add(new Problem.Violation("ratingScale", "must not be null"));
    }
    if (!violations.isEmpty()) {
      throw new ProblemException(
          CommonErrorCode.VALIDATION_FAILED,
          violations.get(0).field() + " " + violations.get(0).message(),
          violations,
          Map.of());
    }
    return current.withFields(
        handle,
        displayName,
        bio,
        avatarUrl,
        change.visibility().or(current.visibility()),
        change.ratingScale().or(current.ratingScale()),
        now);
  }

  private static String text(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** An absolute https URL with a host, at most {@link #AVATAR_URL_MAX} characters. */
  static boolean isHttpsUrl(String value) {
    if (value.length() > AVATAR_URL_MAX) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return "https".equalsIgnoreCase(uri.getScheme())
          && uri.getHost() != null
          && !uri.getHost().isBlank()
          && uri.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
