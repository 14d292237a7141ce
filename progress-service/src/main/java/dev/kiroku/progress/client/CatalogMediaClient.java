package dev.kiroku.progress.client;

import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one way progress-service calls catalog-service, as itself (client credentials, see {@link
 * CatalogApi}), each call behind one of two SmallRye Fault Tolerance guards: {@value #STORED}
 * (items catalog-service stores: {@link #media}, {@link #stored}) and {@value #FETCHES} (lookups
 * that may ask a provider: {@link #fetched}). Each guard has:
 *
 * <ul>
 *   <li>a <b>timeout</b> per attempt: {@value #STORED_TIMEOUT_MS} ms for stored items, {@value
 *       #FETCH_TIMEOUT_MS} ms when catalog-service may ask a provider;
 *   <li><b>retries</b> on 5xx answers and timeouts only ({@value #RETRIES} more tries, {@value
 *       #RETRY_DELAY_MS} ms apart with up to {@value #RETRY_JITTER_MS} ms jitter);
 *   <li>a <b>circuit breaker</b> (named as the guard): after {@value #BREAKER_VOLUME} calls of
 *       which half failed it opens for {@value #BREAKER_DELAY_MS} ms and calls fail at once with
 *       {@code CircuitBreakerOpenException}. A 404 (and any 4xx other than 401/403) is an answer,
 *       never a failure, so it never trips the breaker; a provider that is down opens only {@value
 *       #FETCHES}.
 * </ul>
 *
 * <p>Every failure means "catalog-service did not answer usefully": {@link CatalogCallException}
 * (5xx, or 401/403 when it refuses this service's identity), {@link TimeoutException}, {@code
 * CircuitBreakerOpenException}, or the transport's exception (connection refused, no token from
 * Keycloak).
 */
@ApplicationScoped
public class CatalogMediaClient {

  /** The guard (and circuit breaker name) of reads of what catalog-service stores. */
  public static final String STORED = "catalog-service-stored";

  /** The guard (and circuit breaker name) of lookups that may ask a provider. */
  public static final String FETCHES = "catalog-service-fetches";

  static final long STORED_TIMEOUT_MS = 3_000;
  static final long FETCH_TIMEOUT_MS = 15_000;
  static final int RETRIES = 2;
  static final long RETRY_DELAY_MS = 200;
  static final long RETRY_JITTER_MS = 100;
  static final int BREAKER_VOLUME = 20;
  static final long BREAKER_DELAY_MS = 10_000;

  /** An answer of a by-external lookup. */
  public sealed interface Lookup {

    /** catalog-service has the item (Kiroku's id, type and {@code externalIds} in it). */
    record Found(MediaSnapshot media) implements Lookup {}

    /**
     * catalog-service answered without an item: 404 (unknown, also at the provider when asked), or
     * another 4xx such as 400 for a source no provider serves.
     *
     * @param status the HTTP status catalog-service answered
     */
    record NotFound(int status) implements Lookup {}
  }

  /** catalog-service answered 5xx (retried), or 401/403 (its refusal of this service's token). */
  public static class CatalogCallException extends RuntimeException {
    private final int status;

    CatalogCallException(int status, Throwable cause) {
      super("catalog-service answered " + status, cause);
      this.status = status;
    }

    /** The HTTP status catalog-service answered. */
    public int status() {
      return status;
    }
  }

  /** A 5xx answer: retried. */
  static final class CatalogServerException extends CatalogCallException {
    CatalogServerException(int status, Throwable cause) {
      super(status, cause);
    }
  }

  private static final TypeLiteral<Uni<Optional<MediaSnapshot>>> MEDIA = new TypeLiteral<>() {};
  private static final TypeLiteral<Uni<Lookup>> LOOKUP = new TypeLiteral<>() {};

  private final CatalogApi api;
  private final Guard stored = guard(STORED, STORED_TIMEOUT_MS);
  private final Guard fetches = guard(FETCHES, FETCH_TIMEOUT_MS);

  @Inject
  CatalogMediaClient(@RestClient CatalogApi api) {
    this.api = api;
  }

  private static Guard guard(String name, long timeoutMs) {
    return Guard.create()
        .withDescription(name)
        .withTimeout()
        .duration(timeoutMs, ChronoUnit.MILLIS)
        .done()
        .withRetry()
        .maxRetries(RETRIES)
        .delay(RETRY_DELAY_MS, ChronoUnit.MILLIS)
        .jitter(RETRY_JITTER_MS, ChronoUnit.MILLIS)
        .retryOn(List.of(CatalogServerException.class, TimeoutException.class))
        .done()
        .withCircuitBreaker()
        .name(name)
        .requestVolumeThreshold(BREAKER_VOLUME)
        .delay(BREAKER_DELAY_MS, ChronoUnit.MILLIS)
        .done()
        .build();
  }

  /**
   * {@code GET /api/v1/catalog/media/{id}}.
   *
   * @return the item, or empty when catalog-service does not know the id (404); fails as the class
   *     comment says when catalog-service does not answer
   */
  public Uni<Optional<MediaSnapshot>> media(UUID id) {
    return stored.get(
        () ->
            api.media(id)
                .map(Optional::ofNullable)
                .onFailure(CatalogMediaClient::isAnswer)
                .recoverWithItem(Optional.empty())
                .onFailure()
                .transform(CatalogMediaClient::failure),
        MEDIA);
  }

  /**
   * The item catalog-service stores under a provider id ({@code fetch=false}: no provider is
   * asked).
   *
   * @param source an {@code ExternalSource} key ({@code mal}, {@code tmdb}, {@code isbn}, ...)
   * @param externalId the provider's id
   * @return {@link Lookup.Found} or {@link Lookup.NotFound}; fails as the class comment says
   */
  public Uni<Lookup> stored(String source, String externalId, MediaType type) {
    return stored.get(() -> lookup(source, externalId, type, false), LOOKUP);
  }

  /**
   * The item under a provider id, fetched from the provider by catalog-service when it does not
   * know it yet ({@code fetch=true}: spends provider quota).
   *
   * @return {@link Lookup.Found} or {@link Lookup.NotFound}; fails as the class comment says (a
   *     provider that is down makes catalog-service answer 503)
   */
  public Uni<Lookup> fetched(String source, String externalId, MediaType type) {
    return fetches.get(() -> lookup(source, externalId, type, true), LOOKUP);
  }

  private Uni<Lookup> lookup(String source, String externalId, MediaType type, boolean fetch) {
    return api.byExternal(source, externalId, type.name(), fetch)
        .<Lookup>map(Lookup.Found::new)
        .onFailure(CatalogMediaClient::isAnswer)
        .recoverWithItem(failure -> new Lookup.NotFound(status(failure)))
        .onFailure()
        .transform(CatalogMediaClient::failure);
  }

  /** A 4xx other than 401/403: catalog-service's answer about the item, not a failure. */
  private static boolean isAnswer(Throwable failure) {
    int status = status(failure);
    return status >= 400 && status < 500 && status != 401 && status != 403;
  }

  private static Throwable failure(Throwable failure) {
    int status = status(failure);
    if (status >= 500) {
      return new CatalogServerException(status, failure);
    }
    if (status == 401 || status == 403) {
      return new CatalogCallException(status, failure);
    }
    return failure;
  }

  private static int status(Throwable failure) {
    return failure instanceof WebApplicationException web && web.getResponse() != null
        ? web.getResponse().getStatus()
        : -1;
  }
}
