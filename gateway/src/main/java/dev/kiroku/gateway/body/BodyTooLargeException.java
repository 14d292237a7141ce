package dev.kiroku.gateway.body;

/** A streamed request body went past its route's limit; the request must not reach the service. */
public class BodyTooLargeException extends RuntimeException {

  private final long maxBytes;

  /**
   * @param maxBytes the route's limit, bytes
   */
  public BodyTooLargeException(long maxBytes) {
    super("request body over " + maxBytes + " bytes", null, false, false);
    this.maxBytes = maxBytes;
  }

  /** The route's limit, bytes. */
  public long maxBytes() {
    return maxBytes;
  }
}
