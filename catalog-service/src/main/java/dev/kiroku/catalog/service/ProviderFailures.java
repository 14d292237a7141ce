package dev.kiroku.catalog.service;

import dev.kiroku.catalog.CatalogErrorCode;
import dev.kiroku.catalog.provider.MediaProviders;
import dev.kiroku.catalog.provider.ProviderNotConfiguredException;
import dev.kiroku.catalog.provider.ProviderUnavailableException;
import dev.kiroku.platform.problem.ProblemException;
import java.util.List;
import java.util.Map;

/** Turns a provider's failure into the problem catalog-service answers with. */
public final class ProviderFailures {

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(ProviderFailures.class);

  private ProviderFailures() {}

  /** Whether the failure is a provider's (and a stored copy may be served instead). */
  public static boolean isProviderFailure(Throwable failure) {
    return failure instanceof ProviderUnavailableException
        || failure instanceof ProviderNotConfiguredException;
  }

  /** A short reason for the stale marker, e.g. {@code "jikan unavailable"}. */
  public static String staleReason(Throwable failure) {
    LOG.warnf(failure, "Provider failed; serving the stored copy marked stale");
    if (failure instanceof ProviderUnavailableException e) {
      return e.provider() + " unavailable";
    }
    if (failure instanceof ProviderNotConfiguredException e) {
      return e.provider() + " not configured";
    }
    return "provider failed";
  }

  /**
   * The problem for a provider failure: 503 {@code PROVIDER_UNAVAILABLE} or {@code
   * PROVIDER_NOT_CONFIGURED} with extension {@code provider}; 400 {@code
   * UNSUPPORTED_EXTERNAL_SOURCE} for a source no provider looks up; other failures unchanged.
   */
  public static Throwable toProblem(Throwable failure) {
    if (failure instanceof ProviderUnavailableException e) {
      LOG.warnf(failure, "Provider %s unavailable", e.provider());
      return new ProblemException(
          CatalogErrorCode.PROVIDER_UNAVAILABLE,
          "The provider " + e.provider() + " did not answer; try again later.",
          List.of(),
          Map.of("provider", e.provider()));
    }
    if (failure instanceof ProviderNotConfiguredException e) {
      return new ProblemException(
          CatalogErrorCode.PROVIDER_NOT_CONFIGURED,
          "The provider " + e.provider() + " has no credentials configured on this server.",
          List.of(),
          Map.of("provider", e.provider()));
    }
    if (failure instanceof MediaProviders.UnsupportedSourceException e) {
      return new ProblemException(CatalogErrorCode.UNSUPPORTED_EXTERNAL_SOURCE, e.getMessage());
    }
    return failure;
  }
}
