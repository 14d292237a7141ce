package dev.kiroku.social.domain;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a handle may be, and the first handle of a new profile. */
public final class Handles {

  /** Shortest handle. */
  public static final int MIN_LENGTH = 3;

  /** Longest handle. */
  public static final int MAX_LENGTH = 30;

  private static final Pattern VALID = Pattern.compile("[a-z0-9_]{3,30}");

  /**
   * Words no one may take: they name paths of the web app and the API, or pose as staff ({@code
   * /u/me}, {@code /settings}).
   */
  public static final Set<String> RESERVED =
      Set.of(
          "admin",
          "administrator",
          "api",
          "app",
          "about",
          "help",
          "kiroku",
          "login",
          "logout",
          "me",
          "moderator",
          "mod",
          "null",
          "root",
          "settings",
          "signup",
          "staff",
          "support",
          "system",
          "u",
          "undefined",
          "user",
          "users",
          "www");

  private Handles() {}

  /**
   * Why {@code handle} (as sent, before lower-casing) cannot be a handle, or null when it can. Case
   * does not matter: it is stored lower-case.
   */
  public static String problem(String handle) {
    if (handle == null) {
      return "must not be null";
    }
    String lower = handle.toLowerCase(Locale.ROOT);
    if (!VALID.matcher(lower).matches()) {
      return "must be 3-30 characters of a-z, 0-9 and _";
    }
    if (RESERVED.contains(lower)) {
      return "is reserved";
    }
    return null;
  }

  /**
   * The handle a new profile starts from, taken from the token's {@code preferred_username}:
   * lower-cased, other characters than {@code [a-z0-9_]} turned into {@code _}, cut to 30,
   * lengthened to 3, a reserved word suffixed; {@code user} when there is none.
   */
  public static String fromUsername(String preferredUsername) {
    String base =
        preferredUsername == null
            ? ""
            : preferredUsername.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (base.length() > MAX_LENGTH) {
      base = base.substring(0, MAX_LENGTH);
    }
    if (base.isEmpty()) {
      base = "user";
    }
    while (base.length() < MIN_LENGTH) {
      base = base + "_";
    }
    if (RESERVED.contains(base)) {
      base = withSuffix(base, "_1");
    }
    return base;
  }

  /** {@code base} with {@code suffix} at its end, cut so that the whole stays within 30. */
  public static String withSuffix(String base, String suffix) {
    int keep = Math.min(base.length(), MAX_LENGTH - suffix.length());
    return base.substring(0, keep) + suffix;
  }
}
