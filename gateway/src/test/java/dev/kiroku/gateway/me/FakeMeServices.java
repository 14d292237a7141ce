package dev.kiroku.gateway.me;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The services as far as {@code GET /api/v1/me} is concerned: one local HTTP server per service.
 * Each route answers what {@link #ANSWERS} holds for {@code service + " " + uri} (status and body;
 * {@link #SILENT} never answers). Answers are held back until {@link #HOLD_UNTIL} requests have
 * arrived (at most 3 s), so a test can tell requests sent together from requests sent one after
 * another. {@link #RECEIVED} keeps what reached each service, with its headers.
 */
public class FakeMeServices implements QuarkusTestResourceLifecycleManager {

  static final List<String> SERVICES = List.of("catalog", "progress", "social", "feed", "search");

  /** An answer that never comes. */
  static final Answer SILENT = new Answer(-1, "");

  /** The connection closed instead of an answer (a service that went down). */
  static final Answer DROP = new Answer(-2, "");

  /** A service's answer. */
  record Answer(int status, String body) {}

  /** A request a service received. */
  record Received(String service, String uri, String authorization, String requestId) {}

  /** What each route answers, by {@code "service uri"}; a route not listed answers 404. */
  static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();

  /** Every request received since the last {@link #reset}. */
  static final Queue<Received> RECEIVED = new ConcurrentLinkedQueue<>();

  /** Answers wait until this many requests arrived (0: answer at once). */
  static volatile int HOLD_UNTIL;

  private static final List<Runnable> HELD = new ArrayList<>();

  private Vertx vertx;

  /** Forgets what was received and answers at once again. */
  static synchronized void reset() {
    RECEIVED.clear();
    HOLD_UNTIL = 0;
    HELD.clear();
  }

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    Map<String, String> config = new LinkedHashMap<>();
    try {
      for (String service : SERVICES) {
        HttpServer server =
            vertx.createHttpServer().requestHandler(request -> receive(service, request));
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
    config.put("kiroku.gateway.me.timeout", "1s");
    return config;
  }

  private void receive(String service, HttpServerRequest request) {
    RECEIVED.add(
        new Received(
            service,
            request.uri(),
            request.getHeader("Authorization"),
            request.getHeader("X-Request-Id")));
    Answer answer = ANSWERS.getOrDefault(service + " " + request.uri(), new Answer(404, "{}"));
    if (answer == SILENT) {
      return;
    }
    if (answer == DROP) {
      request.connection().close();
      return;
    }
    java.util.concurrent.atomic.AtomicBoolean sent =
        new java.util.concurrent.atomic.AtomicBoolean();
    Runnable respond =
        () -> {
          if (sent.compareAndSet(false, true)) {
            request
                .response()
                .setStatusCode(answer.status())
                .putHeader(
                    "Content-Type",
                    answer.status() >= 400 ? "application/problem+json" : "application/json")
                .end(answer.body());
          }
        };
    List<Runnable> release = null;
    synchronized (FakeMeServices.class) {
      if (RECEIVED.size() < HOLD_UNTIL) {
        HELD.add(respond);
        vertx.setTimer(3000, id -> respond.run());
        return;
      }
      if (!HELD.isEmpty()) {
        release = new ArrayList<>(HELD);
        HELD.clear();
      }
    }
    if (release != null) {
      release.forEach(Runnable::run);
    }
    respond.run();
  }

  /** A problem+json body with {@code detail}. */
  static String problem(int status, String detail) {
    return new JsonObject().put("status", status).put("detail", detail).encode();
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close();
    }
  }
}
