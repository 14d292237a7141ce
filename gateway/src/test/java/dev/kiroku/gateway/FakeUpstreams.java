package dev.kiroku.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stand-ins for the upstream services (no external API involved): {@code catalog} and {@code
 * progress} are a local HTTP server that echoes what reached it (and drops the connection of every
 * other call to {@code /api/v1/catalog/flaky}); {@code social} points at a closed port; {@code
 * feed} and {@code search} point at a server that takes every request and never answers, {@code
 * feed} with a 300 ms timeout and a circuit breaker that does not open in tests, {@code search}
 * with a 200 ms timeout and a breaker that opens after 4 requests half of which failed.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

  /** Calls to {@code /api/v1/catalog/flaky}; odd-numbered ones lose their connection. */
  static final java.util.concurrent.atomic.AtomicInteger FLAKY_CALLS =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Every request the echoing {@code catalog} received, as {@code METHOD uri}. */
  static final java.util.Queue<String> CATALOG_REQUESTS =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** Requests the silent server received, by service ({@code feed}, {@code search}). */
  static final Map<String, java.util.concurrent.atomic.AtomicInteger> SILENT_CALLS =
      Map.of(
          "feed", new java.util.concurrent.atomic.AtomicInteger(),
          "search", new java.util.concurrent.atomic.AtomicInteger());

  private Vertx vertx;

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request.body(
                        body -> {
                          if (body.failed()) {
                            return; // the gateway reset the request: nothing complete arrived
                          }
                          Buffer bytes = body.result();
                          String path = request.path();
                          CATALOG_REQUESTS.add(request.method().name() + " " + request.uri());
                          if (path.startsWith("/api/v1/catalog/flaky")
                              && FLAKY_CALLS.incrementAndGet() % 2 == 1) {
                            // Every other call: the connection dies before any response.
                            request.connection().close();
                            return;
                          }
                          if (path.startsWith("/q/health")) {
                            request
                                .response()
                                .putHeader("Content-Type", "application/json")
                                .end(
                                    new JsonObject()
                                        .put("status", "UP")
                                        .put("path", path)
                                        .encode());
                            return;
                          }
                          JsonObject echo =
                              new JsonObject()
                                  .put("method", request.method().name())
                                  .put("uri", request.uri())
                                  .put("authorization", request.getHeader("Authorization"))
                                  .put("custom", request.getHeader("X-Custom"))
                                  .put("requestId", request.getHeader("X-Request-Id"))
                                  .put("traceparent", request.getHeader("traceparent"))
                                  .put("tracestate", request.getHeader("tracestate"))
                                  .put("bodyBytes", bytes.length())
                                  .put("bodySha256", sha256(bytes.getBytes()));
                          request
                              .response()
                              .setStatusCode("POST".equals(request.method().name()) ? 201 : 200)
                              .putHeader("Content-Type", "application/json")
                              .putHeader("X-Upstream", "catalog")
                              .end(echo.encode());
                        }));
    try {
      server
          .listen(0, "127.0.0.1")
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      HttpServer silent =
          vertx
              .createHttpServer()
              .requestHandler(
                  request -> {
                    // Takes the request and never answers.
                    String[] segments = request.path().split("/");
                    var calls = segments.length > 3 ? SILENT_CALLS.get(segments[3]) : null;
                    if (calls != null) {
                      calls.incrementAndGet();
                    }
                  });
      silent
          .listen(0, "127.0.0.1")
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      String silentUrl = "http://127.0.0.1:" + silent.actualPort();
      return Map.ofEntries(
          Map.entry("kiroku.gateway.routes.catalog", "http://127.0.0.1:" + server.actualPort()),
          Map.entry("kiroku.gateway.routes.progress", "http://127.0.0.1:" + server.actualPort()),
          Map.entry("kiroku.gateway.routes.social", "http://127.0.0.1:" + closedPort),
          Map.entry("kiroku.gateway.routes.feed", silentUrl),
          Map.entry("kiroku.gateway.upstreams.feed.timeout", "300ms"),
          Map.entry("kiroku.gateway.upstreams.feed.circuit-breaker.request-volume", "1000"),
          Map.entry("kiroku.gateway.routes.search", silentUrl),
          Map.entry("kiroku.gateway.upstreams.search.timeout", "200ms"),
          Map.entry("kiroku.gateway.upstreams.search.circuit-breaker.request-volume", "4"),
          Map.entry("kiroku.gateway.upstreams.search.circuit-breaker.failure-ratio", "0.5"),
          Map.entry("kiroku.gateway.upstreams.search.circuit-breaker.delay", "60s"));
    } catch (Exception e) {
      throw new IllegalStateException("Fake upstream did not start", e);
    }
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
