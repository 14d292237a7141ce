package dev.kiroku.social.client;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one way social-service calls Keycloak: deleting a user's account, as itself (see {@link
 * KeycloakAdminApi}), behind a SmallRye Fault Tolerance guard {@value #GUARD}: a timeout of {@value
 * #TIMEOUT_MS} ms per attempt, {@value #RETRIES} retries on 5xx answers and timeouts only ({@value
 * #RETRY_DELAY_MS} ms apart), and a circuit breaker that opens for {@value #BREAKER_DELAY_MS} ms
 * after {@value #BREAKER_VOLUME} calls of which half failed. A 404 (the account is already gone) is
 * success and never trips the breaker.
 */
@ApplicationScoped
public class KeycloakAccounts {

  /** The guard (and circuit breaker name). */
  public static final String GUARD = "keycloak-admin";

  static final long TIMEOUT_MS = 5_000;
  static final int RETRIES = 2;
  static final long RETRY_DELAY_MS = 500;
  static final int BREAKER_VOLUME = 10;
  static final long BREAKER_DELAY_MS = 10_000;

  /** Keycloak answered 5xx, or refused this service (401/403), or another unexpected status. */
  public static class KeycloakCallException extends RuntimeException {
    private final int status;

    KeycloakCallException(int status, Throwable cause) {
      super("Keycloak answered " + status, cause);
      this.status = status;
    }

    /** The HTTP status Keycloak answered. */
    public int status() {
      return status;
    }
  }

  /** A 5xx answer: retried. */
  static final class KeycloakServerException extends KeycloakCallException {
    KeycloakServerException(int status, Throwable cause) {
      super(status, cause);
    }
  }

  private static final TypeLiteral<Uni<Void>> VOID = new TypeLiteral<>() {};

  private final KeycloakAdminApi api;
  private final String realm;
  private final Guard guard =
      Guard.create()
          .withDescription(GUARD)
          .withTimeout()
          .duration(TIMEOUT_MS, ChronoUnit.MILLIS)
          .done()
          .withRetry()
          .maxRetries(RETRIES)
          .delay(RETRY_DELAY_MS, ChronoUnit.MILLIS)
          .retryOn(List.of(KeycloakServerException.class, TimeoutException.class))
          .done()
          .withCircuitBreaker()
          .name(GUARD)
          .requestVolumeThreshold(BREAKER_VOLUME)
          .delay(BREAKER_DELAY_MS, ChronoUnit.MILLIS)
          .done()
          .build();

  @Inject
  KeycloakAccounts(
      @RestClient KeycloakAdminApi api,
      @ConfigProperty(name = "kiroku.keycloak.realm", defaultValue = "kiroku") String realm) {
    this.api = api;
    this.realm = realm;
  }

  /**
   * Deletes the Keycloak account {@code userId} (its sessions and refresh tokens go with it).
   *
   * @return completes when the account is gone (deleted now, or already absent: 404); fails with
   *     {@link KeycloakCallException}, {@link TimeoutException}, {@code
   *     CircuitBreakerOpenException} or the transport's exception when Keycloak did not answer
   *     usefully
   */
  public Uni<Void> deleteAccount(String userId) {
    return guard.get(
        () ->
            api.deleteUser(realm, userId)
                .onFailure(KeycloakAccounts::isGone)
                .recoverWithNull()
                .onFailure(WebApplicationException.class)
                .transform(KeycloakAccounts::failure),
        VOID);
  }

  private static boolean isGone(Throwable failure) {
    return failure instanceof WebApplicationException w && w.getResponse().getStatus() == 404;
  }

  private static Throwable failure(Throwable failure) {
    int status = ((WebApplicationException) failure).getResponse().getStatus();
    return status >= 500
        ? new KeycloakServerException(status, failure)
        : new KeycloakCallException(status, failure);
  }
}
