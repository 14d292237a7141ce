package dev.kiroku.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Handler;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerConnectionHandler;
import io.vertx.core.http.impl.HttpServerWorker;
import io.vertx.core.impl.Deployment;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Problem+json for the two answers Vert.x and Quarkus give before any route runs, which are
 * otherwise an empty body:
 *
 * <ul>
 *   <li>a request the HTTP/1.1 codec cannot parse: a request line over {@code
 *       quarkus.http.limits.max-initial-line-length} (414 {@code URI_TOO_LONG}), headers over
 *       {@code quarkus.http.limits.max-header-size} (431 {@code HEADERS_TOO_LARGE}), anything else
 *       (bad {@code Content-Length}, a method or version that is not a token, ...: 400 {@code
 *       MALFORMED_REQUEST}). Vert.x hands these to {@code HttpServer#invalidRequestHandler}, by
 *       default {@code HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER}, which sends the status
 *       and no body. The connection is closed after the answer, as before.
 *   <li>a request target {@link URI} cannot parse ({@code /media/%zz}): Quarkus's root handler
 *       answers an empty 400 before routing. Here it is 400 {@code MALFORMED_REQUEST} naming the
 *       reason.
 * </ul>
 *
 * <p>The limits themselves do not change.
 *
 * <h2>Why reflection (Quarkus 3.34.1, Vert.x 4.5.25)</h2>
 *
 * <p>Quarkus offers no supported way to set {@code HttpServer#invalidRequestHandler} on the servers
 * it creates (quarkusio/quarkus#55082, still open; PR #55148 would add Quarkus's own handler, for
 * the access log only). {@code HttpServerOptionsCustomizer} sees only the options; route filters
 * never see these requests. Vert.x reads the handler once, when a server starts listening, into
 * each listening worker's {@code HttpServerConnectionHandler}, which every new connection reads
 * from. Once Quarkus's HTTP verticle is deployed (all its servers listen), this bean therefore:
 *
 * <ol>
 *   <li>finds the verticle's {@code HttpServer} fields (Quarkus private: {@code
 *       VertxHttpRecorder$WebDeploymentVerticle.httpServer}, {@code httpsServer}, {@code
 *       domainSocketServer});
 *   <li>calls the public {@code HttpServer#invalidRequestHandler} on each (used if it listens
 *       again), then sets the same handler on {@code TCPServerBase.childHandler} ({@code
 *       HttpServerWorker}) {@code .connectionHandler} ({@code HttpServerConnectionHandler}) {@code
 *       .invalidRequestHandler}, a final field, and wraps its {@code requestHandler} (Quarkus's
 *       root handler) with the URI check. Vert.x internals, read by name.
 * </ol>
 *
 * <p>If any step does not find what it expects (another Quarkus or Vert.x version), it logs one
 * warning and changes nothing: those requests get Vert.x's and Quarkus's empty answers again, and
 * {@code ServiceFoundationContract} fails. A connection accepted in the few milliseconds between
 * the server's start and the hook gets the empty answers too. Drop this class for a supported hook
 * when Quarkus has one.
 */
@ApplicationScoped
public class EdgeProblemHooks {

  private static final Logger LOG = Logger.getLogger(EdgeProblemHooks.class);

  /** The package of the verticle Quarkus deploys its HTTP servers in. */
  static final String QUARKUS_HTTP_VERTICLES = "io.quarkus.vertx.http.";

  private static final long POLL_MS = 10;
  private static final long GIVE_UP_MS = 120_000;

  private final Vertx vertx;
  private final ObjectMapper objectMapper;
  private final int maxInitialLineLength;
  private final long maxHeaderSize;
  private final CompletableFuture<Integer> installed = new CompletableFuture<>();

  @Inject
  EdgeProblemHooks(
      Vertx vertx,
      ObjectMapper objectMapper,
      @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096")
          int maxInitialLineLength,
      @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K")
          MemorySize maxHeaderSize) {
    this.vertx = vertx;
    this.objectMapper = objectMapper;
    this.maxInitialLineLength = maxInitialLineLength;
    this.maxHeaderSize = maxHeaderSize.asLongValue();
  }

  /**
   * Completes with the number of HTTP servers hooked, or exceptionally if the hook could not be
   * installed (for tests).
   */
  public CompletionStage<Integer> installed() {
    return installed;
  }

