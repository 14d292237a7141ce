package dev.kiroku.platform.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Refuses (401) an identity Quarkus OIDC verified when its user's account was deleted ({@link
 * RevokedUsers}). Runs before {@link VerifiedTokens} stores identities, so a deleted user's token
 * is never cached; {@link CachedBearerAuthenticationMechanism} checks the cached ones.
 */
@ApplicationScoped
@IfBuildProperty(name = "kiroku.security.revocations.enabled", stringValue = "true")
public class RevocationCheck implements SecurityIdentityAugmentor {

  private final RevokedUsers revoked;

  @Inject
  RevocationCheck(RevokedUsers revoked) {
    this.revoked = revoked;
  }

  /** Before every other augmentor. */
  @Override
  public int priority() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (revoked.isRevoked(identity)) {
      return Uni.createFrom().failure(new AuthenticationFailedException("account deleted"));
    }
    return Uni.createFrom().item(identity);
  }
}
