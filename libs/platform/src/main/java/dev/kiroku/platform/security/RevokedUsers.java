package dev.kiroku.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Users whose account was deleted, whose tokens are refused until {@link RevocationConfig#ttl()}
 * after the deletion (every token issued before it has expired by then). Kept in memory only, by
 * user id, and forgotten after that time: nothing of the user is stored.
 *
 * <p>Fed by {@link UserDeletionListener} (every {@code UserDeleted} on {@code social.events.v1},
 * including those of the last {@code ttl} before this process started) and, in the service that
 * deletes accounts, by a direct {@link #revoke} at once.
 */
@ApplicationScoped
@IfBuildProperty(name = "kiroku.security.revocations.enabled", stringValue = "true")
public class RevokedUsers {

  private final Cache<String, Instant> revoked;
  private final Duration ttl;

  @Inject
  RevokedUsers(RevocationConfig config) {
    this(config.ttl());
  }

  RevokedUsers(Duration ttl) {
    this.ttl = ttl;
    this.revoked = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(1_000_000).build();
  }

  /**
   * Refuses {@code userId}'s tokens from now on; a deletion older than the ttl is ignored.
   *
   * @param deletedAt when the account was deleted
   */
  public void revoke(String userId, Instant deletedAt) {
    if (userId != null && deletedAt.plus(ttl).isAfter(Instant.now())) {
      revoked.put(userId, deletedAt);
    }
  }

  /** Whether {@code userId}'s account was deleted (within the ttl). */
  public boolean isRevoked(String userId) {
    return userId != null && revoked.getIfPresent(userId) != null;
  }

  /**
   * Whether {@code identity} is a deleted user's: the token's {@code sub} (not the principal name,
   * which is {@code preferred_username} unless a service sets {@code
   * quarkus.oidc.token.principal-claim=sub}).
   */
  public boolean isRevoked(SecurityIdentity identity) {
    if (identity == null || identity.isAnonymous()) {
      return false;
    }
    return identity.getPrincipal() instanceof JsonWebToken jwt
        ? isRevoked(jwt.getSubject())
        : isRevoked(identity.getPrincipal().getName());
  }
}