  /** Waits (on a Vert.x timer) until Quarkus's HTTP verticle is deployed, then installs. */
  void onStart(@Observes StartupEvent event) {
    long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MS);
    vertx.setPeriodic(
        POLL_MS,
        timer -> {
          try {
            List<HttpServer> servers = quarkusHttpServers();
            if (servers == null) {
              if (System.nanoTime() - giveUpAt > 0) {
                vertx.cancelTimer(timer);
                fail(new IllegalStateException("Quarkus's HTTP verticle was never deployed"));
              }
              return;
            }
            vertx.cancelTimer(timer);
            int hooked = install(servers);
            LOG.debugf("Malformed HTTP requests answered with problem+json on %d servers", hooked);
            installed.complete(hooked);
          } catch (ReflectiveOperationException | RuntimeException e) {
            vertx.cancelTimer(timer);
            fail(e);
          }
        });
  }

  private void fail(Exception e) {
    LOG.warnf(
        "Could not hook problem+json into the HTTP server (%s); malformed requests (414, 431, "
            + "400 before routing) get Vert.x's empty answers. See EdgeProblemHooks.",
        e.toString());
    installed.completeExceptionally(e);
  }

  /**
   * The servers of Quarkus's HTTP verticle, or null while it is not deployed yet (Vert.x lists a
   * deployment once every instance has started, i.e. every server listens).
   */
  private List<HttpServer> quarkusHttpServers() throws IllegalAccessException {
    if (!(vertx instanceof VertxInternal internal)) {
      throw new IllegalStateException("Vert.x is not a VertxInternal: " + vertx.getClass());
    }
    List<HttpServer> servers = new ArrayList<>();
    boolean deployed = false;
    for (String id : vertx.deploymentIDs()) {
      Deployment deployment = internal.getDeployment(id);
      if (deployment == null) {
        continue;
      }
      for (Verticle verticle : deployment.getVerticles()) {
        if (!verticle.getClass().getName().startsWith(QUARKUS_HTTP_VERTICLES)) {
          continue;
        }
        deployed = true;
        for (Field field : verticle.getClass().getDeclaredFields()) {
          if (HttpServer.class.isAssignableFrom(field.getType())
              && !Modifier.isStatic(field.getModifiers())) {
            field.setAccessible(true);
            if (field.get(verticle) instanceof HttpServer server) {
              servers.add(server);
            }
          }
        }
      }
    }
    return deployed ? servers : null;
  }

  private int install(List<HttpServer> servers) throws ReflectiveOperationException {
    Field childHandler = field(TCPServerBase.class, "childHandler");
    Field connectionHandler = field(HttpServerWorker.class, "connectionHandler");
    Field invalidRequestHandler = field(HttpServerConnectionHandler.class, "invalidRequestHandler");
    Field requestHandler = field(HttpServerConnectionHandler.class, "requestHandler");
    InvalidRequests invalid =
        new InvalidRequests(objectMapper, maxInitialLineLength, maxHeaderSize);
    for (HttpServer server : servers) {
      server.invalidRequestHandler(invalid);
      if (!(childHandler.get(server) instanceof HttpServerWorker worker)) {
        throw new IllegalStateException("not a listening Vert.x HTTP server: " + server);
      }
      if (!(connectionHandler.get(worker) instanceof HttpServerConnectionHandler handlers)) {
        throw new IllegalStateException("unexpected connection handler in " + worker);
      }
      invalidRequestHandler.set(handlers, invalid);
      @SuppressWarnings("unchecked")
      Handler<HttpServerRequest> root = (Handler<HttpServerRequest>) requestHandler.get(handlers);
      if (root instanceof UriCheck check) {
        root = check.next; // installed again after a dev-mode restart: one check is enough
      }
      requestHandler.set(handlers, new UriCheck(root, objectMapper));
    }
    return servers.size();
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  /**
   * True for a request target {@link URI} surely accepts: an origin-form path (with query) made
   * only of unreserved and reserved characters, no {@code %}, {@code #}, {@code [}, {@code ]}.
   * Anything else is parsed to find out.
   */
  static boolean plainTarget(String uri) {
    if (uri.isEmpty() || uri.charAt(0) != '/') {
      return false;
    }
    for (int i = 1; i < uri.length(); i++) {
      char c = uri.charAt(i);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  /** Answers a request the HTTP/1.1 codec rejected, then closes the connection. */
  static final class InvalidRequests implements Handler<HttpServerRequest> {
    private final ObjectMapper objectMapper;
    private final int maxInitialLineLength;
    private final long maxHeaderSize;

    InvalidRequests(ObjectMapper objectMapper, int maxInitialLineLength, long maxHeaderSize) {
      this.objectMapper = objectMapper;
      this.maxInitialLineLength = maxInitialLineLength;
      this.maxHeaderSize = maxHeaderSize;
    }

    @Override
    public void handle(HttpServerRequest request) {
      Problem problem =
          EdgeProblems.invalidRequest(
              request.decoderResult().cause(), maxInitialLineLength, maxHeaderSize);
      HttpServerResponse response = request.response();
      // What follows on this connection cannot be parsed: close it once the answer is out.
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      ProblemRouteHandlers.write(response, objectMapper, problem)
          .onComplete(written -> response.close());
    }
  }

  /**
   * In front of Quarkus's root handler: a request target {@link URI} cannot parse gets 400
   * problem+json (Quarkus would answer an empty 400), anything else goes on unchanged.
   */
  static final class UriCheck implements Handler<HttpServerRequest> {
    final Handler<HttpServerRequest> next;
    private final ObjectMapper objectMapper;

    UriCheck(Handler<HttpServerRequest> next, ObjectMapper objectMapper) {
      this.next = next;
      this.objectMapper = objectMapper;
    }

    @Override
    public void handle(HttpServerRequest request) {
      String uri = request.uri();
      if (uri != null && !plainTarget(uri)) {
        try {
          new URI(uri);
        } catch (URISyntaxException e) {
          ProblemRouteHandlers.write(request.response(), objectMapper, EdgeProblems.invalidUri(e));
          return;
        }
      }
      next.handle(request);
    }
  }
}
