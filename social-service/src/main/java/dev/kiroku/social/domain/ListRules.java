package dev.kiroku.social.domain;

import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The rules of a list: name and description limits, its size limit, a new or changed list. */
public final class ListRules {

  /** Longest list name, in characters (at least 1, after trimming). */
  public static final int NAME_MAX = 100;

  /** Longest description, in characters. */
  public static final int DESCRIPTION_MAX = 2_000;

  /** Most items in one list. */
  public static final int MAX_ITEMS = 10_000;

  private ListRules() {}

  /**
   * A new list of {@code ownerId}. Texts are trimmed; an empty description is none; a missing
   * visibility is {@code PUBLIC}.
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code name} (missing, blank,
   *     over 100 characters) or {@code description} (over 2,000 characters)
   */
  public static UserList create(
      String ownerId, String name, String description, Visibility visibility, Instant now) {
    return apply(
        new UserList(UUID.randomUUID(), ownerId, null, null, Visibility.PUBLIC, 0, now, now),
        new ListChange(
            Patch.of(name),
            Patch.of(description),
            visibility == null ? Patch.absent() : Patch.of(visibility)),
        now);
  }

  /**
   * The list after {@code change}, changed at {@code now}.
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming every field that breaks a rule
   *     (name blank, null or over 100 characters; description over 2,000; visibility null)
   */
  public static UserList apply(UserList current, ListChange change, Instant now) {
    List<Problem.Violation> violations = new ArrayList<>();
    String name = current.name();
    if (change.name().present()) {
      name = text(change.name().value());
      if (name == null) {
        violations.add(new Problem.Violation("name", "must not be blank"));
      } else if (length(name) > NAME_MAX) {
        violations.add(
            new Problem.Violation("name", "must be at most " + NAME_MAX + " characters"));
      }
    }
    String description = text(change.description().or(current.description()));
    if (description != null && length(description) > DESCRIPTION_MAX) {
      violations.add(
          new Problem.Violation(
              "description", "must be at most " + DESCRIPTION_MAX + " characters"));
    }
    if (change.visibility().present() && change.visibility().value() == null) {
      violations.add(new Problem.Violation("visibility", "must not be null"));
    }
    if (!violations.isEmpty()) {
      throw new ProblemException(
          CommonErrorCode.VALIDATION_FAILED,
          violations.get(0).field() + " " + violations.get(0).message(),
          violations,
          Map.of());
    }
    return new UserList(
        current.id(),
        current.ownerId(),
        name,
        description,
        change.visibility().or(current.visibility()),
        current.itemCount(),
        current.createdAt(),
        now);
  }

  /** Whether {@code after} has the same name, description and visibility as {@code current}. */
  public static boolean unchanged(UserList current, UserList after) {
    return current.name().equals(after.name())
        && java.util.Objects.equals(current.description(), after.description())
        && current.visibility() == after.visibility();
  }

  /**
   * Checks that a list of {@code itemCount} items may take one more.
   *
   * @throws ProblemException 422 {@code LIMIT_REACHED} naming {@code mediaId} at 10,000 items
   */
  public static void checkRoom(int itemCount) {
    if (itemCount >= MAX_ITEMS) {
      throw new ProblemException(
          SocialErrorCode.LIMIT_REACHED,
          "A list holds at most " + MAX_ITEMS + " items",
          List.of(new Problem.Violation("mediaId", "the list has " + MAX_ITEMS + " items")),
          Map.of("limit", MAX_ITEMS));
    }
  }

  private static String text(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  private static int length(String value) {
    return value.codePointCount(0, value.length());
  }
}
