package dev.kiroku.platform.problem;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A write whose body has no {@code Content-Type} is refused with 415 {@code UNSUPPORTED_MEDIA_TYPE}
 * (problem+json) before any resource reads it: without this, JAX-RS guesses the type and a body is
 * read as JSON that the client never said was JSON. Applies to {@code POST}, {@code PUT} and {@code
 * PATCH} requests that carry a body ({@code Content-Length} above 0, or a chunked body); bodiless
 * writes such as {@code POST .../advance} pass.
 */
public class RequireContentType {

  /**
   * @throws ProblemException 415 {@code UNSUPPORTED_MEDIA_TYPE} when the body has no content type
   */
  @ServerRequestFilter(preMatching = true)
  public void requireContentType(HttpServerRequest request) {
    HttpMethod method = request.method();
    if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
      return;
    }
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && !type.isBlank()) {
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    boolean body =
        request.getHeader("Transfer-Encoding") != null
            || (length != null && !length.trim().equals("0"));
    if (body) {
      throw new ProblemException(
          CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "This request has a body but no Content-Type; send it with the type of its body"
              + " (application/json for JSON).");
    }
  }
}
