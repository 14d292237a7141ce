package dev.kiroku.gateway.openapi;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The five services as far as the merged document is concerned: one local HTTP server per service
 * answering {@code GET /q/openapi?format=json} with {@link #DOCUMENTS}{@code .get(service)}. A
 * service without a document closes the connection at once; one whose document is {@link #SILENT}
 * never answers. {@link #REQUESTS} counts the requests per service.
 */
public class FakeOpenApiServices implements QuarkusTestResourceLifecycleManager {

  /** The services the gateway routes to. */
  static final List<String> SERVICES = List.of("catalog", "progress", "social", "feed", "search");

  /** A document that makes the service take the request and never answer. */
  static final String SILENT = "<silent>";

  /** What each service answers (JSON text); tests set it. */
  static final Map<String, String> DOCUMENTS = new ConcurrentHashMap<>();

  /** Requests to {@code /q/openapi} per service. */
  static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();

  private Vertx vertx;

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    Map<String, String> config = new LinkedHashMap<>();
    try {
      for (String service : SERVICES) {
        REQUESTS.put(service, new AtomicInteger());
        HttpServer server =
            vertx
                .createHttpServer()
                .requestHandler(
                    request -> {
                      if (!"/q/openapi".equals(request.path())
                          || !"json".equals(request.getParam("format"))) {
                        request.response().setStatusCode(404).end();
                        return;
                      }
                      REQUESTS.get(service).incrementAndGet();
                      String document = DOCUMENTS.get(service);
                      if (document == null) {
                        request.connection().close();
                      } else if (!SILENT.equals(document)) {
                        request
                            .response()
                            .putHeader("Content-Type", "application/json")
                            .end(document);
                      }
                    });
        server
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        config.put("kiroku.gateway.routes." + service, "http://127.0.0.1:" + server.actualPort());
      }
    } catch (Exception e) {
      throw new IllegalStateException("Fake services did not start", e);
    }
    return config;
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close();
    }
  }
}
