package dev.kiroku.gateway.ratelimit;

/**
 * One caller's budget in one route class: {@code quota} requests per {@code windowSeconds}, spent
 * and restored evenly (GCRA): a full window's quota may be spent at once, and one request comes
 * back every {@code windowSeconds / quota} seconds.
 *
 * @param policy the route class's name, as the {@code RateLimit} headers show it (e.g. {@code
 *     writes})
 * @param quota requests per window, at least 1
 * @param windowSeconds the window, seconds, at least 1
 */
public record Budget(String policy, int quota, long windowSeconds) {

  public Budget {
    if (quota < 1 || windowSeconds < 1) {
      throw new IllegalArgumentException(
          "a budget needs a quota and a window of at least 1: " + quota + "/" + windowSeconds);
    }
  }

  /** The window, milliseconds. */
  public long windowMs() {
    return windowSeconds * 1000;
  }
}
