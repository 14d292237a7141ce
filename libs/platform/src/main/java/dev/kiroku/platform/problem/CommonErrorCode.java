package dev.kiroku.platform.problem;

/** Error codes shared by every Kiroku service. */
public enum CommonErrorCode implements ErrorCode {
  /** Bean Validation failed; {@code violations} names each field and reason. */
  VALIDATION_FAILED(400, "Request validation failed"),
  /** The body is not valid JSON or does not fit the expected shape. */
  MALFORMED_REQUEST(400, "Malformed request"),
  /** No bearer token, or one that is expired, badly signed or for another audience. */
  UNAUTHORIZED(401, "Authentication required"),
  /** The caller is authenticated but may not do this. */
  FORBIDDEN(403, "Access denied"),
  /** No resource at this path. */
  NOT_FOUND(404, "Not found"),
  /** The path exists but not with this HTTP method. */
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  /** The requested representation cannot be produced. */
  NOT_ACCEPTABLE(406, "Not acceptable"),
  /** The request body is larger than this server accepts ({@code maxBytes} says how large). */
  PAYLOAD_TOO_LARGE(413, "Request body too large"),
  /**
   * The request line (method, path with query string, version) is longer than this server reads
   * ({@code maxBytes}); rejected before any route runs.
   */
  URI_TOO_LONG(414, "Request URI too long"),
  /** The request body's content type is not accepted here. */
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  /** Too many requests; retry after the time in {@code Retry-After}. */
  RATE_LIMITED(429, "Too many requests"),
  /**
   * The request's header lines together are larger than this server reads ({@code maxBytes});
   * rejected before any route runs.
   */
  HEADERS_TOO_LARGE(431, "Request headers too large"),
  /** An unexpected failure on our side; the body carries an error id found in the logs. */
  INTERNAL_ERROR(500, "Internal error"),
  /** A service this one depends on does not answer. */
  SERVICE_UNAVAILABLE(503, "Service unavailable");

  private final int status;
  private final String title;

  CommonErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String title() {
    return title;
  }

  /**
   * The shared code for a bare HTTP status, used when a framework error carries no code of its own.
   *
   * @param status HTTP status 400-599
   * @return the matching code; {@link #MALFORMED_REQUEST} for other 4xx, {@link #INTERNAL_ERROR}
   *     for other 5xx
   */
  public static CommonErrorCode forStatus(int status) {
    for (CommonErrorCode c : values()) {
      if (c.status == status && c != VALIDATION_FAILED) {
        return c;
      }
    }
    return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
  }
}
