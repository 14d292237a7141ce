package dev.kiroku.social.domain;

import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The key of a list-of-users page: the last row's time and other user's id, in the order {@code
 * (created_at DESC, user id DESC)}. Handed out as an opaque cursor: base64url (no padding) of
 * {@code <list>|<epoch microseconds>|<user id>}.
 *
 * @param at the row's {@code created_at} (microsecond precision, as stored)
 * @param userId the other user's id in the row (follower, followed, requester or blocked user)
 */
public record PageKey(Instant at, String userId) {

  /** The cursor of this key in {@code list}. */
  public String encode(PeopleList list) {
    long micros =
        Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    String raw = list.name() + "|" + micros + "|" + userId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The key of a cursor of {@code list}.
   *
   * @throws ProblemException 400 {@code INVALID_CURSOR} naming {@code cursor} when it is not a
   *     cursor this service handed out for this list
   */
  public static PageKey decode(PeopleList list, String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|", 3);
      if (parts.length != 3 || !parts[0].equals(list.name()) || parts[2].isEmpty()) {
        throw new IllegalArgumentException("not a cursor of " + list);
      }
      long micros = Long.parseLong(parts[1]);
      Instant at =
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
      return new PageKey(at, parts[2]);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new ProblemException(
          SocialErrorCode.INVALID_CURSOR,
          "cursor is not a cursor of this list",
          List.of(new Problem.Violation("cursor", "is not a cursor of this list")),
          Map.of());
    }
  }
}
