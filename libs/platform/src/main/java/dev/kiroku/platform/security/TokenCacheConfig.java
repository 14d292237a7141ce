package dev.kiroku.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code kiroku.security.token-cache.*}: the cache of bearer tokens that Quarkus OIDC has already
 * verified (see {@link VerifiedTokens}).
 */
@ConfigMapping(prefix = "kiroku.security.token-cache")
public interface TokenCacheConfig {

  /**
   * Build time: turns the cache on (the {@link VerifiedTokens} augmentor and the {@link
   * CachedBearerAuthenticationMechanism}). A service sets it to {@code true} in {@code
   * application.properties}; it needs {@code quarkus-oidc} and a Micrometer registry.
   */
  @WithDefault("false")
  boolean enabled();

  /**
   * Most tokens kept (each entry holds the identity, not the token: a SHA-256 key); {@code 0}
   * stores none.
   */
  @WithDefault("10000")
  long maxSize();

  /**
   * Longest time a verified token is answered from the cache before Quarkus OIDC verifies it again,
   * whatever its own {@code exp}. Bounds how long a token keeps working after its signing key was
   * withdrawn from the realm.
   */
  @WithDefault("5m")
  Duration maxAge();
}
