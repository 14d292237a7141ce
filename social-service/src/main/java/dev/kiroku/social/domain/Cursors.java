package dev.kiroku.social.domain;

import dev.kiroku.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque cursors of keyset pages (base64url text): of a list's items, {@code i:<rank>} (the
 * last item's rank); of lists, {@code l:<created_at in µs since the epoch>:<list id>}.
 */
public final class Cursors {

  /** The last list of a page: where the next page starts after. */
  public record ListKey(Instant createdAt, UUID id) {}

  private Cursors() {}

  /** The cursor after an item of rank {@code rank}. */
  public static String afterItem(long rank) {
    return encode("i:" + rank);
  }

  /**
   * The rank after which the page of {@code cursor} starts.
   *
   * @throws ProblemException 400 {@code INVALID_CURSOR} when it is not an item cursor
   */
  public static long itemRank(String cursor) {
    String text = decode(cursor);
    if (!text.startsWith("i:")) {
      throw invalid();
    }
    try {
      return Long.parseLong(text.substring(2));
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  /** The cursor after a list created at {@code createdAt} with id {@code id}. */
  public static String afterList(Instant createdAt, UUID id) {
    long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
    return encode("l:" + micros + ":" + id);
  }

  /**
   * The list after which the page of {@code cursor} starts.
   *
   * @throws ProblemException 400 {@code INVALID_CURSOR} when it is not a list cursor
   */
  public static ListKey listKey(String cursor) {
    String[] parts = decode(cursor).split(":", -1);
    if (parts.length != 3 || !parts[0].equals("l")) {
      throw invalid();
    }
    try {
      long micros = Long.parseLong(parts[1]);
      return new ListKey(
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000),
          UUID.fromString(parts[2]));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw invalid();
    }
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static ProblemException invalid() {
    return new ProblemException(
        SocialErrorCode.INVALID_CURSOR, "cursor is not one this service handed out");
  }
}
