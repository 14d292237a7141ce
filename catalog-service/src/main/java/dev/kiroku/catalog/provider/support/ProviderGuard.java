package dev.kiroku.catalog.provider.support;

import dev.kiroku.catalog.provider.ProviderUnavailableException;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Runs a provider's HTTP calls under its {@link ProviderPolicy} with SmallRye Fault Tolerance's
 * programmatic {@link Guard}: per-attempt timeout, retries with exponential backoff on 5xx, 429,
 * transport errors, timeouts and local rate-limit rejections (a provider's {@code Retry-After},
 * seconds or HTTP date, replaces the backoff), a circuit breaker counting only the provider's
 * failures, and every {@link ProviderPolicy.RateLimitRule} as a rolling-window rate limit.
 * Non-blocking: the calls are Mutiny {@code Uni}s, delays are timers.
 *
 * <p>Failures of {@link #call}: {@link ProviderHttpException} for 4xx other than 429 (the adapter
 * decides: 404 = no such item); {@link ProviderUnavailableException} for everything else (5xx or
 * 429 after retries, timeout, open circuit, local rate limit still exceeded after retries,
 * transport error).
 */
public final class ProviderGuard {

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<Uni<Object>>() {};

  private final String provider;
  private final Guard guard;
  private final List<Guard> extraRateLimits = new ArrayList<>();

  /**
   * @param provider the provider's name, for failures
   * @param policy its resilience policy
   */
  public ProviderGuard(String provider, ProviderPolicy policy) {
    this.provider = provider;
    Guard.Builder builder =
        Guard.create()
            .withDescription("provider " + provider)
            .withTimeout()
            .duration(policy.timeout().toMillis(), ChronoUnit.MILLIS)
            .done()
            .withCircuitBreaker()
            .requestVolumeThreshold(policy.circuitRequestVolume())
            .failureRatio(policy.circuitFailureRatio())
            .delay(policy.circuitDelay().toMillis(), ChronoUnit.MILLIS)
            .successThreshold(1)
            .when(ProviderGuard::providerFault)
            .done()
            .withRetry()
            .maxRetries(policy.maxRetries())
            .delay(policy.initialBackoff().toMillis(), ChronoUnit.MILLIS)
            .maxDuration(
                policy.maxRetryAfter().multipliedBy(2).plus(policy.timeout()).toMillis(),
                ChronoUnit.MILLIS)
            .jitter(0, ChronoUnit.MILLIS)
            .whenException(t -> retryable(t, policy.maxRetryAfter()))
            .withCustomBackoff()
            .strategy(RetryAfterBackoff::new)
            .done()
            .done();
    List<ProviderPolicy.RateLimitRule> rules = policy.rateLimits();
    if (!rules.isEmpty()) {
      builder =
          builder
              .withRateLimit()
              .limit(rules.get(0).limit())
              .window(rules.get(0).window().toMillis(), ChronoUnit.MILLIS)
              .type(RateLimitType.ROLLING)
              .done();
    }
    if (policy.maxConcurrent() > 0) {
      builder =
          builder
              .withBulkhead()
              .limit(policy.maxConcurrent())
              .queueSize(policy.maxConcurrent() * 4)
              .done();
    }
    this.guard = builder.build();
    for (ProviderPolicy.RateLimitRule rule :
        rules.subList(Math.min(1, rules.size()), rules.size())) {
      extraRateLimits.add(
          Guard.create()
              .withDescription("provider " + provider + " rate limit " + rule)
              .withRateLimit()
              .limit(rule.limit())
              .window(rule.window().toMillis(), ChronoUnit.MILLIS)
              .type(RateLimitType.ROLLING)
              .done()
              .build());
    }
  }

  /**
   * Runs one provider request under the policy.
   *
   * @param request creates the request; called again for each retry
   * @return the request's item; failures as described on the class
   */
  @SuppressWarnings("unchecked")
  public <T> Uni<T> call(Supplier<Uni<T>> request) {
    Supplier<Uni<Object>> attempt =
        () ->
            Uni.createFrom()
                .deferred(() -> (Uni<? extends Object>) request.get())
                .onFailure()
                .transform(ProviderGuard::toHttpFailure)
                .map(item -> (Object) item);
    for (Guard limit : extraRateLimits) {
      Supplier<Uni<Object>> inner = attempt;
      attempt = () -> limit.get(inner, UNI);
    }
    Supplier<Uni<Object>> guarded = attempt;
    return (Uni<T>)
        Uni.createFrom()
            .deferred(() -> guard.get(guarded, UNI))
            .onFailure(t -> !(t instanceof ProviderHttpException http) || http.retryable())
            .transform(this::unavailable);
  }

