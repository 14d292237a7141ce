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
 * Stand-ins for the upstream services (no external API involved): {@code catalog} is a local HTTP
 * server that echoes what reached it (and drops the connection of every other call to {@code
 * /api/v1/catalog/flaky}); {@code social} points at a closed port.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

  /** Calls to {@code /api/v1/catalog/flaky}; odd-numbered ones lose their connection. */
  static final java.util.concurrent.atomic.AtomicInteger FLAKY_CALLS =
      new java.util.concurrent.atomic.AtomicInteger();

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
                          Buffer bytes = body.result();
                          String path = request.path();
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
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      return Map.of(
          "kiroku.gateway.routes.catalog", "http://127.0.0.1:" + server.actualPort(),
          "kiroku.gateway.routes.social", "http://127.0.0.1:" + closedPort);
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
