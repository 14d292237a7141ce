package dev.kiroku.catalog.provider;

/**
 * A provider could not answer: timeout, 5xx or 429 after retries, open circuit breaker, local rate
 * limit exceeded, or a body that could not be read. catalog-service serves the stored copy (marked
 * stale) if it has one, else answers 503 {@code PROVIDER_UNAVAILABLE} naming {@link #provider()}.
 */
public class ProviderUnavailableException extends RuntimeException {

  private final String provider;

  /**
   * @param provider the provider's {@link MediaProvider#name()}
   * @param reason what went wrong, for logs and the problem's detail (no secrets)
   * @param cause the underlying failure, may be null
   */
  public ProviderUnavailableException(String provider, String reason, Throwable cause) {
    super(provider + ": " + reason, cause);
    this.provider = provider;
  }

  /** The provider's name, e.g. {@code "jikan"}. */
  public String provider() {
    return provider;
  }
}
