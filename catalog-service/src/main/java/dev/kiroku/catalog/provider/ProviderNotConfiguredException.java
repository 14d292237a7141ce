package dev.kiroku.catalog.provider;

/**
 * The provider needs credentials (an API key, a client id and secret, a token) that are not
 * configured. catalog-service answers 503 {@code PROVIDER_NOT_CONFIGURED} naming {@link
 * #provider()}; the service itself still starts.
 */
public class ProviderNotConfiguredException extends RuntimeException {

  private final String provider;

  /**
   * @param provider the provider's {@link MediaProvider#name()}
   * @param missing the configuration keys that are missing, e.g. {@code
   *     kiroku.providers.tmdb.api-key}
   */
  public ProviderNotConfiguredException(String provider, String missing) {
    super(provider + " is not configured: set " + missing);
    this.provider = provider;
  }

  /** The provider's name, e.g. {@code "tmdb"}. */
  public String provider() {
    return provider;
  }
}
