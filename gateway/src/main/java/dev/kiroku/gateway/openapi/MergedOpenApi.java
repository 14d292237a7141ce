package dev.kiroku.gateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.gateway.config.OpenApiConfig;
import dev.kiroku.platform.security.PublicRoutes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The merged API document: fetches each service's own document ({@code GET
 * <kiroku.gateway.routes.service>/q/openapi?format=json}) with Vert.x's web client, merges them
 * ({@link OpenApiMerger}) and keeps the result for {@link OpenApiConfig#cacheTtl()}. Requests that
 * arrive while a merge is under way share it; nothing is fetched before the first request.
 *
 * <p>A service that does not answer with 200 and an OpenAPI document within {@link
 * OpenApiConfig#fetchTimeout()} (refused, reset, silent, another status, not JSON) is left out and
 * named in {@code x-kiroku-missing-services}, with a WARN line saying why; the others are still
 * served. {@link #document()} never fails for a service's sake.
 */
@ApplicationScoped
public class MergedOpenApi {

  private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);

  /** One merged document, as a tree and as the two texts it is served in. */
  public record Served(ObjectNode document, String json, String yaml, long expiresAtNanos) {}

  private final Map<String, URI> routes;
  private final OpenApiConfig config;
  private final Vertx vertx;
  private final ObjectMapper json;
  private final YAMLMapper yaml;
  private final OpenApiMerger merger;
  private final WebClient client;
  private final JsonNode gatewayRoutes;

  private Served current;
  private Future<Served> inFlight;

  MergedOpenApi(
      GatewayConfig gateway,
      Vertx vertx,
      ObjectMapper objectMapper,
      PublicRoutes publicRoutes,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
          String version) {
    this.routes = new TreeMap<>(gateway.routes());
    this.config = gateway.openapi();
    this.vertx = vertx;
    this.json = objectMapper;
    this.yaml =
        new YAMLMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS) // "1.0", "200"
                .build());
    this.merger =
        new OpenApiMerger(
            new OpenApiMerger.Settings(
                "Kiroku API",
                version,
                config.serverUrl(),
                config.realmUrl(),
                publicRoutes::isPublic));
    int timeout = (int) Math.max(1, config.fetchTimeout().toMillis());
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout(timeout)
                .setKeepAlive(false)
                .setUserAgent("kiroku-gateway"));
    this.gatewayRoutes = gatewayRoutes(objectMapper);
  }

  /** {@value #GATEWAY_ROUTES}: the routes the gateway answers itself ({@code GET /api/v1/me}). */
  static final String GATEWAY_ROUTES = "/dev/kiroku/gateway/openapi/gateway-routes.json";

  private static JsonNode gatewayRoutes(ObjectMapper json) {
    try (var in = MergedOpenApi.class.getResourceAsStream(GATEWAY_ROUTES)) {
      return json.readTree(in);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("Cannot read " + GATEWAY_ROUTES, e);
    }
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /**
   * The merged document: the cached one while it is fresh, else a new merge.
   *
   * @return completes with the document; fails only on a bug in the merge itself
   */
  public Future<Served> document() {
    Promise<Served> started;
    synchronized (this) {
      if (current != null && System.nanoTime() - current.expiresAtNanos() < 0) {
        return Future.succeededFuture(current);
      }
      if (inFlight != null) {
        return inFlight;
      }
      started = Promise.promise();
      inFlight = started.future();
    }
    fetchAll()
        .compose(this::mergeAndRender)
        .onComplete(
            result -> {
              synchronized (this) {
                if (result.succeeded()) {
                  current = result.result();
                }
                inFlight = null;
              }
              started.handle(result);
            });
    return started.future();
  }

  /** Forgets the cached document; the next request merges anew. For tests. */
  synchronized void invalidate() {
    current = null;
  }

  /** Each service's document, or the reason it has none. */
  private Future<Map<String, Fetched>> fetchAll() {
    List<Future<Fetched>> fetches = new ArrayList<>();
    routes.forEach((service, base) -> fetches.add(fetch(service, base)));
    return Future.join(fetches)
        .transform(
            ignored -> {
              Map<String, Fetched> results = new TreeMap<>();
              fetches.forEach(f -> results.put(f.result().service(), f.result()));
              return Future.succeededFuture(results);
            });
  }

  /** One service's document; never fails (a failure is a {@link Fetched} without document). */
  private Future<Fetched> fetch(String service, URI base) {
    String url = base.getScheme() + "://" + base.getRawAuthority() + "/q/openapi?format=json";
    long timeout = Math.max(1, config.fetchTimeout().toMillis());
    Promise<Fetched> done = Promise.promise();
    long timer =
        vertx.setTimer(
            timeout,
            t ->
                done.tryComplete(
                    Fetched.failed(
                        service, new TimeoutException("no answer within " + timeout + " ms"))));
    client
        .getAbs(url)
        .putHeader("Accept", "application/json")
        .timeout(timeout)
        .send()
        .onComplete(
            response -> {
              vertx.cancelTimer(timer);
              if (response.failed()) {
                done.tryComplete(Fetched.failed(service, response.cause()));
              } else if (response.result().statusCode() != 200) {
                done.tryComplete(
                    Fetched.failed(
                        service,
                        new IllegalStateException("HTTP " + response.result().statusCode())));
              } else {
                try {
                  String body = response.result().bodyAsString();
                  done.tryComplete(
                      new Fetched(service, json.readTree(body == null ? "" : body), null));
                } catch (JsonProcessingException e) {
                  done.tryComplete(
                      Fetched.failed(service, new IllegalStateException("not JSON", e)));
                }
              }
            });
    return done.future();
  }

  private Future<Served> mergeAndRender(Map<String, Fetched> fetched) {
    return vertx.executeBlocking(
        () -> {
          Map<String, JsonNode> documents = new TreeMap<>();
          TreeSet<String> missing = new TreeSet<>();
          fetched.forEach(
              (service, result) -> {
                if (result.document() != null
                    && OpenApiMerger.isOpenApiDocument(result.document())) {
                  documents.put(service, result.document());
                } else {
                  missing.add(service);
                  LOG.warnf(
                      "OpenAPI: %s is left out of the merged document (%s)",
                      service,
                      result.failure() == null
                          ? "its answer is not an OpenAPI 3 document"
                          : String.valueOf(result.failure().getMessage()));
                }
              });
          documents.put("gateway", gatewayRoutes);
          ObjectNode merged = merger.merge(documents, missing);
          return new Served(
              merged,
              json.writeValueAsString(merged),
              yaml.writeValueAsString(merged),
              System.nanoTime() + config.cacheTtl().toNanos());
        },
        false);
  }

  /** A service's document, or why there is none. */
  private record Fetched(String service, JsonNode document, Throwable failure) {
    static Fetched failed(String service, Throwable failure) {
      return new Fetched(service, null, failure);
    }
  }
}
