package dev.kiroku.platform.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The first HTTP authentication mechanism: a request whose {@code Authorization: Bearer} token
 * Quarkus OIDC has already verified (see {@link VerifiedTokens}) gets the stored identity; every
 * other request (no header, another scheme, a token not stored or no longer valid) is left to
 * OIDC's own mechanism, which verifies it and answers 401 challenges as before.
 *
 * <p>The token is read exactly as OIDC reads it: the header's scheme (up to the first space) must
 * be {@code Bearer} in any case, and the token is everything after that space.
 */
@ApplicationScoped
@IfBuildProperty(name = "kiroku.security.token-cache.enabled", stringValue = "true")
public class CachedBearerAuthenticationMechanism implements HttpAuthenticationMechanism {

  /** Above Quarkus OIDC's mechanism ({@code quarkus.oidc.priority}, 1001 by default). */
  public static final int PRIORITY = 2_000;

  private static final HttpCredentialTransport TRANSPORT =
      new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer");

  private final VerifiedTokens tokens;
  private final RevokedUsers revoked;

  @Inject
  CachedBearerAuthenticationMechanism(VerifiedTokens tokens, Instance<RevokedUsers> revoked) {
    this.tokens = tokens;
    this.revoked = revoked.isResolvable() ? revoked.get() : null;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String token = bearerToken(context.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (token == null) {
      return Uni.createFrom().nullItem();
    }
    SecurityIdentity identity = tokens.lookup(token, context);
    if (identity != null && revoked != null && revoked.isRevoked(identity)) {
      // a deleted account's token, verified before the deletion (RevokedUsers)
      return Uni.createFrom().failure(new AuthenticationFailedException("account deleted"));
    }
    return Uni.createFrom().item(identity);
  }

  /** The token of an {@code Authorization} header value, or null if it is not a bearer one. */
  static String bearerToken(String header) {
    return BearerTokens.fromHeader(header);
  }

  /** No challenge of its own: OIDC's mechanism answers 401s. */
  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public Uni<Boolean> sendChallenge(RoutingContext context) {
    return Uni.createFrom().item(false);
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(TokenAuthenticationRequest.class);
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom().item(TRANSPORT);
  }

  @Override
  public int getPriority() {
    return PRIORITY;
  }
}