  /**
   * Like {@link #call}, with a 404 (or 410) as an empty result.
   *
   * @return empty when the provider has no such item
   */
  public <T> Uni<Optional<T>> callOptional(Supplier<Uni<T>> request) {
    return this.<T>call(request)
        .map(Optional::ofNullable)
        .onFailure(
            t ->
                t instanceof ProviderHttpException http
                    && (http.status() == 404 || http.status() == 410))
        .recoverWithItem(Optional.empty());
  }

  /**
   * Turns every failure of {@code result} that is not already a {@link
   * ProviderUnavailableException} or a {@link
   * dev.kiroku.catalog.provider.ProviderNotConfiguredException} (a 4xx the adapter did not handle,
   * a mapping error) into a {@link ProviderUnavailableException}.
   */
  public <T> Uni<T> finish(Uni<T> result) {
    return result
        .onFailure(
            t ->
                !(t instanceof ProviderUnavailableException)
                    && !(t instanceof dev.kiroku.catalog.provider.ProviderNotConfiguredException))
        .transform(this::unavailable);
  }

  /** The failure for a provider error the adapter does not handle itself (e.g. a 400 or 403). */
  public ProviderUnavailableException unavailable(Throwable failure) {
    if (failure instanceof ProviderUnavailableException unavailable) {
      return unavailable;
    }
    String reason;
    if (failure instanceof ProviderHttpException http) {
      reason = http.getMessage();
    } else if (failure instanceof CircuitBreakerOpenException) {
      reason = "circuit breaker open after repeated failures";
    } else if (failure instanceof TimeoutException) {
      reason = "timed out";
    } else if (failure instanceof RateLimitException) {
      reason = "local rate limit exceeded";
    } else if (failure
        instanceof org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException) {
      reason = "too many requests in flight";
    } else {
      reason = "request failed: " + failure.getClass().getSimpleName();
    }
    return new ProviderUnavailableException(provider, reason, failure);
  }

  /** Whether the circuit breaker counts this failure against the provider. */
  static boolean providerFault(Throwable t) {
    if (t instanceof ProviderHttpException http) {
      return http.retryable();
    }
    return transport(t) || t instanceof TimeoutException;
  }

  static boolean retryable(Throwable t, Duration maxRetryAfter) {
    if (t instanceof ProviderHttpException http) {
      return http.retryable()
          && (http.retryAfter() == null || http.retryAfter().compareTo(maxRetryAfter) <= 0);
    }
    return t instanceof RateLimitException || t instanceof TimeoutException || transport(t);
  }

  private static boolean transport(Throwable t) {
    return t instanceof IOException
        || t instanceof ProcessingException
        || t instanceof io.vertx.core.VertxException
        || (t.getCause() instanceof IOException);
  }

  /** Turns the REST client's exception for an error status into a {@link ProviderHttpException}. */
  static Throwable toHttpFailure(Throwable failure) {
    if (failure instanceof WebApplicationException wae && wae.getResponse() != null) {
      Response response = wae.getResponse();
      String excerpt = null;
      try {
        if (response.hasEntity()) {
          String body = response.readEntity(String.class);
          excerpt = body == null ? null : body.strip();
          if (excerpt != null && excerpt.length() > 300) {
            excerpt = excerpt.substring(0, 300);
          }
        }
      } catch (RuntimeException unreadable) {
        excerpt = null;
      }
      return new ProviderHttpException(
          response.getStatus(),
          parseRetryAfter(response.getHeaderString("Retry-After"), Clock.systemUTC()),
          excerpt);
    }
    return failure;
  }

  /**
   * Reads {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
   *
   * @return the delay (never negative), null when absent or unreadable
   */
  public static Duration parseRetryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  /** Exponential backoff from the policy's initial delay, replaced by a provider's Retry-After. */
  static final class RetryAfterBackoff implements CustomBackoffStrategy {
    private long next;

    @Override
    public void init(long initialDelayInMillis) {
      this.next = initialDelayInMillis;
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
      long backoff = next;
      next = Math.min(next * 2, 30_000);
      if (cause instanceof ProviderHttpException http && http.retryAfter() != null) {
        return http.retryAfter().toMillis();
      }
      return backoff;
    }
  }
}
