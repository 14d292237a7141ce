package dev.kiroku.social.rest;

import dev.kiroku.social.domain.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user from the request's verified token. */
final class Callers {

  private Callers() {}

  /** The caller: token {@code sub}, {@code preferred_username} and {@code name}. */
  static Caller of(SecurityIdentity identity) {
    String userId = identity.getPrincipal().getName();
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      return new Caller(userId, jwt.getClaim("preferred_username"), jwt.getClaim("name"));
    }
    return new Caller(userId, null, null);
  }
}
