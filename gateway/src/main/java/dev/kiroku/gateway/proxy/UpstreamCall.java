package dev.kiroku.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.gateway.body.BodyTooLargeException;
import dev.kiroku.gateway.body.CountingBody;
import dev.kiroku.gateway.correlation.RequestIds;
import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.EdgeProblems;
import dev.kiroku.platform.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * One request's exchange with its service, the last interceptor of the proxy:
 *
 * <ol>
 *   <li>a body without {@code Content-Length} is counted against the route's limit ({@link
 *       CountingBody});
 *   <li>the request is sent under the service's circuit breaker ({@link Upstream#call}); a bodiless
 *       GET, HEAD or OPTIONS whose connection failed before any response is retried once on a fresh
 *       connection (a pooled connection can be closed under it);
 *   <li>what did not get a response head becomes a problem+json answer: 413 {@code
 *       PAYLOAD_TOO_LARGE} for a body past the limit, else 503 {@code SERVICE_UNAVAILABLE} naming
 *       the service (timeout, refused, reset, or circuit open) with {@code Retry-After}. A client
 *       that left gets nothing.
 * </ol>
 */
final class UpstreamCall implements ProxyInterceptor {

  private static final Logger LOG = Logger.getLogger(UpstreamCall.class);

  private final Upstream upstream;
  private final Duration timeout;
  private final long maxBodyBytes;
  private final ObjectMapper objectMapper;
  private final Vertx vertx;
  private CountingBody counted;

  /**
   * @param upstream the service
   * @param timeout this request's timeout (for the answer's wording; the client request applies it)
   * @param maxBodyBytes the route's body limit, bytes; negative for none
   * @param objectMapper writes problem bodies
   * @param vertx for the drain timer of a 413
   */
  UpstreamCall(
      Upstream upstream,
      Duration timeout,
      long maxBodyBytes,
      ObjectMapper objectMapper,
      Vertx vertx) {
    this.upstream = upstream;
    this.timeout = timeout;
    this.maxBodyBytes = maxBodyBytes;
    this.objectMapper = objectMapper;
    this.vertx = vertx;
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    ProxyRequest request = context.request();
    HttpServerRequest client = request.proxiedRequest();
    if (maxBodyBytes >= 0 && client.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
      counted = new CountingBody(client, maxBodyBytes);
      request.setBody(Body.body(counted, -1));
    }
    return upstream.call(() -> exchange(context)).recover(failure -> answer(context, failure));
  }

  /** Sends the request (and the one retry); fails with markers the breaker does not count. */
  private Future<ProxyResponse> exchange(ProxyContext context) {
    return context
        .sendRequest()
        .recover(failure -> retryOnce(context, failure))
        .recover(
            failure -> {
              if (counted != null && counted.exceeded()) {
                return Future.failedFuture(new BodyTooLargeException(counted.maxBytes()));
              }
              if (context.request().proxiedRequest().response().closed()) {
                return Future.failedFuture(new Upstream.ClientLeftException(failure));
              }
              return Future.failedFuture(failure);
            });
  }

  private Future<ProxyResponse> answer(ProxyContext context, Throwable failure) {
    HttpServerRequest client = context.request().proxiedRequest();
    String service = upstream.service();
    if (failure instanceof Upstream.ClientLeftException || client.response().closed()) {
      LOG.debugf(
          "Client left before %s answered request %s: %s",
          service, client.getHeader(RequestIds.HEADER), failure.getMessage());
      return Future.failedFuture(failure);
    }
    if (client.response().headWritten()) {
      return Future.failedFuture(failure);
    }
    String path = client.path();
    if (failure instanceof BodyTooLargeException tooLarge) {
      counted.closeWhenDrained(vertx);
      return respond(context, EdgeProblems.bodyTooLarge(tooLarge.maxBytes(), path), null);
    }
    String detail;
    if (failure instanceof CircuitBreakerOpenException) {
      detail =
          "The "
              + service
              + " service failed repeatedly; the gateway stops calling it for up to "
              + upstream.retryAfterSeconds()
              + " s (circuit open). Try again then.";
    } else if (failure instanceof TimeoutException) {
      LOG.warnf(
          "Upstream %s did not answer %s within %s (request %s)",
          service, path, describe(timeout), client.getHeader(RequestIds.HEADER));
      detail =
          "The "
              + service
              + " service did not answer within "
              + describe(timeout)
              + "; try again shortly.";
    } else {
      LOG.warnf(
          "Upstream %s failed on %s (request %s): %s",
          service, path, client.getHeader(RequestIds.HEADER), failure.getMessage());
      detail = "The " + service + " service is not answering; try again shortly.";
    }
    dropRestOfBody(client);
    CommonErrorCode code = CommonErrorCode.SERVICE_UNAVAILABLE;
    Problem problem =
        new Problem(
            code.type(),
            code.title(),
            code.status(),
            detail,
            path,
            code.code(),
            List.of(),
            Map.of("service", service));
    return respond(context, problem, upstream.retryAfterSeconds());
  }

  private Future<ProxyResponse> respond(
      ProxyContext context, Problem problem, Long retryAfterSeconds) {
    String body;
    try {
      body = objectMapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      return Future.failedFuture(e);
    }
    ProxyResponse response =
        context
            .request()
            .response()
            .setStatusCode(problem.status())
            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
            .setBody(Body.body(Buffer.buffer(body)));
    if (retryAfterSeconds != null) {
      response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
    }
    return Future.succeededFuture(response);
  }

  /**
   * Sends a bodiless GET, HEAD or OPTIONS once more when its first attempt failed before any
   * response and not by timeout: a pooled keep-alive connection can be closed under it, e.g. right
   * after another client hung up mid-request.
   */
  private static Future<ProxyResponse> retryOnce(ProxyContext context, Throwable failure) {
    ProxyRequest request = context.request();
    boolean bodiless = request.getBody() == null || request.getBody().length() <= 0;
    boolean idempotent =
        switch (request.getMethod().name()) {
          case "GET", "HEAD", "OPTIONS" -> true;
          default -> false;
        };
    if (failure instanceof TimeoutException
        || !idempotent
        || !bodiless
        || request.proxiedRequest().response().headWritten()
        || request.proxiedRequest().response().closed()
        || request.proxiedRequest().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      return Future.failedFuture(failure);
    }
    LOG.debugf("Retrying %s %s once: %s", request.getMethod(), request.getURI(), failure);
    request.setBody(Body.body(Buffer.buffer()));
    return context.sendRequest();
  }

  /**
   * Reads and drops what is left of the client's body (none was sent, or its copy to the service
   * failed), so that the answer is not stuck behind an unread body on a kept-alive connection.
   */
  private static void dropRestOfBody(HttpServerRequest client) {
    if (!client.isEnded()) {
      client.handler(dropped -> {});
      client.exceptionHandler(ignored -> {});
      client.resume();
    }
  }

  /** {@code 300 ms}, {@code 30 s}, {@code 1.5 s}. */
  static String describe(Duration duration) {
    long ms = duration.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 1000 == 0 ? (ms / 1000) + " s" : (ms / 1000.0) + " s";
  }
}
