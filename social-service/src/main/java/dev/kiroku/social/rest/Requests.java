package dev.kiroku.social.rest;

import dev.kiroku.platform.problem.ProblemException;

/** What every resource of this service reads from a request the same way. */
final class Requests {

  private Requests() {}

  /**
   * The {@code limit} query parameter.
   *
   * @return {@code fallback} when absent
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code limit} when it is not a
   *     whole number from 1 to {@code max}
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
}
