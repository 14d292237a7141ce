package dev.kiroku.gateway.ratelimit;

import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.gateway.config.RateLimitConfig;
import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemRouteHandlers;
import dev.kiroku.platform.problem.Problems;
import dev.kiroku.platform.security.BearerTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spends a request's budget before it goes further, at three points of the router ({@code
 * RequestPipeline} installs them):
 *
 * <ol>
 *   <li>{@link #beforeCredentials}: a request to {@code /api/*} without a bearer token (a public
 *       route's, or one libs/platform then answers 401) is counted against the client's address;
 *   <li>{@link #afterRejectedCredentials}: a request whose bearer token failed verification (401)
 *       is counted against the address too;
 *   <li>{@link #afterAuthentication}: every request with a verified token is counted against its
 *       user ({@code sub}), with the budget of the user's realm roles.
 * </ol>
 *
 * <p>Every answer of a counted request carries {@code RateLimit-Policy} and {@code RateLimit}. Over
 * budget: 429 problem+json ({@code RATE_LIMITED}, with {@code policy}, {@code limit}, {@code
 * windowSeconds}, {@code retryAfterSeconds}) and {@code Retry-After}; nothing is forwarded. When
 * Redis cannot be asked, a read goes on unchecked and so does a write, unless {@code
 * fail-closed-writes} is set: then 503 problem+json ({@code SERVICE_UNAVAILABLE}) with {@code
 * Retry-After}. Each such failure is counted ({@link RedisFailures}).
 */
@ApplicationScoped
public class RateLimits {

  /** Routing-context key set once a request's budget was spent (or tried). */
  static final String COUNTED = RateLimits.class.getName() + ".counted";

  private final boolean enabled;
  private final boolean failClosedWrites;
  private final long unavailableRetryAfterSeconds;
  private final RatePolicies policies;
  private final GcraLimiter limiter;
  private final RedisFailures failures;
  private final ProblemRouteHandlers problems;
  private final MeterRegistry registry;
  private final Map<String, Counter> limited = new ConcurrentHashMap<>();

  @Inject
  RateLimits(
      GatewayConfig gatewayConfig,
      RatePolicies policies,
      Vertx vertx,
      Redis redis,
      MeterRegistry registry,
      ProblemRouteHandlers problems) {
    RateLimitConfig config = gatewayConfig.rateLimit();
    this.enabled = config.enabled();
    this.failClosedWrites = config.failClosedWrites();
    this.unavailableRetryAfterSeconds = Math.max(1, config.unavailableRetryAfter().toSeconds());
    this.policies = policies;
    this.limiter = new GcraLimiter(vertx, redis, config.keyPrefix(), config.redisTimeout());
    this.failures =
        new RedisFailures(registry, config.failureLogInterval(), config.failClosedWrites());
    this.problems = problems;
    this.registry = registry;
  }

  /**
   * Route handler on {@code /api/*} ahead of libs/platform's credentials check: a request without a
   * bearer token spends its address's budget, then goes on (to its 401, or to a public route).
   */
  public void beforeCredentials(RoutingContext ctx) {
    if (!enabled
        || BearerTokens.present(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))
        || ctx.get(COUNTED) != null) {
      ctx.next();
      return;
    }
    spend(ctx, Callers.anonymous(ctx));
  }

  /**
   * Failure handler on {@code /api/*} ahead of libs/platform's: a request refused for its
   * credentials (401) that was not counted yet spends its address's budget, then goes on to the 401
   * (or gets 429).
   */
  public void afterRejectedCredentials(RoutingContext ctx) {
    boolean unauthenticated =
        ctx.statusCode() == 401
            || (ctx.failure() != null && Problems.isUnauthenticated(ctx.failure()));
    if (!enabled || !unauthenticated || ctx.get(COUNTED) != null || ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    spend(ctx, Callers.anonymous(ctx));
  }

  /**
   * Route handler on {@code /api/*} after authentication and authorization: spends the user's
   * budget.
   */
  public void afterAuthentication(RoutingContext ctx) {
    if (!enabled || ctx.get(COUNTED) != null) {
      ctx.next();
      return;
    }
    spend(ctx, Callers.of(ctx));
  }

  private void spend(RoutingContext ctx, Caller caller) {
    ctx.put(COUNTED, Boolean.TRUE);
    String method = ctx.request().method().name();
    RatePolicy policy = policies.classify(method, ctx.normalizedPath());
    Budget budget = policy.budgetFor(caller);
    limiter
        .acquire(policy.name() + ":" + caller.key(), budget)
        .onComplete(
            answer -> {
              HttpServerResponse response = ctx.response();
              if (response.closed() || response.ended()) {
                return;
              }
              if (answer.succeeded()) {
                Decision decision = answer.result();
                RateLimitHeaders.put(response, budget, decision);
                if (decision.allowed()) {
                  ctx.next();
                } else {
                  refuse(ctx, budget, decision);
                }
                return;
              }
              boolean refuse = failClosedWrites && !RatePolicies.safe(method);
              failures.record(policy.name(), refuse, answer.cause());
              RateLimitHeaders.putUnchecked(response, budget);
              if (refuse) {
                unavailable(ctx);
              } else {
                ctx.next();
              }
            });
  }

  private void refuse(RoutingContext ctx, Budget budget, Decision decision) {
    limited
        .computeIfAbsent(
            budget.policy(),
            name ->
                Counter.builder("kiroku.gateway.ratelimit.limited")
                    .description("Requests refused with 429 for being over their budget")
                    .tag("class", name)
                    .register(registry))
        .increment();
    long retryAfter = decision.retryAfterSeconds();
    ctx.response().putHeader(RateLimitHeaders.RETRY_AFTER, Long.toString(retryAfter));
    CommonErrorCode code = CommonErrorCode.RATE_LIMITED;
    problems.send(
        ctx,
        new Problem(
            code.type(),
            code.title(),
            code.status(),
            "Over the "
                + budget.policy()
                + " budget of "
                + budget.quota()
                + " requests per "
                + budget.windowSeconds()
                + " s; retry after "
                + retryAfter
                + " s.",
            ctx.normalizedPath(),
            code.code(),
            List.of(),
            Map.of(
                "policy", budget.policy(),
                "limit", budget.quota(),
                "windowSeconds", budget.windowSeconds(),
                "retryAfterSeconds", retryAfter)));
  }

  private void unavailable(RoutingContext ctx) {
    ctx.response()
        .putHeader(RateLimitHeaders.RETRY_AFTER, Long.toString(unavailableRetryAfterSeconds));
    problems.send(
        ctx,
        Problem.of(
            CommonErrorCode.SERVICE_UNAVAILABLE,
            "Rate limits cannot be checked right now (their store does not answer), so writes are"
                + " refused; try again in "
                + unavailableRetryAfterSeconds
                + " s.",
            ctx.normalizedPath()));
  }
}
