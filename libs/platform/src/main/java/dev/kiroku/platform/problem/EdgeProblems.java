package dev.kiroku.platform.problem;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * The problems for requests the HTTP layer rejects before any route runs: a request the HTTP/1.1
 * codec could not parse (too long a request line, too large headers, anything else malformed), a
 * request target that is not a URI, and a body over the size limit. Pure functions; {@link
 * EdgeProblemHooks} and {@link ProblemRouteHandlers} send them.
 */
public final class EdgeProblems {

  private EdgeProblems() {}

  /**
   * The problem for a request the HTTP/1.1 codec (Netty's {@code HttpRequestDecoder}) rejected.
   *
   * @param cause {@code request.decoderResult().cause()}
   * @param maxInitialLineLength {@code quarkus.http.limits.max-initial-line-length}, bytes
   * @param maxHeaderSize {@code quarkus.http.limits.max-header-size}, bytes
   * @return 414 {@code URI_TOO_LONG} for too long a request line, 431 {@code HEADERS_TOO_LARGE} for
   *     too large headers (both with {@code maxBytes}), 400 {@code MALFORMED_REQUEST} naming the
   *     codec's reason for anything else; never with an {@code instance}, as the path is unknown
   */
  public static Problem invalidRequest(
      Throwable cause, int maxInitialLineLength, long maxHeaderSize) {
    if (cause instanceof TooLongHttpLineException) {
      return withLimit(
          CommonErrorCode.URI_TOO_LONG,
          "The request line (method, path with query string, HTTP version) is longer than "
              + maxInitialLineLength
              + " bytes, the most this server reads. Send long criteria in a request body.",
          maxInitialLineLength);
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return withLimit(
          CommonErrorCode.HEADERS_TOO_LARGE,
          "The request headers are larger than "
              + maxHeaderSize
              + " bytes in total, the most this server reads.",
          maxHeaderSize);
    }
    String reason = cause == null ? null : cause.getMessage();
    return Problem.of(
        CommonErrorCode.MALFORMED_REQUEST,
        reason == null || reason.isBlank()
            ? "The request is not valid HTTP/1.1."
            : "The request is not valid HTTP/1.1: " + Problems.truncate(reason, 200),
        null);
  }

  /**
   * The problem for a request target {@link java.net.URI} cannot parse, e.g. {@code /media/%zz}
   * (Quarkus answers those with an empty 400 before routing).
   *
   * @param error the parser's complaint
   * @return 400 {@code MALFORMED_REQUEST} naming the reason and where in the target it is
   */
  public static Problem invalidUri(URISyntaxException error) {
    String where = error.getIndex() >= 0 ? " at index " + error.getIndex() : "";
    return Problem.of(
        CommonErrorCode.MALFORMED_REQUEST,
        "The request target is not a valid URI: " + error.getReason() + where + ".",
        null);
  }

  /**
   * The problem for a body over {@code quarkus.http.limits.max-body-size}.
   *
   * @param maxBodySize the limit, bytes
   * @param instance the request path
   * @return 413 {@code PAYLOAD_TOO_LARGE} with {@code maxBytes}
   */
  public static Problem bodyTooLarge(long maxBodySize, String instance) {
    CommonErrorCode code = CommonErrorCode.PAYLOAD_TOO_LARGE;
    return new Problem(
        code.type(),
        code.title(),
        code.status(),
        "The request body is larger than " + maxBodySize + " bytes, the most this server accepts.",
        instance,
        code.code(),
        List.of(),
        Map.of("maxBytes", maxBodySize));
  }

  private static Problem withLimit(CommonErrorCode code, String detail, long maxBytes) {
    return new Problem(
        code.type(),
        code.title(),
        code.status(),
        detail,
        null,
        code.code(),
        List.of(),
        Map.of("maxBytes", maxBytes));
  }
}
